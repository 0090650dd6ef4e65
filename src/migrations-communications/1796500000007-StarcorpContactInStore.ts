import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Star Citizen corporation, communications: contact form submissions join the member messages in
 * the communications store. On the main database (COMMUNICATIONS_DATABASE_URL unset) the table is
 * already there, made by StarcorpPublishing1796200000001, and this changes nothing; a separate
 * communications database gets it here, with the same columns, checks and indexes. Submissions
 * made before the split stay in the main database's table; nothing reads them there any more.
 */
export class StarcorpContactInStore1796500000007 implements MigrationInterface {
  name = 'StarcorpContactInStore1796500000007';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "starcorp_contact_submissions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "name" character varying(200) NOT NULL,
        "email" character varying(254) NOT NULL,
        "subject" character varying(300) NOT NULL,
        "message" text NOT NULL,
        "ip_address" character varying(45) NOT NULL,
        "user_agent" character varying(500) NOT NULL DEFAULT '',
        "status" character varying(16) NOT NULL DEFAULT 'new',
        "is_spam" boolean NOT NULL DEFAULT false,
        "spam_reasons" jsonb NOT NULL DEFAULT '[]',
        "response_sent_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "ck_starcorp_contact_submissions_status" CHECK ("status" IN ('new', 'read', 'replied', 'archived')),
        CONSTRAINT "PK_a2505a73acfdb591d0ac0e66a3b" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`
      CREATE INDEX IF NOT EXISTS "ix_starcorp_contact_submissions_org_email"
        ON "starcorp_contact_submissions" ("org_id", "email")
    `);
    await queryRunner.query(`
      CREATE INDEX IF NOT EXISTS "ix_starcorp_contact_submissions_org_status_created"
        ON "starcorp_contact_submissions" ("org_id", "status", "created_at", "id")
    `);
    await queryRunner.query(`
      CREATE INDEX IF NOT EXISTS "ix_starcorp_contact_submissions_org_created"
        ON "starcorp_contact_submissions" ("org_id", "created_at", "id")
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // On the main database the table belongs to StarcorpPublishing1796200000001, whose down() drops it.
    const [owned] = await queryRunner.query(
      `SELECT 1 FROM "typeorm_migrations" WHERE "name" = 'StarcorpPublishing1796200000001'`,
    );
    if (!owned) await queryRunner.query(`DROP TABLE "starcorp_contact_submissions"`);
  }
}
