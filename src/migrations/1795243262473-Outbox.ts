import { MigrationInterface, QueryRunner } from "typeorm";

export class Outbox1795243262473 implements MigrationInterface {
    name = 'Outbox1795243262473'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "outbox_events" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "org_id" uuid NOT NULL,
                "type" character varying(100) NOT NULL,
                "payload" jsonb NOT NULL,
                "dispatched_at" TIMESTAMP(3) WITH TIME ZONE,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_6689a16c00d09b8089f6237f1d2" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_outbox_events_pending" ON "outbox_events" ("dispatched_at", "created_at")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."ix_outbox_events_pending"
        `);
        await queryRunner.query(`
            DROP TABLE "outbox_events"
        `);
    }

}
