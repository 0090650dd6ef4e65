import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The brokerage assistant (issue 14 item 9): documents given to it and what was read from them,
 * the proposals read from them, and conversations with their messages (and token usage).
 */
export class BrokerageAssistant1796500000001 implements MigrationInterface {
  name = 'BrokerageAssistant1796500000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "brokerage_assistant_documents" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "file_id" uuid NOT NULL,
        "sha256" character varying(64) NOT NULL,
        "content_type" character varying(100) NOT NULL,
        "size_bytes" integer NOT NULL,
        "file_name" character varying(255),
        "status" character varying(16) NOT NULL DEFAULT 'uploaded',
        "failure_code" character varying(32),
        "failure_reason" text,
        "text" text,
        "document_class" character varying(20),
        "entities" jsonb,
        "extractor" character varying(16),
        "tokens_used" integer NOT NULL DEFAULT '0',
        "uploaded_by_id" uuid,
        "extracted_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "chk_brokerage_assistant_documents_status"
          CHECK ("status" IN ('uploaded', 'extracting', 'extracted', 'failed')),
        CONSTRAINT "PK_e6bc719a6a963c35a6a86333590" PRIMARY KEY ("id")
      )
    `);
    await this.indexes(queryRunner, 'brokerage_assistant_documents', [
      ['uq_brokerage_assistant_documents_org_sha256', '"org_id", "sha256"', true],
      ['ix_brokerage_assistant_documents_org_created', '"org_id", "created_at", "id"'],
    ]);

    await queryRunner.query(`
      CREATE TABLE "brokerage_assistant_proposals" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "document_id" uuid,
        "kind" character varying(20) NOT NULL,
        "status" character varying(16) NOT NULL DEFAULT 'pending',
        "payload" jsonb NOT NULL,
        "result" jsonb,
        "depends_on_id" uuid,
        "applied_by_id" uuid,
        "applied_at" TIMESTAMP WITH TIME ZONE,
        "claimed_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "chk_brokerage_assistant_proposals_status"
          CHECK ("status" IN ('pending', 'applying', 'applied', 'dismissed')),
        CONSTRAINT "chk_brokerage_assistant_proposals_kind" CHECK ("kind" IN ('supplier', 'purchase_order')),
        CONSTRAINT "PK_e40ba9ad596273f03fc6ce7cbc5" PRIMARY KEY ("id")
      )
    `);
    await this.indexes(queryRunner, 'brokerage_assistant_proposals', [
      ['ix_brokerage_assistant_proposals_org_document', '"org_id", "document_id"'],
      ['ix_brokerage_assistant_proposals_org_created', '"org_id", "created_at", "id"'],
    ]);

    await queryRunner.query(`
      CREATE TABLE "brokerage_assistant_conversations" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "title" character varying(200) NOT NULL,
        "status" character varying(16) NOT NULL DEFAULT 'active',
        "context" jsonb NOT NULL DEFAULT '{}',
        "created_by_id" uuid,
        CONSTRAINT "chk_brokerage_assistant_conversations_status"
          CHECK ("status" IN ('active', 'completed', 'archived')),
        CONSTRAINT "PK_1ce421fab63722982ccf25958a6" PRIMARY KEY ("id")
      )
    `);
    await this.indexes(queryRunner, 'brokerage_assistant_conversations', [
      ['ix_brokerage_assistant_conversations_org_created', '"org_id", "created_at", "id"'],
    ]);

    await queryRunner.query(`
      CREATE TABLE "brokerage_assistant_messages" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "conversation_id" uuid NOT NULL,
        "role" character varying(16) NOT NULL,
        "content" text NOT NULL,
        "metadata" jsonb NOT NULL DEFAULT '{}',
        "prompt_tokens" integer NOT NULL DEFAULT '0',
        "completion_tokens" integer NOT NULL DEFAULT '0',
        "author_id" uuid,
        CONSTRAINT "chk_brokerage_assistant_messages_role" CHECK ("role" IN ('user', 'assistant')),
        CONSTRAINT "PK_00a87ac8100dd33f2260d6db247" PRIMARY KEY ("id")
      )
    `);
    await this.indexes(queryRunner, 'brokerage_assistant_messages', [
      ['ix_brokerage_assistant_messages_org_created', '"org_id", "created_at"'],
      ['ix_brokerage_assistant_messages_org_conversation', '"org_id", "conversation_id", "created_at", "id"'],
    ]);
    await queryRunner.query(
      `ALTER TABLE "brokerage_assistant_messages" ADD CONSTRAINT "FK_268bf1407cbd4eac9f02aeed4f4"
         FOREIGN KEY ("conversation_id") REFERENCES "brokerage_assistant_conversations"("id")
         ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  private async indexes(queryRunner: QueryRunner, table: string, indexes: [string, string, boolean?][]) {
    for (const [name, columns, unique] of indexes)
      await queryRunner.query(`CREATE ${unique ? 'UNIQUE ' : ''}INDEX "${name}" ON "${table}" (${columns})`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'brokerage_assistant_messages',
      'brokerage_assistant_conversations',
      'brokerage_assistant_proposals',
      'brokerage_assistant_documents',
    ])
      await queryRunner.query(`DROP TABLE "${table}"`);
  }
}
