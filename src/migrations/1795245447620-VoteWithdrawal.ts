import { MigrationInterface, QueryRunner } from "typeorm";

export class VoteWithdrawal1795245447620 implements MigrationInterface {
    name = 'VoteWithdrawal1795245447620'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "dkp_application_vote_changes"
            ALTER COLUMN "to_choice" DROP NOT NULL
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "dkp_application_vote_changes"
            ALTER COLUMN "to_choice"
            SET NOT NULL
        `);
    }

}
