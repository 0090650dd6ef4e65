import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * DKP context tables. Edited after generation: TypeORM records generated columns in
 * typeorm_metadata under the literal database name it generated against; current_database()
 * makes the migration correct on any database (and keeps the drift check quiet).
 */
export class DkpLedger1795241407465 implements MigrationInterface {
    name = 'DkpLedger1795241407465'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "dkp_decay_runs" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "org_id" uuid NOT NULL,
                "pool_id" uuid NOT NULL,
                "period_start" TIMESTAMP WITH TIME ZONE NOT NULL,
                "percent" numeric(5, 2) NOT NULL,
                "entries" integer NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_41b0a72f67ac686879bc2dc1c60" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_dkp_decay_runs_pool_period" ON "dkp_decay_runs" ("pool_id", "period_start")
        `);
        await queryRunner.query(`
            CREATE TABLE "dkp_pools" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "name" character varying(64) NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "late_award_fraction" numeric(3, 2) NOT NULL DEFAULT 0.5,
                "left_early_award_fraction" numeric(3, 2) NOT NULL DEFAULT 0.5,
                "decay_percent" numeric(5, 2) NOT NULL DEFAULT '0',
                "decay_period_days" integer NOT NULL DEFAULT '7',
                CONSTRAINT "PK_84e9e152b2ee600b5ef7792a050" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_dkp_pools_org_name" ON "dkp_pools" ("org_id", "name")
        `);
        await queryRunner.query(`
            CREATE TABLE "dkp_events" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "name" character varying(100) NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "default_points" numeric(12, 2) NOT NULL,
                "active" boolean NOT NULL DEFAULT true,
                "pool_id" uuid NOT NULL,
                CONSTRAINT "PK_56291327ddfd2b8a67acf0f26be" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_dkp_events_org_name" ON "dkp_events" ("org_id", "name")
        `);
        await queryRunner.query(`
            CREATE TABLE "dkp_raids" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "event_id" uuid NOT NULL,
                "pool_id" uuid NOT NULL,
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "leader_user_id" uuid,
                "notes" text NOT NULL DEFAULT '',
                "value" numeric(12, 2) NOT NULL,
                CONSTRAINT "PK_00affbb96f3ad96285c5edbcd5c" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_dkp_raids_org_pool_time" ON "dkp_raids" ("org_id", "pool_id", "starts_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_dkp_raids_org_time" ON "dkp_raids" ("org_id", "starts_at", "id")
        `);
        await queryRunner.query(`
            CREATE TABLE "dkp_attendance" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "org_id" uuid NOT NULL,
                "raid_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "character_name" character varying(32) NOT NULL,
                "flag" character varying(16) NOT NULL DEFAULT 'on_time',
                "points" numeric(12, 2) NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_39981b047ffc2ff2bb823394d8c" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_dkp_attendance_org_user" ON "dkp_attendance" ("org_id", "user_id", "raid_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_dkp_attendance_raid_user" ON "dkp_attendance" ("raid_id", "user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "dkp_balances" (
                "org_id" uuid NOT NULL,
                "pool_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "earned" numeric(12, 2) NOT NULL DEFAULT '0',
                "spent" numeric(12, 2) NOT NULL DEFAULT '0',
                "adjusted" numeric(12, 2) NOT NULL DEFAULT '0',
                "decayed" numeric(12, 2) NOT NULL DEFAULT '0',
                "balance" numeric(12, 2) NOT NULL DEFAULT '0',
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_2efbfca984f50b580232808b7da" PRIMARY KEY ("org_id", "pool_id", "user_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_dkp_balances_leaderboard" ON "dkp_balances" ("org_id", "pool_id", "balance", "user_id")
        `);
        await queryRunner.query(`
            INSERT INTO "typeorm_metadata"(
                    "database",
                    "schema",
                    "table",
                    "type",
                    "name",
                    "value"
                )
            VALUES (current_database(), $1, $2, $3, $4, $5)
        `, ["public","dkp_items","GENERATED_COLUMN","name_key","lower(name)"]);
        await queryRunner.query(`
            CREATE TABLE "dkp_items" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "name" character varying(120) NOT NULL,
                "name_key" character varying(120) GENERATED ALWAYS AS (lower(name)) STORED NOT NULL,
                "category" character varying(48) NOT NULL DEFAULT 'general',
                "rarity" character varying(16) NOT NULL DEFAULT 'common',
                "external_url" character varying(500),
                "description" text NOT NULL DEFAULT '',
                CONSTRAINT "PK_da3295b6415a7a1ace173d35394" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_dkp_items_org_name_key" ON "dkp_items" ("org_id", "name_key")
        `);
        await queryRunner.query(`
            CREATE TABLE "dkp_loot" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "org_id" uuid NOT NULL,
                "item_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "pool_id" uuid NOT NULL,
                "raid_id" uuid,
                "character_name" character varying(32),
                "amount" numeric(12, 2) NOT NULL,
                "reversed_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_6b607b3b4b8790ef2b6aed90e45" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_dkp_loot_user" ON "dkp_loot" ("org_id", "user_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_dkp_loot_item" ON "dkp_loot" ("org_id", "item_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_dkp_loot_org_time" ON "dkp_loot" ("org_id", "created_at", "id")
        `);
        await queryRunner.query(`
            CREATE TABLE "dkp_ledger" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "org_id" uuid NOT NULL,
                "pool_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "kind" character varying(16) NOT NULL,
                "bucket" character varying(16) NOT NULL,
                "amount" numeric(12, 2) NOT NULL,
                "character_name" character varying(32),
                "reason" character varying(500) NOT NULL DEFAULT '',
                "actor_user_id" uuid,
                "source" character varying(16) NOT NULL,
                "raid_id" uuid,
                "loot_id" uuid,
                "corrects_id" uuid,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_6fb53e63232b18cc26156617043" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_dkp_ledger_raid" ON "dkp_ledger" ("raid_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_dkp_ledger_character" ON "dkp_ledger" ("org_id", "character_name", "created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_dkp_ledger_user_history" ON "dkp_ledger" ("org_id", "user_id", "created_at", "id")
        `);
        await queryRunner.query(`
            CREATE TABLE "dkp_character_ownership" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "org_id" uuid NOT NULL,
                "character_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "owned_from" TIMESTAMP WITH TIME ZONE NOT NULL,
                "owned_until" TIMESTAMP WITH TIME ZONE,
                "reason" character varying(200),
                "actor_user_id" uuid,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_a5b37af7a9ab105557c9cfdb46b" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_dkp_character_ownership_char" ON "dkp_character_ownership" ("org_id", "character_id", "owned_from")
        `);
        await queryRunner.query(`
            CREATE TABLE "dkp_ranks" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "name" character varying(48) NOT NULL,
                "sort_order" integer NOT NULL DEFAULT '0',
                "discord_role_id" character varying(20),
                CONSTRAINT "PK_e4b5f309b5cc8c889e404da5c20" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_dkp_ranks_org_name" ON "dkp_ranks" ("org_id", "name")
        `);
        await queryRunner.query(`
            INSERT INTO "typeorm_metadata"(
                    "database",
                    "schema",
                    "table",
                    "type",
                    "name",
                    "value"
                )
            VALUES (current_database(), $1, $2, $3, $4, $5)
        `, ["public","dkp_characters","GENERATED_COLUMN","name_key","lower(name)"]);
        await queryRunner.query(`
            CREATE TABLE "dkp_characters" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "name" character varying(32) NOT NULL,
                "name_key" character varying(32) GENERATED ALWAYS AS (lower(name)) STORED NOT NULL,
                "character_class" character varying(32) NOT NULL,
                "level" smallint NOT NULL DEFAULT '1',
                "rank_id" uuid,
                "status" character varying(16) NOT NULL DEFAULT 'active',
                "user_id" uuid NOT NULL,
                "main_character_id" uuid,
                "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_a2557086beadf7209d06c229861" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_dkp_characters_org_class" ON "dkp_characters" ("org_id", "character_class")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_dkp_characters_org_user" ON "dkp_characters" ("org_id", "user_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_dkp_characters_org_name_key" ON "dkp_characters" ("org_id", "name_key")
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_audit_log_org_time"
        `);
        await queryRunner.query(`
            ALTER TABLE "audit_log"
            ALTER COLUMN "created_at" TYPE TIMESTAMP(3) WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "idempotency_records"
            ALTER COLUMN "created_at" TYPE TIMESTAMP(3) WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "orgs"
            ALTER COLUMN "created_at" TYPE TIMESTAMP(3) WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "users"
            ALTER COLUMN "created_at" TYPE TIMESTAMP(3) WITH TIME ZONE
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_api_keys_user"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_api_keys_org"
        `);
        await queryRunner.query(`
            ALTER TABLE "api_keys"
            ALTER COLUMN "created_at" TYPE TIMESTAMP(3) WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "oauth_states"
            ALTER COLUMN "created_at" TYPE TIMESTAMP(3) WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "refresh_tokens"
            ALTER COLUMN "created_at" TYPE TIMESTAMP(3) WITH TIME ZONE
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_invitations_org"
        `);
        await queryRunner.query(`
            ALTER TABLE "invitations"
            ALTER COLUMN "created_at" TYPE TIMESTAMP(3) WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "memberships"
            ALTER COLUMN "created_at" TYPE TIMESTAMP(3) WITH TIME ZONE
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_audit_log_org_time" ON "audit_log" ("org_id", "created_at", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_api_keys_user" ON "api_keys" ("user_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_api_keys_org" ON "api_keys" ("org_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_invitations_org" ON "invitations" ("org_id", "created_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_events"
            ADD CONSTRAINT "FK_991f10fa5db077306ef65a4b563" FOREIGN KEY ("pool_id") REFERENCES "dkp_pools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_raids"
            ADD CONSTRAINT "FK_dfafadb39319c781b52432341d0" FOREIGN KEY ("event_id") REFERENCES "dkp_events"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_raids"
            ADD CONSTRAINT "FK_807e478f3ffb8958f5ab28cb8b9" FOREIGN KEY ("pool_id") REFERENCES "dkp_pools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_attendance"
            ADD CONSTRAINT "FK_b40f86357794f5929d017bdcc1d" FOREIGN KEY ("raid_id") REFERENCES "dkp_raids"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_loot"
            ADD CONSTRAINT "FK_a3e6f4d22e5d886bd0441120f86" FOREIGN KEY ("item_id") REFERENCES "dkp_items"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_characters"
            ADD CONSTRAINT "FK_5df88cef1b9d453c348a30d3468" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_characters"
            ADD CONSTRAINT "FK_97503fe1832ea94d98abbf27a2b" FOREIGN KEY ("rank_id") REFERENCES "dkp_ranks"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_characters"
            ADD CONSTRAINT "FK_15b27a62e8d6aa4f4df0addf096" FOREIGN KEY ("main_character_id") REFERENCES "dkp_characters"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "dkp_characters" DROP CONSTRAINT "FK_15b27a62e8d6aa4f4df0addf096"
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_characters" DROP CONSTRAINT "FK_97503fe1832ea94d98abbf27a2b"
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_characters" DROP CONSTRAINT "FK_5df88cef1b9d453c348a30d3468"
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_loot" DROP CONSTRAINT "FK_a3e6f4d22e5d886bd0441120f86"
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_attendance" DROP CONSTRAINT "FK_b40f86357794f5929d017bdcc1d"
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_raids" DROP CONSTRAINT "FK_807e478f3ffb8958f5ab28cb8b9"
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_raids" DROP CONSTRAINT "FK_dfafadb39319c781b52432341d0"
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_events" DROP CONSTRAINT "FK_991f10fa5db077306ef65a4b563"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_invitations_org"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_api_keys_org"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_api_keys_user"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_audit_log_org_time"
        `);
        await queryRunner.query(`
            ALTER TABLE "memberships"
            ALTER COLUMN "created_at" TYPE TIMESTAMP(6) WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "invitations"
            ALTER COLUMN "created_at" TYPE TIMESTAMP(6) WITH TIME ZONE
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_invitations_org" ON "invitations" USING btree ("created_at", "org_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "refresh_tokens"
            ALTER COLUMN "created_at" TYPE TIMESTAMP(6) WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "oauth_states"
            ALTER COLUMN "created_at" TYPE TIMESTAMP(6) WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "api_keys"
            ALTER COLUMN "created_at" TYPE TIMESTAMP(6) WITH TIME ZONE
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_api_keys_org" ON "api_keys" USING btree ("org_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_api_keys_user" ON "api_keys" USING btree ("user_id", "created_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "users"
            ALTER COLUMN "created_at" TYPE TIMESTAMP(6) WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "orgs"
            ALTER COLUMN "created_at" TYPE TIMESTAMP(6) WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "idempotency_records"
            ALTER COLUMN "created_at" TYPE TIMESTAMP(6) WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "audit_log"
            ALTER COLUMN "created_at" TYPE TIMESTAMP(6) WITH TIME ZONE
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_audit_log_org_time" ON "audit_log" USING btree ("id", "org_id", "created_at")
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_dkp_characters_org_name_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_dkp_characters_org_user"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_dkp_characters_org_class"
        `);
        await queryRunner.query(`
            DROP TABLE "dkp_characters"
        `);
        await queryRunner.query(`
            DELETE FROM "typeorm_metadata"
            WHERE "type" = $1
                AND "name" = $2
                AND "database" = current_database()
                AND "schema" = $3
                AND "table" = $4
        `, ["GENERATED_COLUMN","name_key","public","dkp_characters"]);
        await queryRunner.query(`
            DROP INDEX "public"."uq_dkp_ranks_org_name"
        `);
        await queryRunner.query(`
            DROP TABLE "dkp_ranks"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_dkp_character_ownership_char"
        `);
        await queryRunner.query(`
            DROP TABLE "dkp_character_ownership"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_dkp_ledger_user_history"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_dkp_ledger_character"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_dkp_ledger_raid"
        `);
        await queryRunner.query(`
            DROP TABLE "dkp_ledger"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_dkp_loot_org_time"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_dkp_loot_item"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_dkp_loot_user"
        `);
        await queryRunner.query(`
            DROP TABLE "dkp_loot"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_dkp_items_org_name_key"
        `);
        await queryRunner.query(`
            DROP TABLE "dkp_items"
        `);
        await queryRunner.query(`
            DELETE FROM "typeorm_metadata"
            WHERE "type" = $1
                AND "name" = $2
                AND "database" = current_database()
                AND "schema" = $3
                AND "table" = $4
        `, ["GENERATED_COLUMN","name_key","public","dkp_items"]);
        await queryRunner.query(`
            DROP INDEX "public"."ix_dkp_balances_leaderboard"
        `);
        await queryRunner.query(`
            DROP TABLE "dkp_balances"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_dkp_attendance_raid_user"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_dkp_attendance_org_user"
        `);
        await queryRunner.query(`
            DROP TABLE "dkp_attendance"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_dkp_raids_org_time"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_dkp_raids_org_pool_time"
        `);
        await queryRunner.query(`
            DROP TABLE "dkp_raids"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_dkp_events_org_name"
        `);
        await queryRunner.query(`
            DROP TABLE "dkp_events"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_dkp_pools_org_name"
        `);
        await queryRunner.query(`
            DROP TABLE "dkp_pools"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_dkp_decay_runs_pool_period"
        `);
        await queryRunner.query(`
            DROP TABLE "dkp_decay_runs"
        `);
    }

}
