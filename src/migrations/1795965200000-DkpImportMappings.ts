import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which source row became which new row, per org and import source (e.g. `eqdkp-import`,
 * table `users`, id `42`). It proves where every imported row came from and lets a later run
 * recognize what an earlier one created (a source row in two pools maps to two new ids).
 */
export class DkpImportMappings1795965200000 implements MigrationInterface {
  name = 'DkpImportMappings1795965200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "dkp_import_mappings" (
        "org_id" uuid NOT NULL,
        "source" character varying(32) NOT NULL,
        "source_table" character varying(64) NOT NULL,
        "source_id" character varying(64) NOT NULL,
        "new_id" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_dkp_import_mappings" PRIMARY KEY ("org_id", "source", "source_table", "source_id", "new_id"),
        CONSTRAINT "FK_dkp_import_mappings_org" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE CASCADE
      )
    `);
    await queryRunner.query('CREATE INDEX "ix_dkp_import_mappings_new_id" ON "dkp_import_mappings" ("new_id")');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "dkp_import_mappings"');
  }
}
