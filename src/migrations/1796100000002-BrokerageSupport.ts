import { MigrationInterface, QueryRunner } from 'typeorm';

/** The brokerage's support desk: bug reports, feature requests, questions and feedback (issue 14 item 10). */
export class BrokerageSupport1796100000002 implements MigrationInterface {
  name = 'BrokerageSupport1796100000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "brokerage_bug_reports" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "title" character varying(200) NOT NULL,
        "description" text NOT NULL,
        "category" character varying(20) NOT NULL,
        "severity" character varying(10) NOT NULL DEFAULT 'medium',
        "status" character varying(16) NOT NULL DEFAULT 'new',
        "reporter_id" uuid,
        "browser" character varying(200),
        "os" character varying(200),
        "url" character varying(2000),
        "steps" text,
        "expected" text,
        "actual" text,
        "triage_notes" text NOT NULL DEFAULT '',
        "resolved_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "chk_brokerage_bug_reports_status"
          CHECK ("status" IN ('new', 'in_progress', 'resolved', 'closed', 'wont_fix')),
        CONSTRAINT "chk_brokerage_bug_reports_category"
          CHECK ("category" IN ('bug', 'feature_request', 'question', 'feedback')),
        CONSTRAINT "chk_brokerage_bug_reports_severity" CHECK ("severity" IN ('low', 'medium', 'high', 'critical')),
        CONSTRAINT "PK_c040c234c88b522d435e8ccf4c4" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(
      'CREATE INDEX "ix_brokerage_bug_reports_org_created" ON "brokerage_bug_reports" ("org_id", "created_at", "id")',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_brokerage_bug_reports_org_status" ON "brokerage_bug_reports" ("org_id", "status", "created_at")',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "brokerage_bug_reports"');
  }
}
