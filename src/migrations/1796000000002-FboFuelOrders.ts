import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * FBO fuel dispatch: fuel orders and the fuelers assigned to them. Written by hand from the entities
 * (the names are the ones TypeORM generates), so the drift check stays quiet. The two partial unique
 * indexes keep a truck, and a fueler, out on one order at a time.
 */
export class FboFuelOrders1796000000002 implements MigrationInterface {
  name = 'FboFuelOrders1796000000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "fbo_fuel_orders" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "ticket_number" character varying(32) NOT NULL,
        "flight_id" uuid,
        "aircraft_id" uuid,
        "tail_number" character varying(10) NOT NULL,
        "aircraft_type" character varying(4),
        "fuel_type" character varying(16) NOT NULL,
        "requested_gallons" numeric(12,2),
        "top_off" boolean NOT NULL DEFAULT false,
        "truck_id" uuid,
        "priority" character varying(8) NOT NULL DEFAULT 'normal',
        "csr_notes" text NOT NULL DEFAULT '',
        "line_notes" text NOT NULL DEFAULT '',
        "meter_start" numeric(12,2),
        "meter_end" numeric(12,2),
        "gallons" numeric(12,2),
        "density" numeric(6,3),
        "pounds" numeric(14,2),
        "charge_flags" text array NOT NULL DEFAULT '{}',
        "status" character varying(16) NOT NULL DEFAULT 'requested',
        "change_version" integer NOT NULL DEFAULT 0,
        "acknowledged_version" integer,
        "revision" integer NOT NULL DEFAULT 1,
        "dispatched_at" TIMESTAMP WITH TIME ZONE,
        "acknowledged_at" TIMESTAMP WITH TIME ZONE,
        "en_route_at" TIMESTAMP WITH TIME ZONE,
        "fueling_at" TIMESTAMP WITH TIME ZONE,
        "completed_at" TIMESTAMP WITH TIME ZONE,
        "reviewed_at" TIMESTAMP WITH TIME ZONE,
        "cancelled_at" TIMESTAMP WITH TIME ZONE,
        "created_by_id" uuid,
        CONSTRAINT "ck_fbo_fuel_orders_status" CHECK ("status" IN ('requested', 'dispatched', 'acknowledged', 'en_route', 'fueling', 'completed', 'reviewed', 'cancelled')),
        CONSTRAINT "ck_fbo_fuel_orders_fuel_type" CHECK ("fuel_type" IN ('jet_a', 'avgas_100ll')),
        CONSTRAINT "ck_fbo_fuel_orders_priority" CHECK ("priority" IN ('low', 'normal', 'high', 'urgent')),
        CONSTRAINT "ck_fbo_fuel_orders_request"
          CHECK (("top_off" AND "requested_gallons" IS NULL) OR (NOT "top_off" AND "requested_gallons" > 0)),
        CONSTRAINT "ck_fbo_fuel_orders_meters"
          CHECK ("meter_end" IS NULL OR ("meter_start" IS NOT NULL AND "meter_end" >= "meter_start")),
        CONSTRAINT "ck_fbo_fuel_orders_charge_flags"
          CHECK ("charge_flags" <@ ARRAY['additive', 'after_hours', 'callout']::text[]),
        CONSTRAINT "ck_fbo_fuel_orders_completed" CHECK ("status" NOT IN ('completed', 'reviewed') OR "gallons" IS NOT NULL),
        CONSTRAINT "PK_f07279275609194e00bd6586ce9" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_fbo_fuel_orders_org_ticket" ON "fbo_fuel_orders" ("org_id", "ticket_number")',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_fbo_fuel_orders_org_created" ON "fbo_fuel_orders" ("org_id", "created_at", "id")',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_fbo_fuel_orders_org_status" ON "fbo_fuel_orders" ("org_id", "status", "created_at")',
    );
    await queryRunner.query('CREATE INDEX "ix_fbo_fuel_orders_org_flight" ON "fbo_fuel_orders" ("org_id", "flight_id")');
    // One order en route or fueling per truck.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_fbo_fuel_orders_truck_busy" ON "fbo_fuel_orders" ("org_id", "truck_id")
         WHERE "status" IN ('en_route', 'fueling')`,
    );
    await queryRunner.query(`
      CREATE TABLE "fbo_fuel_order_assignments" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "fuel_order_id" uuid NOT NULL,
        "fueler_id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "busy" boolean NOT NULL DEFAULT false,
        "assigned_by_id" uuid,
        CONSTRAINT "PK_18957e25bb5d4098270a0445f5d" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_fbo_fuel_order_assignments_org_order_fueler"
         ON "fbo_fuel_order_assignments" ("org_id", "fuel_order_id", "fueler_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_fbo_fuel_order_assignments_org_fueler"
         ON "fbo_fuel_order_assignments" ("org_id", "fueler_id", "fuel_order_id")`,
    );
    // One order en route or fueling per fueler.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_fbo_fuel_order_assignments_fueler_busy"
         ON "fbo_fuel_order_assignments" ("org_id", "fueler_id") WHERE "busy"`,
    );
    const foreignKeys: [table: string, name: string, column: string, target: string, onDelete: string][] = [
      ['fbo_fuel_orders', 'fk_fbo_fuel_orders_flight', 'flight_id', 'fbo_flights', 'RESTRICT'],
      ['fbo_fuel_orders', 'fk_fbo_fuel_orders_aircraft', 'aircraft_id', 'fbo_aircraft', 'RESTRICT'],
      ['fbo_fuel_orders', 'fk_fbo_fuel_orders_truck', 'truck_id', 'fbo_equipment', 'RESTRICT'],
      ['fbo_fuel_orders', 'FK_4693d126f0ece06edc2b9d269f4', 'created_by_id', 'users', 'SET NULL'],
      ['fbo_fuel_order_assignments', 'fk_fbo_fuel_order_assignments_order', 'fuel_order_id', 'fbo_fuel_orders', 'CASCADE'],
      ['fbo_fuel_order_assignments', 'fk_fbo_fuel_order_assignments_fueler', 'fueler_id', 'fbo_fuelers', 'RESTRICT'],
      ['fbo_fuel_order_assignments', 'FK_7f25d269e752bbd2c3ae55515f2', 'assigned_by_id', 'users', 'SET NULL'],
    ];
    for (const [table, name, column, target, onDelete] of foreignKeys)
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "${name}" FOREIGN KEY ("${column}")
           REFERENCES "${target}"("id") ON DELETE ${onDelete} ON UPDATE NO ACTION`,
      );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "fbo_fuel_order_assignments"');
    await queryRunner.query('DROP TABLE "fbo_fuel_orders"');
  }
}
