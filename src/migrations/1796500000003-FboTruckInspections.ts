import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * FBO fuel-farm inspections of fuel trucks as well as tanks (14 CFR 139.321(d)): an inspection
 * targets exactly one of a tank or a truck (an `fbo_equipment` row), and a truck keeps its latest
 * inspection and the overdue job's mark, as a tank does. Written by hand from the entities.
 */
export class FboTruckInspections1796500000003 implements MigrationInterface {
  name = 'FboTruckInspections1796500000003';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "fbo_fuel_inspections" ALTER COLUMN "fuel_tank_id" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "fbo_fuel_inspections" ADD "truck_id" uuid`);
    await queryRunner.query(`
      ALTER TABLE "fbo_fuel_inspections" ADD CONSTRAINT "ck_fbo_fuel_inspections_target"
        CHECK (num_nonnulls("fuel_tank_id", "truck_id") = 1)
    `);
    await queryRunner.query(`
      CREATE INDEX "ix_fbo_fuel_inspections_org_truck_time"
        ON "fbo_fuel_inspections" ("org_id", "truck_id", "inspected_at")
    `);
    await queryRunner.query(`
      ALTER TABLE "fbo_fuel_inspections" ADD CONSTRAINT "fk_fbo_fuel_inspections_truck"
        FOREIGN KEY ("truck_id") REFERENCES "fbo_equipment"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
    `);
    await queryRunner.query(`ALTER TABLE "fbo_equipment" ADD "last_inspected_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "fbo_equipment" ADD "inspection_overdue_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "fbo_equipment" DROP COLUMN "inspection_overdue_at"`);
    await queryRunner.query(`ALTER TABLE "fbo_equipment" DROP COLUMN "last_inspected_at"`);
    // Truck inspections have no place in the older schema.
    await queryRunner.query(`DELETE FROM "fbo_fuel_inspections" WHERE "truck_id" IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "fbo_fuel_inspections" DROP CONSTRAINT "fk_fbo_fuel_inspections_truck"`);
    await queryRunner.query(`DROP INDEX "ix_fbo_fuel_inspections_org_truck_time"`);
    await queryRunner.query(`ALTER TABLE "fbo_fuel_inspections" DROP CONSTRAINT "ck_fbo_fuel_inspections_target"`);
    await queryRunner.query(`ALTER TABLE "fbo_fuel_inspections" DROP COLUMN "truck_id"`);
    await queryRunner.query(`ALTER TABLE "fbo_fuel_inspections" ALTER COLUMN "fuel_tank_id" SET NOT NULL`);
  }
}
