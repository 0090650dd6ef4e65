import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Star Citizen corporation, people and ships: ranks and member profiles with service records, the
 * shared ship catalog (no org id, by design), the members' fleet, and squadrons.
 */
export class StarcorpPeople1796200000000 implements MigrationInterface {
  name = 'StarcorpPeople1796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const base = `
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),`;
    const statements = [
      // --- Ranks and profiles. ---
      `CREATE TABLE "starcorp_people_settings" (${base}
        "org_id" uuid NOT NULL,
        "ranks_seeded_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "squadrons_per_member" integer NOT NULL DEFAULT 1,
        CONSTRAINT "PK_afd0baf6f55d0749066cd95a766" PRIMARY KEY ("id")
      )`,
      'CREATE UNIQUE INDEX "uq_starcorp_people_settings_org" ON "starcorp_people_settings" ("org_id")',
      `CREATE TABLE "starcorp_ranks" (${base}
        "org_id" uuid NOT NULL,
        "name" character varying(48) NOT NULL,
        "level" integer NOT NULL,
        "image_url" character varying(500),
        CONSTRAINT "PK_91cf273d2798765adc0b5a9a84b" PRIMARY KEY ("id")
      )`,
      'CREATE UNIQUE INDEX "uq_starcorp_ranks_org_name" ON "starcorp_ranks" ("org_id", "name")',
      'CREATE INDEX "ix_starcorp_ranks_org_level" ON "starcorp_ranks" ("org_id", "level")',
      `CREATE TABLE "starcorp_member_profiles" (${base}
        "org_id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "display_name" character varying(64),
        "bio" text,
        "rank_id" uuid,
        "avatar_file_id" uuid,
        CONSTRAINT "PK_f385a234303d1e0a9f83c963341" PRIMARY KEY ("id")
      )`,
      'CREATE UNIQUE INDEX "uq_starcorp_member_profiles_org_user" ON "starcorp_member_profiles" ("org_id", "user_id")',
      'CREATE INDEX "ix_starcorp_member_profiles_org_rank" ON "starcorp_member_profiles" ("org_id", "rank_id")',
      `ALTER TABLE "starcorp_member_profiles" ADD CONSTRAINT "fk_starcorp_member_profiles_rank" FOREIGN KEY ("rank_id")
         REFERENCES "starcorp_ranks"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `CREATE TABLE "starcorp_service_records" (${base}
        "org_id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "kind" character varying(16) NOT NULL,
        "title" character varying(200) NOT NULL,
        "completed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "awarded_by" uuid,
        CONSTRAINT "ck_starcorp_service_records_kind" CHECK (kind IN ('mission', 'training')),
        CONSTRAINT "PK_6add8d4a052ded500da9b11f827" PRIMARY KEY ("id")
      )`,
      `CREATE INDEX "ix_starcorp_service_records_org_user_completed"
         ON "starcorp_service_records" ("org_id", "user_id", "completed_at")`,

      // --- The ship catalog, shared by every org. ---
      `CREATE TABLE "starcorp_manufacturers" (${base}
        "code" character varying(10) NOT NULL,
        "name" character varying(100) NOT NULL,
        "logo_url" character varying(500),
        CONSTRAINT "PK_6b57bc7b4266e385c5556bafc94" PRIMARY KEY ("id")
      )`,
      'CREATE UNIQUE INDEX "uq_starcorp_manufacturers_code" ON "starcorp_manufacturers" ("code")',
      `CREATE TABLE "starcorp_ships" (${base}
        "external_id" character varying(100) NOT NULL,
        "name" character varying(200) NOT NULL,
        "manufacturer_id" uuid NOT NULL,
        "type" character varying(100),
        "role" character varying(100),
        "career" character varying(100),
        "focus" character varying(200),
        "size" character varying(16) NOT NULL,
        "length" numeric(10,2),
        "beam" numeric(10,2),
        "height" numeric(10,2),
        "mass" numeric(15,2),
        "min_crew" integer,
        "max_crew" integer,
        "cargo_scu" integer,
        "production_status" character varying(16) NOT NULL,
        "pledge_price" numeric(10,2),
        "image_url" character varying(500),
        "store_url" character varying(500),
        "retired" boolean NOT NULL DEFAULT false,
        CONSTRAINT "ck_starcorp_ships_size" CHECK (size IN ('vehicle', 'snub', 'small', 'medium', 'large', 'capital')),
        CONSTRAINT "ck_starcorp_ships_production_status"
          CHECK (production_status IN ('flight_ready', 'in_production', 'concept')),
        CONSTRAINT "ck_starcorp_ships_crew" CHECK (min_crew IS NULL OR max_crew IS NULL OR min_crew <= max_crew),
        CONSTRAINT "PK_dccf42cbedc24636badde480d22" PRIMARY KEY ("id")
      )`,
      'CREATE UNIQUE INDEX "uq_starcorp_ships_external_id" ON "starcorp_ships" ("external_id")',
      'CREATE INDEX "ix_starcorp_ships_manufacturer_name" ON "starcorp_ships" ("manufacturer_id", "name")',
      'CREATE INDEX "ix_starcorp_ships_name" ON "starcorp_ships" ("name")',
      'CREATE INDEX "ix_starcorp_ships_size" ON "starcorp_ships" ("size")',
      `ALTER TABLE "starcorp_ships" ADD CONSTRAINT "fk_starcorp_ships_manufacturer" FOREIGN KEY ("manufacturer_id")
         REFERENCES "starcorp_manufacturers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `CREATE TABLE "starcorp_ship_components" (${base}
        "ship_id" uuid NOT NULL,
        "type" character varying(16) NOT NULL,
        "name" character varying(200) NOT NULL,
        "size" character varying(10),
        "quantity" integer NOT NULL DEFAULT 1,
        "mount_name" character varying(200),
        "manufacturer" character varying(100),
        CONSTRAINT "ck_starcorp_ship_components_type" CHECK (type IN
          ('weapon', 'shield', 'power_plant', 'cooler', 'quantum_drive', 'fuel_tank', 'cargo_hold', 'misc')),
        CONSTRAINT "ck_starcorp_ship_components_quantity" CHECK (quantity >= 1),
        CONSTRAINT "PK_b7eb84eb84fd9873fbd544ec805" PRIMARY KEY ("id")
      )`,
      'CREATE INDEX "ix_starcorp_ship_components_ship" ON "starcorp_ship_components" ("ship_id")',
      `ALTER TABLE "starcorp_ship_components" ADD CONSTRAINT "fk_starcorp_ship_components_ship" FOREIGN KEY ("ship_id")
         REFERENCES "starcorp_ships"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,

      // --- The members' fleet: a row per hull. ---
      `CREATE TABLE "starcorp_fleet_ships" (${base}
        "org_id" uuid NOT NULL,
        "owner_user_id" uuid NOT NULL,
        "ship_id" uuid NOT NULL,
        "name" character varying(100),
        "purchased_date" date,
        "acquired_via" character varying(8) NOT NULL,
        "insurance" character varying(32),
        "status" character varying(16) NOT NULL,
        "available_for_missions" boolean NOT NULL DEFAULT false,
        "available_from" TIMESTAMP WITH TIME ZONE,
        "available_until" TIMESTAMP WITH TIME ZONE,
        "current_location" character varying(100),
        "notes" text,
        CONSTRAINT "ck_starcorp_fleet_ships_status" CHECK (status IN ('pledged', 'active', 'on_loan', 'sold')),
        CONSTRAINT "ck_starcorp_fleet_ships_acquired_via" CHECK (acquired_via IN ('pledge', 'ingame')),
        CONSTRAINT "ck_starcorp_fleet_ships_window"
          CHECK (available_from IS NULL OR available_until IS NULL OR available_from <= available_until),
        CONSTRAINT "PK_1326b6eb1bcb860d2227dfb06b9" PRIMARY KEY ("id")
      )`,
      'CREATE INDEX "ix_starcorp_fleet_ships_org_created" ON "starcorp_fleet_ships" ("org_id", "created_at")',
      `CREATE INDEX "ix_starcorp_fleet_ships_org_owner_status"
         ON "starcorp_fleet_ships" ("org_id", "owner_user_id", "status")`,
      'CREATE INDEX "ix_starcorp_fleet_ships_org_ship_status" ON "starcorp_fleet_ships" ("org_id", "ship_id", "status")',
      'CREATE INDEX "ix_starcorp_fleet_ships_org_status" ON "starcorp_fleet_ships" ("org_id", "status")',
      `ALTER TABLE "starcorp_fleet_ships" ADD CONSTRAINT "fk_starcorp_fleet_ships_ship" FOREIGN KEY ("ship_id")
         REFERENCES "starcorp_ships"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,

      // --- Squadrons. ---
      `CREATE TABLE "starcorp_squadrons" (${base}
        "org_id" uuid NOT NULL,
        "name" character varying(100) NOT NULL,
        "slug" character varying(100) NOT NULL,
        "callsign" character varying(50) NOT NULL,
        "description" text,
        "motto" character varying(200),
        "commander_user_id" uuid,
        "focus" character varying(16) NOT NULL DEFAULT 'mixed',
        "active" boolean NOT NULL DEFAULT true,
        "recruiting" boolean NOT NULL DEFAULT false,
        "max_members" integer,
        "logo_url" character varying(500),
        "color_code" character varying(7) NOT NULL DEFAULT '#55E6A5',
        CONSTRAINT "ck_starcorp_squadrons_focus"
          CHECK (focus IN ('combat', 'exploration', 'trading', 'mining', 'security', 'support', 'mixed')),
        CONSTRAINT "ck_starcorp_squadrons_max_members" CHECK (max_members IS NULL OR max_members > 0),
        CONSTRAINT "ck_starcorp_squadrons_color" CHECK (color_code ~ '^#[0-9A-Fa-f]{6}$'),
        CONSTRAINT "PK_685a941048832d934d710a1ffd9" PRIMARY KEY ("id")
      )`,
      'CREATE UNIQUE INDEX "uq_starcorp_squadrons_org_name" ON "starcorp_squadrons" ("org_id", "name")',
      'CREATE UNIQUE INDEX "uq_starcorp_squadrons_org_slug" ON "starcorp_squadrons" ("org_id", "slug")',
      'CREATE UNIQUE INDEX "uq_starcorp_squadrons_org_callsign" ON "starcorp_squadrons" ("org_id", "callsign")',
      `CREATE TABLE "starcorp_squadron_memberships" (${base}
        "org_id" uuid NOT NULL,
        "squadron_id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "role" character varying(16) NOT NULL DEFAULT 'member',
        "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "left_at" TIMESTAMP WITH TIME ZONE,
        "notes" text,
        CONSTRAINT "ck_starcorp_squadron_memberships_role" CHECK (role IN ('member', 'lead', 'officer', 'specialist')),
        CONSTRAINT "PK_6d1ce9e0826b5d549a5932e603c" PRIMARY KEY ("id")
      )`,
      // One active row per squadron and user; leavers keep their rows and may rejoin.
      `CREATE UNIQUE INDEX "uq_starcorp_squadron_memberships_active"
         ON "starcorp_squadron_memberships" ("squadron_id", "user_id") WHERE left_at IS NULL`,
      `CREATE INDEX "ix_starcorp_squadron_memberships_org_squadron"
         ON "starcorp_squadron_memberships" ("org_id", "squadron_id", "left_at")`,
      `CREATE INDEX "ix_starcorp_squadron_memberships_org_user"
         ON "starcorp_squadron_memberships" ("org_id", "user_id", "left_at")`,
      `ALTER TABLE "starcorp_squadron_memberships" ADD CONSTRAINT "fk_starcorp_squadron_memberships_squadron"
         FOREIGN KEY ("squadron_id") REFERENCES "starcorp_squadrons"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,

      // --- Users referenced (the platform's table, by foreign key only). ---
      ...[
        ['starcorp_member_profiles', 'user_id', 'FK_152f14d08c29625014514a7c894', 'CASCADE'],
        ['starcorp_service_records', 'user_id', 'FK_065cccffc1dd5d4a66cae0d052b', 'CASCADE'],
        ['starcorp_fleet_ships', 'owner_user_id', 'FK_eeb533c317e5af322405f62e155', 'CASCADE'],
        ['starcorp_squadrons', 'commander_user_id', 'FK_edad09baa87cc8a54a7e5aa6a29', 'SET NULL'],
        ['starcorp_squadron_memberships', 'user_id', 'FK_c89fe9d06f3c601535f5cb14a15', 'CASCADE'],
      ].map(
        ([table, column, name, onDelete]) =>
          `ALTER TABLE "${table}" ADD CONSTRAINT "${name}" FOREIGN KEY ("${column}")
             REFERENCES "users"("id") ON DELETE ${onDelete} ON UPDATE NO ACTION`,
      ),
    ];
    for (const sql of statements) await queryRunner.query(sql);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'starcorp_squadron_memberships',
      'starcorp_squadrons',
      'starcorp_fleet_ships',
      'starcorp_ship_components',
      'starcorp_ships',
      'starcorp_manufacturers',
      'starcorp_service_records',
      'starcorp_member_profiles',
      'starcorp_ranks',
      'starcorp_people_settings',
    ]) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
  }
}
