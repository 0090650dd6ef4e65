import { MigrationInterface, QueryRunner } from "typeorm";

export class Webhooks1795243473637 implements MigrationInterface {
    name = 'Webhooks1795243473637'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "webhook_subscriptions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "url" character varying(2048) NOT NULL,
                "event_types" text array NOT NULL,
                "secret" character varying(100) NOT NULL,
                "active" boolean NOT NULL DEFAULT true,
                "description" character varying(500) NOT NULL DEFAULT '',
                CONSTRAINT "PK_bf631ae77d39849d599817fb6f4" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_webhook_subscriptions_org" ON "webhook_subscriptions" ("org_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "webhook_deliveries" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "org_id" uuid NOT NULL,
                "subscription_id" uuid NOT NULL,
                "event_id" uuid NOT NULL,
                "event_type" character varying(100) NOT NULL,
                "status" character varying(16) NOT NULL DEFAULT 'pending',
                "attempts" integer NOT NULL DEFAULT '0',
                "next_attempt_at" TIMESTAMP(3) WITH TIME ZONE,
                "last_attempt_at" TIMESTAMP(3) WITH TIME ZONE,
                "last_status_code" integer,
                "last_error" character varying(500),
                "delivered_at" TIMESTAMP(3) WITH TIME ZONE,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_webhook_deliveries_event" ON "webhook_deliveries" ("event_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_webhook_deliveries_log" ON "webhook_deliveries" ("subscription_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_webhook_deliveries_due" ON "webhook_deliveries" ("status", "next_attempt_at")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_webhook_deliveries_subscription_event" ON "webhook_deliveries" ("subscription_id", "event_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "webhook_subscriptions"
            ADD CONSTRAINT "FK_28b1c65bf01e6b07ba5a09c0cf0" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "webhook_deliveries"
            ADD CONSTRAINT "FK_23eb2b6ae801c52cfb79a556b8a" FOREIGN KEY ("subscription_id") REFERENCES "webhook_subscriptions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "webhook_deliveries"
            ADD CONSTRAINT "FK_27d1ee90033bdafe0ffe8f1be6f" FOREIGN KEY ("event_id") REFERENCES "outbox_events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_27d1ee90033bdafe0ffe8f1be6f"
        `);
        await queryRunner.query(`
            ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_23eb2b6ae801c52cfb79a556b8a"
        `);
        await queryRunner.query(`
            ALTER TABLE "webhook_subscriptions" DROP CONSTRAINT "FK_28b1c65bf01e6b07ba5a09c0cf0"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_webhook_deliveries_subscription_event"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_webhook_deliveries_due"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_webhook_deliveries_log"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_webhook_deliveries_event"
        `);
        await queryRunner.query(`
            DROP TABLE "webhook_deliveries"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_webhook_subscriptions_org"
        `);
        await queryRunner.query(`
            DROP TABLE "webhook_subscriptions"
        `);
    }

}
