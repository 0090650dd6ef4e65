import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Star Citizen corporation, missions: the missions (with the catalog ships they require) and their
 * participants, one row per mission and member, with the member's own hull.
 */
export class StarcorpMissions1796200000003 implements MigrationInterface {
  name = 'StarcorpMissions1796200000003';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const base = `
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),`;
    const statements = [
      `CREATE TABLE "starcorp_missions" (${base}
        "org_id" uuid NOT NULL,
        "title" character varying(200) NOT NULL,
        "description" text,
        "type" character varying(16) NOT NULL,
        "required_ship_ids" uuid array NOT NULL,
        "max_participants" integer,
        "scheduled_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "squadron_id" uuid,
        "status" character varying(16) NOT NULL DEFAULT 'draft',
        "created_by_user_id" uuid,
        "started_at" TIMESTAMP WITH TIME ZONE,
        "completed_at" TIMESTAMP WITH TIME ZONE,
        "cancelled_at" TIMESTAMP WITH TIME ZONE,
        "reminded_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "ck_starcorp_missions_type" CHECK (type IN
          ('combat', 'exploration', 'trading', 'mining', 'salvage', 'security', 'racing', 'social', 'other')),
        CONSTRAINT "ck_starcorp_missions_status"
          CHECK (status IN ('draft', 'scheduled', 'in_progress', 'completed', 'cancelled')),
        CONSTRAINT "ck_starcorp_missions_max_participants" CHECK (max_participants IS NULL OR max_participants > 0),
        CONSTRAINT "PK_155fbcdd7b77b982173af837933" PRIMARY KEY ("id")
      )`,
      'CREATE INDEX "ix_starcorp_missions_org_scheduled" ON "starcorp_missions" ("org_id", "scheduled_at", "id")',
      `CREATE INDEX "ix_starcorp_missions_org_status_scheduled"
         ON "starcorp_missions" ("org_id", "status", "scheduled_at")`,
      'CREATE INDEX "ix_starcorp_missions_org_squadron" ON "starcorp_missions" ("org_id", "squadron_id")',
      // The reminder job's scan, across orgs: only the scheduled missions not reminded yet.
      `CREATE INDEX "ix_starcorp_missions_reminder_due" ON "starcorp_missions" ("scheduled_at")
         WHERE status = 'scheduled' AND reminded_at IS NULL`,
      `ALTER TABLE "starcorp_missions" ADD CONSTRAINT "fk_starcorp_missions_squadron" FOREIGN KEY ("squadron_id")
         REFERENCES "starcorp_squadrons"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,

      `CREATE TABLE "starcorp_mission_participants" (${base}
        "org_id" uuid NOT NULL,
        "mission_id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "fleet_ship_id" uuid,
        "status" character varying(16) NOT NULL DEFAULT 'signed_up',
        "signed_up_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "ck_starcorp_mission_participants_status"
          CHECK (status IN ('signed_up', 'confirmed', 'declined', 'attended', 'no_show')),
        CONSTRAINT "PK_f46bf957802fc19d7d0c0ba9fcf" PRIMARY KEY ("id")
      )`,
      `CREATE UNIQUE INDEX "uq_starcorp_mission_participants_mission_user"
         ON "starcorp_mission_participants" ("mission_id", "user_id")`,
      `CREATE INDEX "ix_starcorp_mission_participants_org_mission"
         ON "starcorp_mission_participants" ("org_id", "mission_id", "status")`,
      `CREATE INDEX "ix_starcorp_mission_participants_org_user"
         ON "starcorp_mission_participants" ("org_id", "user_id")`,
      `ALTER TABLE "starcorp_mission_participants" ADD CONSTRAINT "fk_starcorp_mission_participants_mission"
         FOREIGN KEY ("mission_id") REFERENCES "starcorp_missions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "starcorp_mission_participants" ADD CONSTRAINT "fk_starcorp_mission_participants_fleet_ship"
         FOREIGN KEY ("fleet_ship_id") REFERENCES "starcorp_fleet_ships"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,

      // --- Users referenced (the platform's table, by foreign key only). ---
      ...[
        ['starcorp_missions', 'created_by_user_id', 'FK_726309b094f9f372b0d6746b0f2', 'SET NULL'],
        ['starcorp_mission_participants', 'user_id', 'FK_ec1959be4c756c2476801caaee7', 'CASCADE'],
      ].map(
        ([table, column, name, onDelete]) =>
          `ALTER TABLE "${table}" ADD CONSTRAINT "${name}" FOREIGN KEY ("${column}")
             REFERENCES "users"("id") ON DELETE ${onDelete} ON UPDATE NO ACTION`,
      ),
    ];
    for (const sql of statements) await queryRunner.query(sql);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "starcorp_mission_participants"');
    await queryRunner.query('DROP TABLE "starcorp_missions"');
  }
}
