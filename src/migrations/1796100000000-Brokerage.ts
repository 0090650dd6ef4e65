import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The brokerage context: per-org settings and proteins, parties (suppliers, customers, plants,
 * carriers) with their contacts, products; and the platform's per-org document counters.
 */
/** A contact's name for ordering and search, as TypeORM records the generated column's expression. */
const CONTACT_NAME_KEY = `lower(first_name || ' ' || last_name)`;

/** The parties' search words: name and code, as TypeORM records the generated column's expression. */
const PARTY_SEARCH = `to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(code, ''))`;

export class Brokerage1796100000000 implements MigrationInterface {
  name = 'Brokerage1796100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "brokerage_settings" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "legal_name" character varying(200),
        "contact_email" character varying(254),
        "address" jsonb,
        "logo_url" character varying(500),
        "theme_colors" jsonb NOT NULL DEFAULT '{}',
        "currency" character(3) NOT NULL DEFAULT 'USD',
        "time_zone" character varying(64) NOT NULL DEFAULT 'UTC',
        "po_prefix" character varying(16) NOT NULL DEFAULT 'PO-',
        "so_prefix" character varying(16) NOT NULL DEFAULT 'SO-',
        "invoice_prefix" character varying(16) NOT NULL DEFAULT 'INV-',
        "reminder_days" integer array NOT NULL DEFAULT '{-3,0,7,14,30}',
        "trial_ends_at" TIMESTAMP WITH TIME ZONE,
        "allow_self_approval" boolean NOT NULL DEFAULT false,
        CONSTRAINT "PK_a906b9daa50bd313ce6ee3196f8" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query('CREATE UNIQUE INDEX "uq_brokerage_settings_org" ON "brokerage_settings" ("org_id")');

    await this.recordGeneratedColumn(queryRunner, 'brokerage_proteins', 'name_key', 'lower(name)');
    await queryRunner.query(`
      CREATE TABLE "brokerage_proteins" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "name" character varying(48) NOT NULL,
        "name_key" character varying(48) GENERATED ALWAYS AS (lower(name)) STORED NOT NULL,
        CONSTRAINT "PK_e4c854f9e94940ccc12615813c3" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_brokerage_proteins_org_name_key" ON "brokerage_proteins" ("org_id", "name_key")',
    );

    await this.recordGeneratedColumn(queryRunner, 'brokerage_contacts', 'name_key', CONTACT_NAME_KEY);
    await queryRunner.query(`
      CREATE TABLE "brokerage_contacts" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "first_name" character varying(100) NOT NULL,
        "last_name" character varying(100) NOT NULL DEFAULT '',
        "name_key" character varying(201) GENERATED ALWAYS AS (${CONTACT_NAME_KEY}) STORED NOT NULL,
        "email" character varying(254),
        "main_phone" character varying(40),
        "direct_phone" character varying(40),
        "cell_phone" character varying(40),
        "company" character varying(200),
        "title" character varying(100),
        "type" character varying(16) NOT NULL DEFAULT 'other',
        "notes" text NOT NULL DEFAULT '',
        CONSTRAINT "PK_cb1169f0a84ae8fe0a00de6f7b9" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(
      'CREATE INDEX "ix_brokerage_contacts_org_name" ON "brokerage_contacts" ("org_id", "name_key", "id")',
    );

    await this.recordGeneratedColumn(queryRunner, 'brokerage_parties', 'name_key', 'lower(name)');
    await this.recordGeneratedColumn(queryRunner, 'brokerage_parties', 'search_vector', PARTY_SEARCH);
    await queryRunner.query(`
      CREATE TABLE "brokerage_parties" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "kind" character varying(16) NOT NULL,
        "name" character varying(200) NOT NULL,
        "name_key" character varying(200) GENERATED ALWAYS AS (lower(name)) STORED NOT NULL,
        "code" character varying(32),
        "email" character varying(254),
        "phone" character varying(40),
        "address" jsonb,
        "plant_id" uuid,
        "protein_ids" uuid array NOT NULL DEFAULT '{}',
        "terms" jsonb,
        "credit_limit" numeric(14,2),
        "credit_currency" character(3),
        "ap_contact_id" uuid,
        "details" jsonb NOT NULL DEFAULT '{}',
        "notes" text NOT NULL DEFAULT '',
        "archived_at" TIMESTAMP WITH TIME ZONE,
        "search_vector" tsvector GENERATED ALWAYS AS (${PARTY_SEARCH}) STORED NOT NULL,
        CONSTRAINT "chk_brokerage_parties_kind" CHECK ("kind" IN ('supplier', 'customer', 'plant', 'carrier')),
        CONSTRAINT "chk_brokerage_parties_credit_limit" CHECK ("credit_limit" >= 0),
        CONSTRAINT "PK_689308b2a893db55c940a449fe6" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_brokerage_parties_org_kind_name_key"
         ON "brokerage_parties" ("org_id", "kind", "name_key")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_brokerage_parties_org_kind_code" ON "brokerage_parties" ("org_id", "kind", "code")
         WHERE "code" IS NOT NULL`,
    );
    // Search by word prefix over name and code; the query also filters org_id and kind.
    await queryRunner.query(
      'CREATE INDEX "ix_brokerage_parties_search" ON "brokerage_parties" USING GIN ("search_vector")',
    );
    await queryRunner.query(
      `ALTER TABLE "brokerage_parties" ADD CONSTRAINT "FK_4ec6f472652d492656adc51e478" FOREIGN KEY ("plant_id")
         REFERENCES "brokerage_parties"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "brokerage_parties" ADD CONSTRAINT "FK_3be530bb26554f84ef0e7f0c808" FOREIGN KEY ("ap_contact_id")
         REFERENCES "brokerage_contacts"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );

    await queryRunner.query(`
      CREATE TABLE "brokerage_contact_links" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "contact_id" uuid NOT NULL,
        "party_id" uuid NOT NULL,
        "role" character varying(48) NOT NULL,
        CONSTRAINT "PK_ab316c56d1e62733357e33a98ac" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_brokerage_contact_links_contact_party"
         ON "brokerage_contact_links" ("org_id", "contact_id", "party_id")`,
    );
    await queryRunner.query(
      'CREATE INDEX "ix_brokerage_contact_links_party" ON "brokerage_contact_links" ("org_id", "party_id")',
    );
    await queryRunner.query(
      `ALTER TABLE "brokerage_contact_links" ADD CONSTRAINT "FK_1e09522bed9948df650b94c149b" FOREIGN KEY ("contact_id")
         REFERENCES "brokerage_contacts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "brokerage_contact_links" ADD CONSTRAINT "FK_0d380eb68314d83546afad2a279" FOREIGN KEY ("party_id")
         REFERENCES "brokerage_parties"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await queryRunner.query(`
      CREATE TABLE "brokerage_products" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "product_code" character varying(32) NOT NULL,
        "description" character varying(500) NOT NULL,
        "protein_id" uuid NOT NULL,
        "storage" character varying(8) NOT NULL,
        "package_type" character varying(16) NOT NULL,
        "weight_type" character varying(8) NOT NULL,
        "edible" boolean NOT NULL DEFAULT true,
        "tested" boolean NOT NULL DEFAULT false,
        "unit_weight" numeric(12,3) NOT NULL,
        "unit_weight_unit" character varying(3) NOT NULL,
        "active" boolean NOT NULL DEFAULT true,
        CONSTRAINT "chk_brokerage_products_unit_weight" CHECK ("unit_weight" > 0),
        CONSTRAINT "PK_976dea10521e6c9dc0e03d81d36" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_brokerage_products_org_code" ON "brokerage_products" ("org_id", "product_code")',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_brokerage_products_org_protein" ON "brokerage_products" ("org_id", "protein_id")',
    );
    await queryRunner.query(
      `ALTER TABLE "brokerage_products" ADD CONSTRAINT "FK_5807fc4757010e1e4b2bb3ec458" FOREIGN KEY ("protein_id")
         REFERENCES "brokerage_proteins"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    await queryRunner.query(`
      CREATE TABLE "brokerage_purchase_orders" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "sequence_number" bigint NOT NULL,
        "number" character varying(40) NOT NULL,
        "status" character varying(20) NOT NULL DEFAULT 'draft',
        "supplier_id" uuid NOT NULL,
        "plant_id" uuid,
        "carrier_id" uuid,
        "contact_id" uuid,
        "order_date" date NOT NULL,
        "pickup_date" date,
        "delivery_date" date,
        "supplier_confirmation_number" character varying(64),
        "carrier_release_number" character varying(64),
        "appointment_method" character varying(16),
        "currency" character(3) NOT NULL,
        "total" numeric(14,2) NOT NULL DEFAULT '0',
        "notes" text NOT NULL DEFAULT '',
        "created_by_id" uuid,
        "approved_by_id" uuid,
        "approved_at" TIMESTAMP WITH TIME ZONE,
        "received_at" TIMESTAMP WITH TIME ZONE,
        "closed_at" TIMESTAMP WITH TIME ZONE,
        "cancelled_at" TIMESTAMP WITH TIME ZONE,
        "cancel_reason" text,
        "quality_score" smallint,
        CONSTRAINT "chk_brokerage_purchase_orders_status"
          CHECK ("status" IN ('draft', 'pending_approval', 'approved', 'received', 'closed', 'cancelled')),
        CONSTRAINT "chk_brokerage_purchase_orders_total" CHECK ("total" >= 0),
        CONSTRAINT "chk_brokerage_purchase_orders_quality_score" CHECK ("quality_score" BETWEEN 1 AND 5),
        CONSTRAINT "PK_3d57f58ce6bbe1b30b6108a86cd" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_brokerage_purchase_orders_org_number"
         ON "brokerage_purchase_orders" ("org_id", "sequence_number")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_brokerage_purchase_orders_org_created"
         ON "brokerage_purchase_orders" ("org_id", "created_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_brokerage_purchase_orders_org_status"
         ON "brokerage_purchase_orders" ("org_id", "status", "created_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_brokerage_purchase_orders_org_supplier"
         ON "brokerage_purchase_orders" ("org_id", "supplier_id")`,
    );
    for (const [name, column, table, onDelete] of [
      ['FK_d1f3be128d712390f08f098b008', 'supplier_id', 'brokerage_parties', 'RESTRICT'],
      ['FK_89d02ff32bd663bb9a0d148d78c', 'plant_id', 'brokerage_parties', 'RESTRICT'],
      ['FK_05dd73c2e3cf1afb8e94f0366e3', 'carrier_id', 'brokerage_parties', 'RESTRICT'],
      ['FK_2337a91c5102fe413a46f26a92f', 'contact_id', 'brokerage_contacts', 'SET NULL'],
    ]) {
      await queryRunner.query(
        `ALTER TABLE "brokerage_purchase_orders" ADD CONSTRAINT "${name}" FOREIGN KEY ("${column}")
           REFERENCES "${table}"("id") ON DELETE ${onDelete} ON UPDATE NO ACTION`,
      );
    }

    await queryRunner.query(`
      CREATE TABLE "brokerage_purchase_order_lines" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "purchase_order_id" uuid NOT NULL,
        "line_no" integer NOT NULL,
        "product_id" uuid NOT NULL,
        "cases" integer NOT NULL,
        "weight" numeric(12,3) NOT NULL,
        "weight_unit" character varying(3) NOT NULL,
        "weight_type" character varying(8) NOT NULL,
        "price_basis" character varying(8) NOT NULL,
        "unit_price" numeric(12,4) NOT NULL,
        "total" numeric(14,2) NOT NULL,
        "received_cases" integer,
        "received_weight" numeric(12,3),
        CONSTRAINT "chk_brokerage_purchase_order_lines_amounts"
          CHECK ("cases" >= 0 AND "weight" >= 0 AND "unit_price" >= 0 AND "total" >= 0),
        CONSTRAINT "PK_fabc3a9ccaa302dd423b34fb36c" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_brokerage_purchase_order_lines_order_line"
         ON "brokerage_purchase_order_lines" ("org_id", "purchase_order_id", "line_no")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_brokerage_purchase_order_lines_product"
         ON "brokerage_purchase_order_lines" ("org_id", "product_id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "brokerage_purchase_order_lines" ADD CONSTRAINT "FK_75ee1a82bc2f8810a7e9f9ca75e"
         FOREIGN KEY ("purchase_order_id") REFERENCES "brokerage_purchase_orders"("id")
         ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "brokerage_purchase_order_lines" ADD CONSTRAINT "FK_55188ab259bf5e3fcd0cb365e9d"
         FOREIGN KEY ("product_id") REFERENCES "brokerage_products"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  /**
   * TypeORM keeps generated columns' expressions in typeorm_metadata (to compare them with the
   * entities); current_database() makes the row right on any database.
   */
  private async recordGeneratedColumn(queryRunner: QueryRunner, table: string, column: string, expression: string) {
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value")
       VALUES (current_database(), $1, $2, $3, $4, $5)`,
      ['public', table, 'GENERATED_COLUMN', column, expression],
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['brokerage_purchase_order_lines', 'brokerage_purchase_orders'])
      await queryRunner.query(`DROP TABLE "${table}"`);
    for (const table of ['brokerage_products', 'brokerage_contact_links', 'brokerage_parties', 'brokerage_contacts'])
      await queryRunner.query(`DROP TABLE "${table}"`);
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "database" = current_database()
         AND "table" IN ('brokerage_proteins', 'brokerage_parties', 'brokerage_contacts')`,
    );
    await queryRunner.query('DROP TABLE "brokerage_proteins"');
    await queryRunner.query('DROP TABLE "brokerage_settings"');
  }
}
