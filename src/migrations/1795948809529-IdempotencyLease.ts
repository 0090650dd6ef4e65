import { MigrationInterface, QueryRunner } from "typeorm";

export class IdempotencyLease1795948809529 implements MigrationInterface {
    name = 'IdempotencyLease1795948809529'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "idempotency_records"
            ADD "owner_token" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "idempotency_records"
            ADD "lease_until" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "idempotency_records"
            ADD "committed_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "idempotency_records"
            ADD "transaction_results" jsonb
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "idempotency_records" DROP COLUMN "transaction_results"
        `);
        await queryRunner.query(`
            ALTER TABLE "idempotency_records" DROP COLUMN "committed_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "idempotency_records" DROP COLUMN "lease_until"
        `);
        await queryRunner.query(`
            ALTER TABLE "idempotency_records" DROP COLUMN "owner_token"
        `);
    }

}
