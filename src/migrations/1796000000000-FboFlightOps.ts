import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * FBO flight operations: settings, parking locations, aircraft, flights, ground equipment and its
 * maintenance log, line services.
 */
export class FboFlightOps1796000000000 implements MigrationInterface {
  name = 'FboFlightOps1796000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "fbo_settings" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "airports" text array NOT NULL DEFAULT '{}',
        "time_zone" character varying(64) NOT NULL DEFAULT 'UTC',
        "jet_a_density" numeric(6,3) NOT NULL DEFAULT 6.7,
        "avgas_100ll_density" numeric(6,3) NOT NULL DEFAULT 6.0,
        "tags" text array NOT NULL DEFAULT '{}',
        CONSTRAINT "PK_a62d43a132d268c23f3f13a7e67" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query('CREATE UNIQUE INDEX "uq_fbo_settings_org" ON "fbo_settings" ("org_id")');

    await queryRunner.query(`
      CREATE TABLE "fbo_parking_locations" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "location_code" character varying(16) NOT NULL,
        "description" character varying(200) NOT NULL DEFAULT '',
        "airport" character varying(4) NOT NULL,
        "terminal" character varying(32),
        "gate" character varying(16),
        "latitude" numeric(9,6),
        "longitude" numeric(9,6),
        "polygon" jsonb,
        "display_order" integer NOT NULL DEFAULT 0,
        "active" boolean NOT NULL DEFAULT true,
        CONSTRAINT "PK_18609a969f094f8f4f23ab1d8cf" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_fbo_parking_locations_org_airport_code"
         ON "fbo_parking_locations" ("org_id", "airport", "location_code")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_fbo_parking_locations_org_order"
         ON "fbo_parking_locations" ("org_id", "airport", "display_order", "location_code")`,
    );

    await queryRunner.query(`
      CREATE TABLE "fbo_aircraft" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "tail_number" character varying(10) NOT NULL,
        "type_icao" character varying(4),
        "type_display" character varying(64),
        "airline_icao" character varying(3),
        "fleet_id" character varying(32),
        "operator" character varying(100),
        CONSTRAINT "PK_d93120c1dd9d23f5f742d3f4838" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query('CREATE UNIQUE INDEX "uq_fbo_aircraft_org_tail" ON "fbo_aircraft" ("org_id", "tail_number")');

    await queryRunner.query(`
      CREATE TABLE "fbo_flights" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "aircraft_id" uuid,
        "call_sign" character varying(16),
        "arrival_at" TIMESTAMP WITH TIME ZONE,
        "departure_at" TIMESTAMP WITH TIME ZONE,
        "board_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "actual_arrival_at" TIMESTAMP WITH TIME ZONE,
        "actual_departure_at" TIMESTAMP WITH TIME ZONE,
        "origin" character varying(4),
        "destination" character varying(4),
        "contact_name" character varying(100),
        "services" text array NOT NULL DEFAULT '{}',
        "fuel_order_notes" text NOT NULL DEFAULT '',
        "passenger_count" integer,
        "parking_location_id" uuid,
        "source" character varying(16) NOT NULL DEFAULT 'front_desk',
        "tags" text array NOT NULL DEFAULT '{}',
        "status" character varying(16) NOT NULL DEFAULT 'planned',
        CONSTRAINT "ck_fbo_flights_status"
          CHECK ("status" IN ('planned', 'scheduled', 'delayed', 'arrived', 'departed', 'cancelled')),
        CONSTRAINT "ck_fbo_flights_source" CHECK ("source" IN ('front_desk', 'line', 'integration', 'calendar')),
        CONSTRAINT "ck_fbo_flights_times" CHECK ("arrival_at" IS NOT NULL OR "departure_at" IS NOT NULL),
        CONSTRAINT "ck_fbo_flights_order"
          CHECK ("departure_at" IS NULL OR "arrival_at" IS NULL OR "departure_at" >= "arrival_at"),
        CONSTRAINT "ck_fbo_flights_passengers" CHECK ("passenger_count" IS NULL OR "passenger_count" >= 0),
        CONSTRAINT "PK_e2ad20474540742cc1bb4e2fd43" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query('CREATE INDEX "ix_fbo_flights_org_board" ON "fbo_flights" ("org_id", "board_at", "id")');
    await queryRunner.query('CREATE INDEX "ix_fbo_flights_org_arrival" ON "fbo_flights" ("org_id", "arrival_at")');
    await queryRunner.query('CREATE INDEX "ix_fbo_flights_org_departure" ON "fbo_flights" ("org_id", "departure_at")');
    await queryRunner.query('CREATE INDEX "ix_fbo_flights_org_aircraft" ON "fbo_flights" ("org_id", "aircraft_id")');
    await queryRunner.query(
      `ALTER TABLE "fbo_flights" ADD CONSTRAINT "fk_fbo_flights_aircraft" FOREIGN KEY ("aircraft_id")
         REFERENCES "fbo_aircraft"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "fbo_flights" ADD CONSTRAINT "fk_fbo_flights_parking_location" FOREIGN KEY ("parking_location_id")
         REFERENCES "fbo_parking_locations"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );

    await queryRunner.query(`
      CREATE TABLE "fbo_equipment" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "equipment_id" character varying(32) NOT NULL,
        "name" character varying(100) NOT NULL,
        "type" character varying(24) NOT NULL,
        "manufacturer" character varying(100),
        "model" character varying(100),
        "serial" character varying(64),
        "capacity_gallons" numeric(8,1),
        "status" character varying(16) NOT NULL DEFAULT 'available',
        "last_maintenance_on" date,
        "next_maintenance_on" date,
        "tags" text array NOT NULL DEFAULT '{}',
        CONSTRAINT "ck_fbo_equipment_type" CHECK ("type" IN ('fuel_truck', 'tug', 'gpu', 'air_start', 'belt_loader',
          'stairs', 'lavatory_service', 'water_service', 'other')),
        CONSTRAINT "ck_fbo_equipment_status" CHECK ("status" IN ('available', 'in_use', 'maintenance', 'out_of_service')),
        CONSTRAINT "ck_fbo_equipment_capacity" CHECK ("capacity_gallons" IS NULL OR "capacity_gallons" > 0),
        CONSTRAINT "PK_e845b0d2addae78a6ae01effedd" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_fbo_equipment_org_equipment_id" ON "fbo_equipment" ("org_id", "equipment_id")',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_fbo_equipment_org_type_status" ON "fbo_equipment" ("org_id", "type", "status")',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_fbo_equipment_org_next_maintenance" ON "fbo_equipment" ("org_id", "next_maintenance_on")',
    );

    await queryRunner.query(`
      CREATE TABLE "fbo_equipment_maintenance" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "equipment_id" uuid NOT NULL,
        "kind" character varying(8) NOT NULL,
        "performed_on" date NOT NULL,
        "next_due_on" date,
        "notes" text NOT NULL DEFAULT '',
        "performed_by_user_id" uuid,
        CONSTRAINT "ck_fbo_equipment_maintenance_kind" CHECK ("kind" IN ('daily', '50hr', '100hr', 'annual', 'repair')),
        CONSTRAINT "PK_27313539d5f325e49f5f4b82d4a" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(
      `CREATE INDEX "ix_fbo_equipment_maintenance_org_unit_time"
         ON "fbo_equipment_maintenance" ("org_id", "equipment_id", "created_at", "id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "fbo_equipment_maintenance" ADD CONSTRAINT "fk_fbo_equipment_maintenance_equipment"
         FOREIGN KEY ("equipment_id") REFERENCES "fbo_equipment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await queryRunner.query(`
      CREATE TABLE "fbo_line_services" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "flight_id" uuid NOT NULL,
        "service_type" character varying(24) NOT NULL,
        "scheduled_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "actual_start" TIMESTAMP WITH TIME ZONE,
        "actual_end" TIMESTAMP WITH TIME ZONE,
        "personnel_user_ids" uuid array NOT NULL DEFAULT '{}',
        "equipment_id" uuid,
        "parking_location_id" uuid,
        "status" character varying(16) NOT NULL DEFAULT 'scheduled',
        "notes" text NOT NULL DEFAULT '',
        CONSTRAINT "ck_fbo_line_services_status" CHECK ("status" IN ('scheduled', 'in_progress', 'completed', 'cancelled')),
        CONSTRAINT "ck_fbo_line_services_type"
          CHECK ("service_type" IN ('arrival_service', 'departure_service', 'turnaround', 'overnight')),
        CONSTRAINT "ck_fbo_line_services_times"
          CHECK ("actual_end" IS NULL OR ("actual_start" IS NOT NULL AND "actual_end" >= "actual_start")),
        CONSTRAINT "PK_0dd09de1d7b6950bcc452ebb504" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(
      'CREATE INDEX "ix_fbo_line_services_org_time" ON "fbo_line_services" ("org_id", "scheduled_at", "id")',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_fbo_line_services_org_flight" ON "fbo_line_services" ("org_id", "flight_id")',
    );
    await queryRunner.query(
      `ALTER TABLE "fbo_line_services" ADD CONSTRAINT "fk_fbo_line_services_flight" FOREIGN KEY ("flight_id")
         REFERENCES "fbo_flights"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "fbo_line_services" ADD CONSTRAINT "fk_fbo_line_services_equipment" FOREIGN KEY ("equipment_id")
         REFERENCES "fbo_equipment"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "fbo_line_services" ADD CONSTRAINT "fk_fbo_line_services_parking_location"
         FOREIGN KEY ("parking_location_id") REFERENCES "fbo_parking_locations"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "fbo_line_services"');
    await queryRunner.query('DROP TABLE "fbo_equipment_maintenance"');
    await queryRunner.query('DROP TABLE "fbo_equipment"');
    await queryRunner.query('DROP TABLE "fbo_flights"');
    await queryRunner.query('DROP TABLE "fbo_aircraft"');
    await queryRunner.query('DROP TABLE "fbo_parking_locations"');
    await queryRunner.query('DROP TABLE "fbo_settings"');
  }
}
