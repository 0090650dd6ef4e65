import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * FBO equipment in use records who holds it (`in_use_by`): the fuel order out with a truck or
 * the line service in progress, which alone frees it, or `manual` for a unit set in use by hand,
 * so that a hand can no longer free a unit a job still has. Units in use now get their holder
 * from the jobs that have them, else `manual`. Written by hand from the entity.
 */
export class FboEquipmentHolder1796500000006 implements MigrationInterface {
  name = 'FboEquipmentHolder1796500000006';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "fbo_equipment" ADD "in_use_by" character varying(64)`);
    await queryRunner.query(`
      UPDATE "fbo_equipment" e SET "in_use_by" = COALESCE(
        (SELECT 'fuel_order:' || o."id" FROM "fbo_fuel_orders" o
          WHERE o."org_id" = e."org_id" AND o."truck_id" = e."id" AND o."status" IN ('en_route', 'fueling')
          ORDER BY o."updated_at" DESC LIMIT 1),
        (SELECT 'line_service:' || s."id" FROM "fbo_line_services" s
          WHERE s."org_id" = e."org_id" AND s."equipment_id" = e."id" AND s."status" = 'in_progress'
          ORDER BY s."updated_at" DESC LIMIT 1),
        'manual')
       WHERE e."status" = 'in_use'
    `);
    await queryRunner.query(`
      ALTER TABLE "fbo_equipment" ADD CONSTRAINT "ck_fbo_equipment_in_use_by"
        CHECK (("status" = 'in_use') = ("in_use_by" IS NOT NULL))
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "fbo_equipment" DROP CONSTRAINT "ck_fbo_equipment_in_use_by"`);
    await queryRunner.query(`ALTER TABLE "fbo_equipment" DROP COLUMN "in_use_by"`);
  }
}
