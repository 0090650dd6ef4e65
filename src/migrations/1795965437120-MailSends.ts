import { MigrationInterface, QueryRunner } from 'typeorm';

/** One row per mail (purpose, subject id): the key that stops a retried mail job from sending twice. */
export class MailSends1795965437120 implements MigrationInterface {
  name = 'MailSends1795965437120';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "mail_sends" (
        "purpose" character varying(64) NOT NULL,
        "subject_id" character varying(200) NOT NULL,
        "recipient" character varying(254) NOT NULL,
        "template" character varying(64) NOT NULL,
        "status" character varying(16) NOT NULL DEFAULT 'queued',
        "attempts" integer NOT NULL DEFAULT 0,
        "message_id" character varying(255),
        "last_error" character varying(500),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "sent_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "ck_mail_sends_status" CHECK ("status" IN ('queued', 'sending', 'sent', 'uncertain')),
        CONSTRAINT "PK_mail_sends" PRIMARY KEY ("purpose", "subject_id")
      )
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "mail_sends"');
  }
}
