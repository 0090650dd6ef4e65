import { MigrationInterface, QueryRunner } from "typeorm";

/** An org's public site (issue 12 item 4): off by default, so no org becomes readable without a login. */
export class OrgPublicSite1795964980123 implements MigrationInterface {
    name = 'OrgPublicSite1795964980123'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "orgs"
            ADD "public_site" boolean NOT NULL DEFAULT false,
            ADD "public_description" character varying(1000)
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "orgs"
            DROP COLUMN "public_description",
            DROP COLUMN "public_site"
        `);
    }
}
