import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per (queue, cron period) that some instance has queued: the unique key makes every
 * other instance's claim of the same period a no-op. pg-boss creates its own schema (`pgboss`).
 */
export class JobScheduleClaims1795962591173 implements MigrationInterface {
  name = 'JobScheduleClaims1795962591173';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "job_schedule_claims" (
        "queue" character varying(100) NOT NULL,
        "period_start" TIMESTAMP WITH TIME ZONE NOT NULL,
        "claimed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_job_schedule_claims" PRIMARY KEY ("queue", "period_start")
      )
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "job_schedule_claims"');
  }
}
