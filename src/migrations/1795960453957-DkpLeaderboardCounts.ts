import { MigrationInterface, QueryRunner } from "typeorm";

export class DkpLeaderboardCounts1795960453957 implements MigrationInterface {
    name = 'DkpLeaderboardCounts1795960453957'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "dkp_pool_balance_counts" (
                "org_id" uuid NOT NULL,
                "pool_id" uuid NOT NULL,
                "balances" integer NOT NULL DEFAULT '0',
                CONSTRAINT "PK_914c86da329d4549a07407fcf56" PRIMARY KEY ("org_id", "pool_id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_pools"
            ADD "attendance_window_start" character varying(16) NOT NULL DEFAULT 'first_raid'
        `);
        // Kept by the database so that every writer of balances (ledger, bulk loader, purges)
        // keeps it right. Deferred to commit: by then the writer holds its balance rows, so
        // taking the pool's count row last cannot deadlock with another balance writer.
        await queryRunner.query(`
            CREATE FUNCTION "dkp_pool_balance_count_change"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    INSERT INTO "dkp_pool_balance_counts" ("org_id", "pool_id", "balances")
                    VALUES (NEW."org_id", NEW."pool_id", 1)
                    ON CONFLICT ("org_id", "pool_id")
                    DO UPDATE SET "balances" = "dkp_pool_balance_counts"."balances" + 1;
                ELSE
                    UPDATE "dkp_pool_balance_counts" SET "balances" = "balances" - 1
                     WHERE "org_id" = OLD."org_id" AND "pool_id" = OLD."pool_id";
                END IF;
                RETURN NULL;
            END
            $$
        `);
        await queryRunner.query(`
            CREATE CONSTRAINT TRIGGER "dkp_balances_count_insert" AFTER INSERT ON "dkp_balances"
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "dkp_pool_balance_count_change"()
        `);
        await queryRunner.query(`
            CREATE CONSTRAINT TRIGGER "dkp_balances_count_delete" AFTER DELETE ON "dkp_balances"
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "dkp_pool_balance_count_change"()
        `);
        await queryRunner.query(`
            INSERT INTO "dkp_pool_balance_counts" ("org_id", "pool_id", "balances")
            SELECT "org_id", "pool_id", count(*) FROM "dkp_balances" GROUP BY "org_id", "pool_id"
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "dkp_pools" DROP COLUMN "attendance_window_start"
        `);
        await queryRunner.query(`
            DROP TRIGGER "dkp_balances_count_delete" ON "dkp_balances"
        `);
        await queryRunner.query(`
            DROP TRIGGER "dkp_balances_count_insert" ON "dkp_balances"
        `);
        await queryRunner.query(`
            DROP FUNCTION "dkp_pool_balance_count_change"()
        `);
        await queryRunner.query(`
            DROP TABLE "dkp_pool_balance_counts"
        `);
    }

}
