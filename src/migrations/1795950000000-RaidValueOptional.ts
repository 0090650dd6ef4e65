import { MigrationInterface, QueryRunner } from "typeorm";

/** A raid created with `value: null` leaves its value to the first RaidTick import (its Points column). */
export class RaidValueOptional1795950000000 implements MigrationInterface {
    name = 'RaidValueOptional1795950000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "dkp_raids"
            ALTER COLUMN "value" DROP NOT NULL
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            UPDATE "dkp_raids" r SET "value" = e."default_points"
            FROM "dkp_events" e WHERE e."id" = r."event_id" AND r."value" IS NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_raids"
            ALTER COLUMN "value" SET NOT NULL
        `);
    }
}
