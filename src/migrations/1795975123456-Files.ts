import { MigrationInterface, QueryRunner } from 'typeorm';

/** Uploaded files of an org (platform files service): the record of bytes kept in the file store. */
export class Files1795975123456 implements MigrationInterface {
  name = 'Files1795975123456';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "files" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "purpose" character varying(32) NOT NULL,
        "content_type" character varying(100) NOT NULL,
        "size_bytes" bigint NOT NULL,
        "sha256" character(64) NOT NULL,
        "declared_name" character varying(255),
        "uploader_id" uuid,
        "storage_key" character varying(100) NOT NULL,
        CONSTRAINT "UQ_e916afbf2015d561fd0842ff898" UNIQUE ("storage_key"),
        CONSTRAINT "PK_6c16b9093a142e0e7613b04a3d9" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query('CREATE INDEX "ix_files_org_created" ON "files" ("org_id", "created_at")');
    await queryRunner.query(
      `ALTER TABLE "files" ADD CONSTRAINT "FK_9a3333da0464320bdc44ca96cfb" FOREIGN KEY ("uploader_id")
         REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "files"');
  }
}
