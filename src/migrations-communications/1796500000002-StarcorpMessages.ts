import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Star Citizen corporation, communications: messages and their receipts (one per recipient). These
 * tables live in the communications store: the main database's migrations run this one too when
 * COMMUNICATIONS_DATABASE_URL is unset, a separate communications database runs it with its own
 * migrations (see `CommunicationsStore`). No foreign key leaves the store: users and orgs are ids.
 */
export class StarcorpMessages1796500000002 implements MigrationInterface {
  name = 'StarcorpMessages1796500000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE "starcorp_messages" (
        "id" uuid NOT NULL,
        "org_id" uuid NOT NULL,
        "thread_id" uuid NOT NULL,
        "parent_message_id" uuid,
        "sender_user_id" uuid,
        "sender_name" character varying(100) NOT NULL,
        "subject" character varying(200) NOT NULL,
        "body" text NOT NULL,
        "priority" character varying(16) NOT NULL,
        "attachments" jsonb NOT NULL,
        "system" boolean NOT NULL,
        "announcement" boolean NOT NULL,
        "recipient_count" integer NOT NULL,
        "sender_deleted_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_starcorp_messages_priority" CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
        CONSTRAINT "PK_5d3187ce330b497b0a49201eabd" PRIMARY KEY ("id")
      )`,
      'CREATE INDEX "ix_starcorp_messages_org_thread" ON "starcorp_messages" ("org_id", "thread_id", "created_at")',
      `CREATE INDEX "ix_starcorp_messages_org_sender" ON "starcorp_messages" ("org_id", "sender_user_id", "created_at", "id")
         WHERE sender_deleted_at IS NULL`,
      `CREATE TABLE "starcorp_message_recipients" (
        "message_id" uuid NOT NULL,
        "recipient_user_id" uuid NOT NULL,
        "org_id" uuid NOT NULL,
        "recipient_name" character varying(100) NOT NULL,
        "read_at" TIMESTAMP WITH TIME ZONE,
        "deleted_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_0c104ee8e067796d5faf1ff73d4" PRIMARY KEY ("message_id", "recipient_user_id")
      )`,
      // The inbox (newest first) and the unread count read only these partial indexes.
      `CREATE INDEX "ix_starcorp_message_recipients_inbox"
         ON "starcorp_message_recipients" ("org_id", "recipient_user_id", "created_at", "message_id")
         WHERE deleted_at IS NULL`,
      `CREATE INDEX "ix_starcorp_message_recipients_unread" ON "starcorp_message_recipients" ("org_id", "recipient_user_id")
         WHERE read_at IS NULL AND deleted_at IS NULL`,
      `ALTER TABLE "starcorp_messages" ADD CONSTRAINT "fk_starcorp_messages_parent"
         FOREIGN KEY ("parent_message_id") REFERENCES "starcorp_messages"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
      `ALTER TABLE "starcorp_message_recipients" ADD CONSTRAINT "fk_starcorp_message_recipients_message"
         FOREIGN KEY ("message_id") REFERENCES "starcorp_messages"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    ];
    for (const sql of statements) await queryRunner.query(sql);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "starcorp_message_recipients"');
    await queryRunner.query('DROP TABLE "starcorp_messages"');
  }
}
