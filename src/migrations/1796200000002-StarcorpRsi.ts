import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Star Citizen corporation, RSI mirror: the org's RSI profile (one row per org), the citizens its
 * RSI page lists (upserted by handle, departed ones kept with `departed_at`, optionally linked to a
 * member), and the members' claim codes (proving a handle by putting the code in its RSI bio).
 */
export class StarcorpRsi1796200000002 implements MigrationInterface {
  name = 'StarcorpRsi1796200000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const base = `
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,`;
    const statements = [
      `CREATE TABLE "starcorp_rsi_profiles" (${base}
        "sid" character varying(16),
        "name" character varying(120),
        "archetype" character varying(64),
        "commitment" character varying(64),
        "primary_language" character varying(64),
        "recruiting" boolean,
        "member_count" integer,
        "headline" text,
        "description" text,
        "history" text,
        "manifesto" text,
        "charter" text,
        "logo_url" character varying(500),
        "banner_url" character varying(500),
        "api_data" jsonb,
        "last_synced_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "ck_starcorp_rsi_profiles_member_count" CHECK ("member_count" IS NULL OR "member_count" >= 0),
        CONSTRAINT "PK_b8eca6773a66707e03d8978849b" PRIMARY KEY ("id")
      )`,
      'CREATE UNIQUE INDEX "uq_starcorp_rsi_profiles_org" ON "starcorp_rsi_profiles" ("org_id")',
      `CREATE TABLE "starcorp_rsi_members" (${base}
        "handle" character varying(64) NOT NULL,
        "display_name" character varying(120),
        "rank" character varying(120),
        "stars" smallint,
        "avatar_url" character varying(500),
        "bio" text,
        "user_id" uuid,
        "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "departed_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "ck_starcorp_rsi_members_stars" CHECK ("stars" IS NULL OR ("stars" >= 0 AND "stars" <= 5)),
        CONSTRAINT "PK_43dbe48ec6623f6b1f82d53572a" PRIMARY KEY ("id")
      )`,
      'CREATE UNIQUE INDEX "uq_starcorp_rsi_members_org_handle" ON "starcorp_rsi_members" ("org_id", "handle")',
      'CREATE UNIQUE INDEX "uq_starcorp_rsi_members_org_user" ON "starcorp_rsi_members" ("org_id", "user_id")',
      `CREATE TABLE "starcorp_rsi_claim_codes" (${base}
        "user_id" uuid NOT NULL,
        "code" character varying(32) NOT NULL,
        CONSTRAINT "PK_62f36eb4f35335cf74a4e3d9135" PRIMARY KEY ("id")
      )`,
      'CREATE UNIQUE INDEX "uq_starcorp_rsi_claim_codes_org_user" ON "starcorp_rsi_claim_codes" ("org_id", "user_id")',
      `ALTER TABLE "starcorp_rsi_members" ADD CONSTRAINT "FK_6b797b569c7626d1a07c241a5c7" FOREIGN KEY ("user_id")
         REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
      `ALTER TABLE "starcorp_rsi_claim_codes" ADD CONSTRAINT "FK_84bbb7b5e7a3fab7025e45448f6" FOREIGN KEY ("user_id")
         REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    ];
    for (const sql of statements) await queryRunner.query(sql);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['starcorp_rsi_claim_codes', 'starcorp_rsi_members', 'starcorp_rsi_profiles']) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
  }
}
