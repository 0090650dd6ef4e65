import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * FBO fuel: the tank farm (tanks, readings, inspections), fuelers, training courses and
 * certifications, and the fuel stock ledger. Written by hand from the entities (the names are the ones
 * TypeORM generates), so the drift check stays quiet.
 */
export class FboFuel1796000000001 implements MigrationInterface {
  name = 'FboFuel1796000000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "fbo_fuelers" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "fueler_name" character varying(100) NOT NULL,
        "handheld_name" character varying(64),
        "employee_id" character varying(32) NOT NULL,
        "supervisor_user_id" uuid,
        "status" character varying(8) NOT NULL DEFAULT 'active',
        CONSTRAINT "ck_fbo_fuelers_status" CHECK ("status" IN ('active', 'inactive')),
        CONSTRAINT "PK_d87a449da75eff34838a414912b" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`
      CREATE INDEX "ix_fbo_fuelers_org_name"
        ON "fbo_fuelers" ("org_id", "fueler_name", "id")
    `);
    await queryRunner.query(`
      CREATE UNIQUE INDEX "uq_fbo_fuelers_org_employee"
        ON "fbo_fuelers" ("org_id", "employee_id")
    `);
    await queryRunner.query(`
      CREATE UNIQUE INDEX "uq_fbo_fuelers_org_user"
        ON "fbo_fuelers" ("org_id", "user_id")
    `);
    await queryRunner.query(`
      CREATE TABLE "fbo_training_courses" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "name" character varying(100) NOT NULL,
        "description" text NOT NULL DEFAULT '',
        "kind" character varying(16) NOT NULL,
        "validity_days" integer,
        "validity_calendar_months" integer,
        "aircraft_type" character varying(32),
        "fuel_types" text array NOT NULL DEFAULT '{}',
        "required" boolean NOT NULL DEFAULT true,
        CONSTRAINT "ck_fbo_training_courses_validity" CHECK (num_nonnulls("validity_days", "validity_calendar_months") = 1),
        CONSTRAINT "ck_fbo_training_courses_kind" CHECK ("kind" IN ('initial', 'recurrent', 'supervisor')),
        CONSTRAINT "PK_94a0601483527d83cbc96e88f04" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`
      CREATE UNIQUE INDEX "uq_fbo_training_courses_org_name"
        ON "fbo_training_courses" ("org_id", "name")
    `);
    await queryRunner.query(`
      CREATE TABLE "fbo_certifications" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "fueler_id" uuid NOT NULL,
        "course_id" uuid NOT NULL,
        "completed_on" date NOT NULL,
        "expires_on" date NOT NULL,
        "certified_by_id" uuid,
        "notes" text NOT NULL DEFAULT '',
        "expiring_announced_for" date,
        "expired_announced_for" date,
        CONSTRAINT "PK_d485bf8970a9ddfa4b937c8b1d2" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`
      CREATE INDEX "ix_fbo_certifications_org_expires"
        ON "fbo_certifications" ("org_id", "expires_on", "id")
    `);
    await queryRunner.query(`
      CREATE UNIQUE INDEX "uq_fbo_certifications_org_fueler_course"
        ON "fbo_certifications" ("org_id", "fueler_id", "course_id")
    `);
    await queryRunner.query(`
      CREATE TABLE "fbo_certification_records" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "fueler_id" uuid NOT NULL,
        "course_id" uuid NOT NULL,
        "completed_on" date NOT NULL,
        "expires_on" date NOT NULL,
        "certified_by_id" uuid,
        "notes" text NOT NULL DEFAULT '',
        CONSTRAINT "PK_ea4444c5775957afb3b84ba4b6f" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`
      CREATE INDEX "ix_fbo_certification_records_org_fueler_completed"
        ON "fbo_certification_records" ("org_id", "fueler_id", "completed_on")
    `);
    await queryRunner.query(`
      CREATE TABLE "fbo_training_assignments" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "fueler_id" uuid NOT NULL,
        "course_id" uuid NOT NULL,
        "due_on" date NOT NULL,
        "status" character varying(16) NOT NULL DEFAULT 'assigned',
        "assigned_by_id" uuid,
        "closed_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "ck_fbo_training_assignments_status" CHECK ("status" IN ('assigned', 'completed', 'cancelled')),
        CONSTRAINT "PK_615ae73033d35dd3603d4bfd5ba" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`
      CREATE INDEX "ix_fbo_training_assignments_org_fueler"
        ON "fbo_training_assignments" ("org_id", "fueler_id", "course_id")
    `);
    await queryRunner.query(`
      CREATE INDEX "ix_fbo_training_assignments_org_due"
        ON "fbo_training_assignments" ("org_id", "due_on", "id")
    `);
    await queryRunner.query(`
      CREATE TABLE "fbo_fuel_tanks" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "tank_id" character varying(32) NOT NULL,
        "name" character varying(100) NOT NULL,
        "fuel_type" character varying(16) NOT NULL,
        "capacity_gallons" numeric(12,2) NOT NULL,
        "min_level_inches" numeric(7,2) NOT NULL,
        "max_level_inches" numeric(7,2) NOT NULL,
        "usable_min_inches" numeric(7,2) NOT NULL,
        "usable_max_inches" numeric(7,2) NOT NULL,
        "calibration_table" jsonb NOT NULL,
        "low_level_gallons" numeric(12,2) NOT NULL,
        "critical_level_gallons" numeric(12,2) NOT NULL,
        "last_reading_at" TIMESTAMP WITH TIME ZONE,
        "last_level_inches" numeric(7,2),
        "last_gallons" numeric(12,2),
        "last_water_detected" boolean,
        "alert_level" character varying(8) NOT NULL DEFAULT 'ok',
        "last_inspected_at" TIMESTAMP WITH TIME ZONE,
        "inspection_overdue_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "ck_fbo_fuel_tanks_fuel_type" CHECK ("fuel_type" IN ('jet_a', 'avgas_100ll')),
        CONSTRAINT "PK_70a3e1633179e13336ca90571b7" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`
      CREATE UNIQUE INDEX "uq_fbo_fuel_tanks_org_tank_id"
        ON "fbo_fuel_tanks" ("org_id", "tank_id")
    `);
    await queryRunner.query(`
      CREATE TABLE "fbo_fuel_inspections" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "fuel_tank_id" uuid NOT NULL,
        "result" character varying(4) NOT NULL,
        "checklist" jsonb NOT NULL,
        "findings" text NOT NULL DEFAULT '',
        "inspector_id" uuid NOT NULL,
        "inspected_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_a4fda3226cfaee7e9cb30b66e0a" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`
      CREATE INDEX "ix_fbo_fuel_inspections_org_tank_time"
        ON "fbo_fuel_inspections" ("org_id", "fuel_tank_id", "inspected_at")
    `);
    await queryRunner.query(`
      CREATE TABLE "fbo_fuel_tank_readings" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "fuel_tank_id" uuid NOT NULL,
        "level_inches" numeric(7,2) NOT NULL,
        "gallons" numeric(12,2) NOT NULL,
        "water_detected" boolean NOT NULL DEFAULT false,
        "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "source" character varying(8) NOT NULL,
        "recorded_by_id" uuid,
        CONSTRAINT "PK_6c28b391245b0905cf42d0c95af" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`
      CREATE UNIQUE INDEX "uq_fbo_fuel_tank_readings_org_tank_time"
        ON "fbo_fuel_tank_readings" ("org_id", "fuel_tank_id", "recorded_at")
    `);
    await queryRunner.query(`
      CREATE TABLE "fbo_fuel_movements" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "kind" character varying(16) NOT NULL,
        "fuel_type" character varying(16) NOT NULL,
        "from_holder_id" uuid,
        "to_holder_id" uuid,
        "gallons" numeric(12,2) NOT NULL,
        "book_gallons" numeric(12,2),
        "measured_gallons" numeric(12,2),
        "reference" character varying(100),
        "note" text NOT NULL DEFAULT '',
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "recorded_by_id" uuid,
        CONSTRAINT "ck_fbo_fuel_movements_kind" CHECK ("kind" IN ('receipt', 'transfer', 'defuel', 'adjustment', 'dispense')),
        CONSTRAINT "ck_fbo_fuel_movements_holders" CHECK ("from_holder_id" IS NOT NULL OR "to_holder_id" IS NOT NULL),
        CONSTRAINT "ck_fbo_fuel_movements_gallons" CHECK ("gallons" > 0),
        CONSTRAINT "PK_3eee605dd4aec688bc50e389096" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`
      CREATE INDEX "ix_fbo_fuel_movements_org_to"
        ON "fbo_fuel_movements" ("org_id", "to_holder_id")
    `);
    await queryRunner.query(`
      CREATE INDEX "ix_fbo_fuel_movements_org_from"
        ON "fbo_fuel_movements" ("org_id", "from_holder_id")
    `);
    await queryRunner.query(`
      CREATE INDEX "ix_fbo_fuel_movements_org_time"
        ON "fbo_fuel_movements" ("org_id", "occurred_at", "id")
    `);
    await queryRunner.query(`
      CREATE TABLE "fbo_fuel_stock" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "holder_kind" character varying(8) NOT NULL,
        "holder_id" uuid NOT NULL,
        "fuel_type" character varying(16) NOT NULL,
        "gallons" numeric(12,2) NOT NULL DEFAULT '0',
        CONSTRAINT "ck_fbo_fuel_stock_holder_kind" CHECK ("holder_kind" IN ('tank', 'truck')),
        CONSTRAINT "ck_fbo_fuel_stock_nonnegative" CHECK ("gallons" >= 0),
        CONSTRAINT "PK_3ab503563db9638540af4223005" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`
      CREATE UNIQUE INDEX "uq_fbo_fuel_stock_org_holder"
        ON "fbo_fuel_stock" ("org_id", "holder_id")
    `);
    await queryRunner.query(`
      ALTER TABLE "fbo_fuelers" ADD CONSTRAINT "FK_94e9061ab52692602d1e6376475"
        FOREIGN KEY ("supervisor_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION
    `);
    await queryRunner.query(`
      ALTER TABLE "fbo_fuelers" ADD CONSTRAINT "FK_1ef2c2806a431a8b28c6b2acc80"
        FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
    `);
    await queryRunner.query(`
      ALTER TABLE "fbo_certifications" ADD CONSTRAINT "FK_0ed38efc4cb2b9e16ff370c0c29"
        FOREIGN KEY ("fueler_id") REFERENCES "fbo_fuelers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
    `);
    await queryRunner.query(`
      ALTER TABLE "fbo_certifications" ADD CONSTRAINT "FK_5bb37ea2792bb212f7742bf7e07"
        FOREIGN KEY ("course_id") REFERENCES "fbo_training_courses"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
    `);
    await queryRunner.query(`
      ALTER TABLE "fbo_certifications" ADD CONSTRAINT "FK_c4656a64dc0a09c66b0682893c8"
        FOREIGN KEY ("certified_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION
    `);
    await queryRunner.query(`
      ALTER TABLE "fbo_certification_records" ADD CONSTRAINT "FK_1ee86567a6e0b94ffc14906c617"
        FOREIGN KEY ("fueler_id") REFERENCES "fbo_fuelers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
    `);
    await queryRunner.query(`
      ALTER TABLE "fbo_certification_records" ADD CONSTRAINT "FK_9d9b6a50f5b2dff315bd1d70097"
        FOREIGN KEY ("course_id") REFERENCES "fbo_training_courses"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
    `);
    await queryRunner.query(`
      ALTER TABLE "fbo_certification_records" ADD CONSTRAINT "FK_30871b93311dff294f6bf1e45ae"
        FOREIGN KEY ("certified_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION
    `);
    await queryRunner.query(`
      ALTER TABLE "fbo_training_assignments" ADD CONSTRAINT "FK_da030899df0bfa2bb00f8ba52e2"
        FOREIGN KEY ("fueler_id") REFERENCES "fbo_fuelers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
    `);
    await queryRunner.query(`
      ALTER TABLE "fbo_training_assignments" ADD CONSTRAINT "FK_cab92a341325b5fa8e1f1def41d"
        FOREIGN KEY ("course_id") REFERENCES "fbo_training_courses"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
    `);
    await queryRunner.query(`
      ALTER TABLE "fbo_training_assignments" ADD CONSTRAINT "FK_eee0e658e3c3f167abc1d9087e8"
        FOREIGN KEY ("assigned_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION
    `);
    await queryRunner.query(`
      ALTER TABLE "fbo_fuel_inspections" ADD CONSTRAINT "FK_991f6df7852010796d77c8e4f44"
        FOREIGN KEY ("fuel_tank_id") REFERENCES "fbo_fuel_tanks"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
    `);
    await queryRunner.query(`
      ALTER TABLE "fbo_fuel_inspections" ADD CONSTRAINT "FK_23152ce04da154801e6c30ac362"
        FOREIGN KEY ("inspector_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
    `);
    await queryRunner.query(`
      ALTER TABLE "fbo_fuel_tank_readings" ADD CONSTRAINT "FK_ff7b237923b60d05c84b83cf368"
        FOREIGN KEY ("fuel_tank_id") REFERENCES "fbo_fuel_tanks"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
    `);
    await queryRunner.query(`
      ALTER TABLE "fbo_fuel_tank_readings" ADD CONSTRAINT "FK_4e97538f59ab8607fb56cb39af9"
        FOREIGN KEY ("recorded_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION
    `);
    await queryRunner.query(`
      ALTER TABLE "fbo_fuel_movements" ADD CONSTRAINT "FK_95c9b314b68b783ba6556956eaa"
        FOREIGN KEY ("recorded_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // One statement: Postgres drops the listed tables whatever their foreign keys between them.
    await queryRunner.query(`
      DROP TABLE "fbo_fuelers",
        "fbo_training_courses",
        "fbo_certifications",
        "fbo_certification_records",
        "fbo_training_assignments",
        "fbo_fuel_tanks",
        "fbo_fuel_inspections",
        "fbo_fuel_tank_readings",
        "fbo_fuel_movements",
        "fbo_fuel_stock"
    `);
  }
}
