import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The brokerage's data exports (issue 14 item 8): one row per export run, its status, the ZIP it
 * stored in the platform's file storage and the rows per CSV. At most one queued or running run
 * per org (partial unique index).
 */
export class BrokerageExports1796500000000 implements MigrationInterface {
  name = 'BrokerageExports1796500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "brokerage_export_runs" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "status" character varying(16) NOT NULL DEFAULT 'queued',
        "requested_by_id" uuid,
        "file_id" uuid,
        "size_bytes" integer,
        "counts" jsonb,
        "error" character varying(2000),
        "started_at" TIMESTAMP WITH TIME ZONE,
        "finished_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "chk_brokerage_export_runs_status"
          CHECK ("status" IN ('queued', 'running', 'completed', 'failed')),
        CONSTRAINT "PK_24a42fe3335f22cc2596ddad5e8" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(
      'CREATE INDEX "ix_brokerage_export_runs_org_created" ON "brokerage_export_runs" ("org_id", "created_at", "id")',
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_brokerage_export_runs_org_active" ON "brokerage_export_runs" ("org_id")
         WHERE "status" IN ('queued', 'running')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "brokerage_export_runs"');
  }
}
