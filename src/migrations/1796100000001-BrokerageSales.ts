import { MigrationInterface, QueryRunner } from 'typeorm';

const BASE = `
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,`;

/**
 * The brokerage's sales: sales orders with their lines and linked purchase orders, invoices and
 * credit notes with their lines.
 */
export class BrokerageSales1796100000001 implements MigrationInterface {
  name = 'BrokerageSales1796100000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "brokerage_sales_orders" (${BASE}
        "sequence_number" bigint NOT NULL,
        "number" character varying(40) NOT NULL,
        "status" character varying(20) NOT NULL DEFAULT 'pending',
        "customer_id" uuid NOT NULL,
        "supplier_id" uuid,
        "plant_id" uuid,
        "carrier_id" uuid,
        "contact_id" uuid,
        "order_date" date NOT NULL,
        "pickup_date" date,
        "delivery_date" date,
        "customer_po_number" character varying(64),
        "carrier_release_number" character varying(64),
        "currency" character(3) NOT NULL,
        "total" numeric(14,2) NOT NULL DEFAULT '0',
        "notes" text NOT NULL DEFAULT '',
        "created_by_id" uuid,
        "confirmed_by_id" uuid,
        "confirmed_at" TIMESTAMP WITH TIME ZONE,
        "credit_override_reason" text,
        "shipped_at" TIMESTAMP WITH TIME ZONE,
        "delivered_at" TIMESTAMP WITH TIME ZONE,
        "cancelled_at" TIMESTAMP WITH TIME ZONE,
        "cancel_reason" text,
        CONSTRAINT "chk_brokerage_sales_orders_status"
          CHECK ("status" IN ('pending', 'confirmed', 'in_transit', 'delivered', 'cancelled')),
        CONSTRAINT "chk_brokerage_sales_orders_total" CHECK ("total" >= 0),
        CONSTRAINT "PK_ef7b28d148b004f2aad1f4963ba" PRIMARY KEY ("id")
      )
    `);
    await this.indexes(queryRunner, 'brokerage_sales_orders', [
      ['uq_brokerage_sales_orders_org_number', '"org_id", "sequence_number"', true],
      ['ix_brokerage_sales_orders_org_created', '"org_id", "created_at", "id"'],
      ['ix_brokerage_sales_orders_org_status', '"org_id", "status", "created_at"'],
      ['ix_brokerage_sales_orders_org_customer', '"org_id", "customer_id", "status"'],
    ]);
    await this.foreignKeys(queryRunner, 'brokerage_sales_orders', [
      ['FK_e78f7d8bf9b4b0edf13774d689d', 'customer_id', 'brokerage_parties', 'RESTRICT'],
      ['FK_826a1477641d26f3f91319be5ab', 'supplier_id', 'brokerage_parties', 'RESTRICT'],
      ['FK_be790aa5f3e0b9a266df24cbd9f', 'plant_id', 'brokerage_parties', 'RESTRICT'],
      ['FK_72182a02a6e22ff58586d94e3f3', 'carrier_id', 'brokerage_parties', 'RESTRICT'],
      ['FK_9a718644b4a21d3800e67ba66bb', 'contact_id', 'brokerage_contacts', 'SET NULL'],
    ]);

    await queryRunner.query(`
      CREATE TABLE "brokerage_sales_order_lines" (${BASE}
        "sales_order_id" uuid NOT NULL,
        "line_no" integer NOT NULL,
        "product_id" uuid NOT NULL,
        "cases" integer NOT NULL,
        "weight" numeric(12,3) NOT NULL,
        "weight_unit" character varying(3) NOT NULL,
        "weight_type" character varying(8) NOT NULL,
        "price_basis" character varying(8) NOT NULL,
        "unit_price" numeric(12,4) NOT NULL,
        "total" numeric(14,2) NOT NULL,
        "delivered_cases" integer,
        "delivered_weight" numeric(12,3),
        CONSTRAINT "chk_brokerage_sales_order_lines_amounts"
          CHECK ("cases" >= 0 AND "weight" >= 0 AND "unit_price" >= 0 AND "total" >= 0),
        CONSTRAINT "PK_bac95b6f23a54da34461a1c070f" PRIMARY KEY ("id")
      )
    `);
    await this.indexes(queryRunner, 'brokerage_sales_order_lines', [
      ['uq_brokerage_sales_order_lines_order_line', '"org_id", "sales_order_id", "line_no"', true],
      ['ix_brokerage_sales_order_lines_product', '"org_id", "product_id"'],
    ]);
    await this.foreignKeys(queryRunner, 'brokerage_sales_order_lines', [
      ['FK_7f0d02a7d9b0f58ee2fa1d1b638', 'sales_order_id', 'brokerage_sales_orders', 'CASCADE'],
      ['FK_19254cc87a61ec5e921519b2a29', 'product_id', 'brokerage_products', 'RESTRICT'],
    ]);

    await queryRunner.query(`
      CREATE TABLE "brokerage_sales_order_purchase_orders" (${BASE}
        "sales_order_id" uuid NOT NULL,
        "purchase_order_id" uuid NOT NULL,
        CONSTRAINT "PK_034bda4091c3551a50634d88942" PRIMARY KEY ("id")
      )
    `);
    await this.indexes(queryRunner, 'brokerage_sales_order_purchase_orders', [
      ['uq_brokerage_sales_order_purchase_orders_link', '"org_id", "sales_order_id", "purchase_order_id"', true],
      ['ix_brokerage_sales_order_purchase_orders_po', '"org_id", "purchase_order_id"'],
    ]);
    await this.foreignKeys(queryRunner, 'brokerage_sales_order_purchase_orders', [
      ['FK_b837ec8b5297173eb8206dea225', 'sales_order_id', 'brokerage_sales_orders', 'CASCADE'],
      ['FK_3313aa2dc2e53d4fd21df25ba73', 'purchase_order_id', 'brokerage_purchase_orders', 'RESTRICT'],
    ]);

    await queryRunner.query(`
      CREATE TABLE "brokerage_invoices" (${BASE}
        "kind" character varying(12) NOT NULL DEFAULT 'invoice',
        "sequence_number" bigint,
        "number" character varying(40),
        "status" character varying(20) NOT NULL DEFAULT 'draft',
        "customer_id" uuid NOT NULL,
        "sales_order_id" uuid,
        "credited_invoice_id" uuid,
        "invoice_date" date,
        "due_date" date,
        "customer_po_number" character varying(64),
        "currency" character(3) NOT NULL,
        "tax_rate" numeric(6,3) NOT NULL DEFAULT '0',
        "subtotal" numeric(14,2) NOT NULL DEFAULT '0',
        "tax" numeric(14,2) NOT NULL DEFAULT '0',
        "total" numeric(14,2) NOT NULL DEFAULT '0',
        "outstanding" numeric(14,2) NOT NULL DEFAULT '0',
        "notes" text NOT NULL DEFAULT '',
        "created_by_id" uuid,
        "issued_by_id" uuid,
        "issued_at" TIMESTAMP WITH TIME ZONE,
        "pdf_file_id" uuid,
        "cancelled_at" TIMESTAMP WITH TIME ZONE,
        "voided_at" TIMESTAMP WITH TIME ZONE,
        "void_reason" text,
        "overdue_announced_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "chk_brokerage_invoices_status"
          CHECK ("status" IN ('draft', 'issued', 'partly_paid', 'paid', 'cancelled', 'void')),
        CONSTRAINT "chk_brokerage_invoices_kind" CHECK ("kind" IN ('invoice', 'credit_note')),
        CONSTRAINT "chk_brokerage_invoices_amounts"
          CHECK ("subtotal" >= 0 AND "tax" >= 0 AND "total" >= 0 AND "outstanding" >= 0 AND "outstanding" <= "total" AND "tax_rate" >= 0),
        CONSTRAINT "PK_95abbde0db2f830b939486d40e9" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_brokerage_invoices_org_kind_number"
         ON "brokerage_invoices" ("org_id", "kind", "sequence_number") WHERE "sequence_number" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_brokerage_invoices_org_sales_order" ON "brokerage_invoices" ("org_id", "sales_order_id")
         WHERE "sales_order_id" IS NOT NULL AND "kind" = 'invoice' AND "status" NOT IN ('cancelled', 'void')`,
    );
    await this.indexes(queryRunner, 'brokerage_invoices', [
      ['ix_brokerage_invoices_org_created', '"org_id", "created_at", "id"'],
      ['ix_brokerage_invoices_org_customer', '"org_id", "customer_id", "status"'],
      ['ix_brokerage_invoices_org_status_due', '"org_id", "status", "due_date"'],
    ]);
    await this.foreignKeys(queryRunner, 'brokerage_invoices', [
      ['FK_b016c59d96d11bc2f928b1449c7', 'customer_id', 'brokerage_parties', 'RESTRICT'],
      ['FK_7021aa9df489ed2b185532da07a', 'sales_order_id', 'brokerage_sales_orders', 'RESTRICT'],
      ['FK_629b4afec795828c9a7279a0af6', 'credited_invoice_id', 'brokerage_invoices', 'RESTRICT'],
    ]);

    await queryRunner.query(`
      CREATE TABLE "brokerage_invoice_lines" (${BASE}
        "invoice_id" uuid NOT NULL,
        "line_no" integer NOT NULL,
        "product_id" uuid NOT NULL,
        "description" character varying(300) NOT NULL,
        "cases" integer NOT NULL,
        "weight" numeric(12,3) NOT NULL,
        "weight_unit" character varying(3) NOT NULL,
        "price_basis" character varying(8) NOT NULL,
        "unit_price" numeric(12,4) NOT NULL,
        "total" numeric(14,2) NOT NULL,
        CONSTRAINT "chk_brokerage_invoice_lines_amounts"
          CHECK ("cases" >= 0 AND "weight" >= 0 AND "unit_price" >= 0 AND "total" >= 0),
        CONSTRAINT "PK_83a6bc1f635fc63de17d6b1d1b1" PRIMARY KEY ("id")
      )
    `);
    await this.indexes(queryRunner, 'brokerage_invoice_lines', [
      ['uq_brokerage_invoice_lines_invoice_line', '"org_id", "invoice_id", "line_no"', true],
      ['ix_brokerage_invoice_lines_product', '"org_id", "product_id"'],
    ]);
    await this.foreignKeys(queryRunner, 'brokerage_invoice_lines', [
      ['FK_2c00f0f2d01cb9d680cc8476476', 'invoice_id', 'brokerage_invoices', 'CASCADE'],
      ['FK_e4b2976c603b4b39545c36fbdcd', 'product_id', 'brokerage_products', 'RESTRICT'],
    ]);
  }

  private async indexes(queryRunner: QueryRunner, table: string, indexes: [string, string, boolean?][]) {
    for (const [name, columns, unique] of indexes)
      await queryRunner.query(`CREATE ${unique ? 'UNIQUE ' : ''}INDEX "${name}" ON "${table}" (${columns})`);
  }

  private async foreignKeys(queryRunner: QueryRunner, table: string, keys: [string, string, string, string][]) {
    for (const [name, column, target, onDelete] of keys)
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "${name}" FOREIGN KEY ("${column}")
           REFERENCES "${target}"("id") ON DELETE ${onDelete} ON UPDATE NO ACTION`,
      );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'brokerage_invoice_lines',
      'brokerage_invoices',
      'brokerage_sales_order_purchase_orders',
      'brokerage_sales_order_lines',
      'brokerage_sales_orders',
    ])
      await queryRunner.query(`DROP TABLE "${table}"`);
  }
}
