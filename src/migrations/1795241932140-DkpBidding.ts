import { MigrationInterface, QueryRunner } from "typeorm";

export class DkpBidding1795241932140 implements MigrationInterface {
    name = 'DkpBidding1795241932140'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "dkp_bid_sessions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "item_id" uuid NOT NULL,
                "pool_id" uuid NOT NULL,
                "raid_id" uuid,
                "quantity" smallint NOT NULL DEFAULT '1',
                "min_bid" numeric(12, 2) NOT NULL DEFAULT '0',
                "status" character varying(16) NOT NULL DEFAULT 'open',
                "closes_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                "closed_at" TIMESTAMP(3) WITH TIME ZONE,
                "awarded_at" TIMESTAMP(3) WITH TIME ZONE,
                "rules" jsonb NOT NULL,
                "started_by_user_id" uuid,
                CONSTRAINT "PK_3275f142a21a1090db2f52f90d4" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_dkp_bid_sessions_pool_status" ON "dkp_bid_sessions" ("org_id", "pool_id", "status")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_dkp_bid_sessions_org_status" ON "dkp_bid_sessions" ("org_id", "status", "closes_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "dkp_bids" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "org_id" uuid NOT NULL,
                "session_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "character_name" character varying(32),
                "amount" numeric(12, 2) NOT NULL,
                "roll" smallint NOT NULL,
                "price" numeric(12, 2),
                "loot_id" uuid,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_a75edee1140eec656276aed3cf0" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_dkp_bids_session_user" ON "dkp_bids" ("session_id", "user_id", "created_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_pools"
            ADD "auction_mode" character varying(8) NOT NULL DEFAULT 'open'
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_pools"
            ADD "auction_pricing" character varying(16) NOT NULL DEFAULT 'first_price'
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_pools"
            ADD "second_price_increment" numeric(12, 2) NOT NULL DEFAULT '1'
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_pools"
            ADD "min_increment" numeric(12, 2) NOT NULL DEFAULT '1'
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_pools"
            ADD "allow_equal_bids" boolean NOT NULL DEFAULT false
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_pools"
            ADD "tie_break_order" text array NOT NULL DEFAULT '{earliest_bid,attendance,roll}'
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_pools"
            ADD "anti_snipe_seconds" integer NOT NULL DEFAULT '30'
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_pools"
            ADD "default_auction_seconds" integer NOT NULL DEFAULT '120'
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_bids"
            ADD CONSTRAINT "FK_ea650e3b7fa9b92f7538faf3ed2" FOREIGN KEY ("session_id") REFERENCES "dkp_bid_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "dkp_bids" DROP CONSTRAINT "FK_ea650e3b7fa9b92f7538faf3ed2"
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_pools" DROP COLUMN "default_auction_seconds"
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_pools" DROP COLUMN "anti_snipe_seconds"
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_pools" DROP COLUMN "tie_break_order"
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_pools" DROP COLUMN "allow_equal_bids"
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_pools" DROP COLUMN "min_increment"
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_pools" DROP COLUMN "second_price_increment"
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_pools" DROP COLUMN "auction_pricing"
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_pools" DROP COLUMN "auction_mode"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_dkp_bids_session_user"
        `);
        await queryRunner.query(`
            DROP TABLE "dkp_bids"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_dkp_bid_sessions_org_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_dkp_bid_sessions_pool_status"
        `);
        await queryRunner.query(`
            DROP TABLE "dkp_bid_sessions"
        `);
    }

}
