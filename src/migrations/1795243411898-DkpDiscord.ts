import { MigrationInterface, QueryRunner } from "typeorm";

export class DkpDiscord1795243411898 implements MigrationInterface {
    name = 'DkpDiscord1795243411898'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "dkp_discord_role_mappings" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "discord_role_id" character varying(20) NOT NULL,
                "kind" character varying(8) NOT NULL,
                "rank_id" uuid,
                "tier" character varying(16),
                "and_above" boolean NOT NULL DEFAULT false,
                "label" character varying(100),
                CONSTRAINT "ck_dkp_discord_role_mappings_target" CHECK (
                    (
                        kind = 'rank'
                        AND rank_id IS NOT NULL
                        AND tier IS NULL
                    )
                    OR (
                        kind = 'tier'
                        AND tier IS NOT NULL
                        AND rank_id IS NULL
                    )
                ),
                CONSTRAINT "PK_d93a553b4391644371c21e8637b" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_dkp_discord_role_mappings_tier" ON "dkp_discord_role_mappings" ("org_id", "discord_role_id", "tier")
            WHERE kind = 'tier'
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_dkp_discord_role_mappings_rank" ON "dkp_discord_role_mappings" ("org_id", "discord_role_id", "rank_id")
            WHERE kind = 'rank'
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_dkp_discord_role_mappings_org" ON "dkp_discord_role_mappings" ("org_id", "kind")
        `);
        await queryRunner.query(`
            CREATE TABLE "dkp_discord_sync_log" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "org_id" uuid NOT NULL,
                "action" character varying(16) NOT NULL,
                "discord_id" character varying(20) NOT NULL,
                "user_id" uuid,
                "added" text array NOT NULL DEFAULT '{}',
                "removed" text array NOT NULL DEFAULT '{}',
                "ok" boolean NOT NULL,
                "error" character varying(500),
                "actor_user_id" uuid,
                "api_key_id" uuid,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_e71f3389621afa631995a5e3904" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_dkp_discord_sync_log_org_discord" ON "dkp_discord_sync_log" ("org_id", "discord_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_dkp_discord_sync_log_org_created" ON "dkp_discord_sync_log" ("org_id", "created_at", "id")
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_discord_role_mappings"
            ADD CONSTRAINT "FK_3dc6e20ef39c91e33ec4117b981" FOREIGN KEY ("rank_id") REFERENCES "dkp_ranks"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "dkp_discord_role_mappings" DROP CONSTRAINT "FK_3dc6e20ef39c91e33ec4117b981"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_dkp_discord_sync_log_org_created"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_dkp_discord_sync_log_org_discord"
        `);
        await queryRunner.query(`
            DROP TABLE "dkp_discord_sync_log"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_dkp_discord_role_mappings_org"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_dkp_discord_role_mappings_rank"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_dkp_discord_role_mappings_tier"
        `);
        await queryRunner.query(`
            DROP TABLE "dkp_discord_role_mappings"
        `);
    }

}
