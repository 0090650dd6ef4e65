import { MigrationInterface, QueryRunner } from 'typeorm';

const BASE = `
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,`;

/**
 * The brokerage's receivables (issue 14 item 7): payments received from customers (append-only; a
 * mistake gets a reversal row) and their allocations to invoices. Receivables themselves are derived
 * from the invoices' outstanding, never stored.
 */
export class BrokerageReceivables1796100000003 implements MigrationInterface {
  name = 'BrokerageReceivables1796100000003';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "brokerage_payments" (${BASE}
        "kind" character varying(10) NOT NULL DEFAULT 'payment',
        "customer_id" uuid NOT NULL,
        "amount" numeric(14,2) NOT NULL,
        "currency" character(3) NOT NULL,
        "method" character varying(8) NOT NULL,
        "reference" character varying(100),
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "recorded_by_id" uuid,
        "reversed_payment_id" uuid,
        "reason" text,
        CONSTRAINT "chk_brokerage_payments_kind" CHECK ("kind" IN ('payment', 'reversal')),
        CONSTRAINT "chk_brokerage_payments_method"
          CHECK ("method" IN ('wire', 'ach', 'check', 'card', 'cash', 'other')),
        CONSTRAINT "chk_brokerage_payments_amount" CHECK ("amount" >= 0),
        CONSTRAINT "chk_brokerage_payments_reversal"
          CHECK (("kind" = 'reversal') = ("reversed_payment_id" IS NOT NULL)),
        CONSTRAINT "PK_d16e961b9eb085563d18bde8b56" PRIMARY KEY ("id")
      )
    `);
    await this.indexes(queryRunner, 'brokerage_payments', [
      ['ix_brokerage_payments_org_created', '"org_id", "created_at", "id"'],
      ['ix_brokerage_payments_org_customer', '"org_id", "customer_id", "received_at"'],
    ]);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_brokerage_payments_org_reversed" ON "brokerage_payments" ("org_id", "reversed_payment_id")
         WHERE "reversed_payment_id" IS NOT NULL`,
    );
    await this.foreignKeys(queryRunner, 'brokerage_payments', [
      ['FK_3be2d16127468afc3b018ae13fc', 'customer_id', 'brokerage_parties', 'RESTRICT'],
      ['FK_24741100b7acff44f1c7a73fe16', 'reversed_payment_id', 'brokerage_payments', 'RESTRICT'],
    ]);
    await queryRunner.query(`
      CREATE TABLE "brokerage_payment_allocations" (${BASE}
        "payment_id" uuid NOT NULL,
        "invoice_id" uuid NOT NULL,
        "amount" numeric(14,2) NOT NULL,
        "allocated_by_id" uuid,
        CONSTRAINT "chk_brokerage_payment_allocations_amount" CHECK ("amount" >= 0),
        CONSTRAINT "PK_b2b41b412bb70d620c96ec92bcb" PRIMARY KEY ("id")
      )
    `);
    await this.indexes(queryRunner, 'brokerage_payment_allocations', [
      ['ix_brokerage_payment_allocations_payment', '"org_id", "payment_id"'],
      ['ix_brokerage_payment_allocations_invoice', '"org_id", "invoice_id"'],
    ]);
    await this.foreignKeys(queryRunner, 'brokerage_payment_allocations', [
      ['FK_8cd7d3d17dca088140dcdbd01e1', 'payment_id', 'brokerage_payments', 'RESTRICT'],
      ['FK_40d821c1173c3d1bd69c724f371', 'invoice_id', 'brokerage_invoices', 'RESTRICT'],
    ]);
  }

  private async indexes(queryRunner: QueryRunner, table: string, indexes: [string, string][]) {
    for (const [name, columns] of indexes) await queryRunner.query(`CREATE INDEX "${name}" ON "${table}" (${columns})`);
  }

  private async foreignKeys(queryRunner: QueryRunner, table: string, keys: [string, string, string, string][]) {
    for (const [name, column, target, onDelete] of keys)
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "${name}" FOREIGN KEY ("${column}")
           REFERENCES "${target}"("id") ON DELETE ${onDelete} ON UPDATE NO ACTION`,
      );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "brokerage_payment_allocations"');
    await queryRunner.query('DROP TABLE "brokerage_payments"');
  }
}
