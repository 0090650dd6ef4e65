import { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-org gapless document counters (src/platform/numbering): purchase orders, invoices, tickets. */
export class DocumentCounters1796050000000 implements MigrationInterface {
  name = 'DocumentCounters1796050000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "document_counters" (
        "org_id" uuid NOT NULL,
        "sequence" character varying(64) NOT NULL,
        "last_value" bigint NOT NULL,
        CONSTRAINT "PK_72a61bb2b8799febcb90beb41b6" PRIMARY KEY ("org_id", "sequence")
      )
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "document_counters"');
  }
}
