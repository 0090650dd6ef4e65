import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * EQdkp imports run as jobs through the API (`dkp_import_runs`): status, progress per table and
 * the report. The connection details are never stored here (they travel sealed in the job data).
 * At most one queued or running import per org (partial unique index).
 */
export class DkpImportRuns1796400000000 implements MigrationInterface {
  name = 'DkpImportRuns1796400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "dkp_import_runs" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "status" character varying(16) NOT NULL DEFAULT 'queued',
        "dry_run" boolean NOT NULL DEFAULT false,
        "prefix" character varying(48) NOT NULL,
        "progress" jsonb NOT NULL DEFAULT '{}',
        "report" jsonb,
        "error" character varying(2000),
        "requested_by_user_id" uuid,
        "started_at" TIMESTAMP WITH TIME ZONE,
        "finished_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "ck_dkp_import_runs_status" CHECK ("status" IN ('queued', 'running', 'succeeded', 'failed')),
        CONSTRAINT "PK_ff7a6331d9666a02a90c6ce5449" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(
      'CREATE INDEX "ix_dkp_import_runs_org_created" ON "dkp_import_runs" ("org_id", "created_at", "id")',
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_dkp_import_runs_org_active" ON "dkp_import_runs" ("org_id") WHERE "status" IN ('queued', 'running')`,
    );
    await queryRunner.query(
      `ALTER TABLE "dkp_import_runs" ADD CONSTRAINT "FK_c34aa155ec9e4ca454a14015c2e" FOREIGN KEY ("requested_by_user_id")
         REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "dkp_import_runs"');
  }
}
