import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An invoice's credit notes by the invoice they credit. `check:receivables` (and the foreign key's
 * check when an invoice is deleted) looked them up per invoice by scanning the org's invoices: with
 * 150,000 invoices in one org the check ran for hours. Partial: only credit notes name an invoice.
 */
export class BrokerageCreditedInvoiceIndex1796500000011 implements MigrationInterface {
  name = 'BrokerageCreditedInvoiceIndex1796500000011';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_brokerage_invoices_org_credited" ON "brokerage_invoices" ("org_id", "credited_invoice_id")
         WHERE "credited_invoice_id" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_brokerage_invoices_org_credited"`);
  }
}
