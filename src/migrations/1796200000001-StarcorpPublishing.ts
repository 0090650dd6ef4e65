import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Star Citizen corporation, publishing side: the blog (categories, tags, posts with a full-text
 * search column and its GIN index, which TypeORM cannot declare), the public contact form and the
 * item store with its movements. Generated columns are recorded in typeorm_metadata under
 * current_database() so the migration is right on any database.
 */
export class StarcorpPublishing1796200000001 implements MigrationInterface {
  name = 'StarcorpPublishing1796200000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "starcorp_blog_categories" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "name" character varying(100) NOT NULL,
        "slug" character varying(100) NOT NULL,
        "description" character varying(500) NOT NULL DEFAULT '',
        CONSTRAINT "PK_25bc54d935b0cb42ca122268557" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`
      CREATE UNIQUE INDEX "uq_starcorp_blog_categories_org_slug" ON "starcorp_blog_categories" ("org_id", "slug")
    `);
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (current_database(), $1, $2, $3, $4, $5)`,
      ["public", "starcorp_blog_posts", "GENERATED_COLUMN", "search_vector", "to_tsvector('english'::regconfig, coalesce(heading, '') || ' ' || coalesce(content_text, ''))"],
    );
    await queryRunner.query(`
      CREATE TABLE "starcorp_blog_posts" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "heading" character varying(255) NOT NULL,
        "slug" character varying(255) NOT NULL,
        "content" text NOT NULL DEFAULT '',
        "content_text" text NOT NULL DEFAULT '',
        "excerpt" character varying(255) NOT NULL DEFAULT '',
        "author_user_id" uuid,
        "category_id" uuid,
        "feature_image_url" character varying(500),
        "status" character varying(16) NOT NULL DEFAULT 'draft',
        "published_at" TIMESTAMP WITH TIME ZONE,
        "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, coalesce(heading, '') || ' ' || coalesce(content_text, ''))) STORED NOT NULL,
        CONSTRAINT "ck_starcorp_blog_posts_status" CHECK ("status" IN ('draft', 'published', 'archived')),
        CONSTRAINT "PK_9225b2f1dfc376e925b7fb188d3" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`
      CREATE INDEX "ix_starcorp_blog_posts_org_category" ON "starcorp_blog_posts" ("org_id", "category_id")
    `);
    await queryRunner.query(`
      CREATE INDEX "ix_starcorp_blog_posts_org_status_published" ON "starcorp_blog_posts" ("org_id", "status", "published_at", "id")
    `);
    await queryRunner.query(`
      CREATE UNIQUE INDEX "uq_starcorp_blog_posts_org_slug" ON "starcorp_blog_posts" ("org_id", "slug")
    `);
    await queryRunner.query(`
      CREATE TABLE "starcorp_blog_tags" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "name" character varying(50) NOT NULL,
        "slug" character varying(50) NOT NULL,
        CONSTRAINT "PK_fc85257a8eff1a6b185a32d432e" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`
      CREATE UNIQUE INDEX "uq_starcorp_blog_tags_org_slug" ON "starcorp_blog_tags" ("org_id", "slug")
    `);
    await queryRunner.query(`
      CREATE TABLE "starcorp_blog_post_tags" (
        "post_id" uuid NOT NULL,
        "tag_id" uuid NOT NULL,
        "org_id" uuid NOT NULL,
        CONSTRAINT "PK_798f702d74f86de899fb13af9ee" PRIMARY KEY ("post_id",
        "tag_id")
      )
    `);
    await queryRunner.query(`
      CREATE INDEX "ix_starcorp_blog_post_tags_org_tag" ON "starcorp_blog_post_tags" ("org_id", "tag_id", "post_id")
    `);
    await queryRunner.query(`
      CREATE TABLE "starcorp_contact_submissions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "name" character varying(200) NOT NULL,
        "email" character varying(254) NOT NULL,
        "subject" character varying(300) NOT NULL,
        "message" text NOT NULL,
        "ip_address" character varying(45) NOT NULL,
        "user_agent" character varying(500) NOT NULL DEFAULT '',
        "status" character varying(16) NOT NULL DEFAULT 'new',
        "is_spam" boolean NOT NULL DEFAULT false,
        "spam_reasons" jsonb NOT NULL DEFAULT '[]',
        "response_sent_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "ck_starcorp_contact_submissions_status" CHECK ("status" IN ('new', 'read', 'replied', 'archived')),
        CONSTRAINT "PK_a2505a73acfdb591d0ac0e66a3b" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`
      CREATE INDEX "ix_starcorp_contact_submissions_org_email" ON "starcorp_contact_submissions" ("org_id", "email")
    `);
    await queryRunner.query(`
      CREATE INDEX "ix_starcorp_contact_submissions_org_status_created" ON "starcorp_contact_submissions" ("org_id", "status", "created_at", "id")
    `);
    await queryRunner.query(`
      CREATE INDEX "ix_starcorp_contact_submissions_org_created" ON "starcorp_contact_submissions" ("org_id", "created_at", "id")
    `);
    await queryRunner.query(`
      CREATE TABLE "starcorp_items" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "title" character varying(255) NOT NULL,
        "description" text NOT NULL DEFAULT '',
        "quantity" integer NOT NULL DEFAULT '0',
        "image_url" character varying(500),
        "category" character varying(64),
        "location" character varying(120),
        CONSTRAINT "ck_starcorp_items_quantity_non_negative" CHECK ("quantity" >= 0),
        CONSTRAINT "PK_59201e5a4d6e5916f1fbb89d25a" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`
      CREATE INDEX "ix_starcorp_items_org_title" ON "starcorp_items" ("org_id", "title", "id")
    `);
    await queryRunner.query(`
      CREATE TABLE "starcorp_item_movements" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "org_id" uuid NOT NULL,
        "item_id" uuid NOT NULL,
        "delta" integer NOT NULL,
        "quantity_after" integer NOT NULL,
        "reason" character varying(300) NOT NULL,
        "actor_user_id" uuid,
        CONSTRAINT "PK_5429bf46d8a6adee1690992e96c" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`
      CREATE INDEX "ix_starcorp_item_movements_org_item_created" ON "starcorp_item_movements" ("org_id", "item_id", "created_at", "id")
    `);
    await queryRunner.query(`
      ALTER TABLE "starcorp_blog_posts" ADD CONSTRAINT "FK_6b1c6e1f4fb2cecf9dce0098a76" FOREIGN KEY ("category_id") REFERENCES "starcorp_blog_categories"("id") ON DELETE SET NULL ON UPDATE NO ACTION
    `);
    await queryRunner.query(`
      ALTER TABLE "starcorp_blog_posts" ADD CONSTRAINT "FK_35362dee8be54367bf53a6fabad" FOREIGN KEY ("author_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION
    `);
    await queryRunner.query(`
      ALTER TABLE "starcorp_blog_post_tags" ADD CONSTRAINT "FK_a3f158db4b3ba1ffc390ceac86c" FOREIGN KEY ("post_id") REFERENCES "starcorp_blog_posts"("id") ON DELETE CASCADE ON UPDATE NO ACTION
    `);
    await queryRunner.query(`
      ALTER TABLE "starcorp_blog_post_tags" ADD CONSTRAINT "FK_d11d6db9dc84deb4c71f64afd9c" FOREIGN KEY ("tag_id") REFERENCES "starcorp_blog_tags"("id") ON DELETE CASCADE ON UPDATE NO ACTION
    `);
    await queryRunner.query(`
      ALTER TABLE "starcorp_item_movements" ADD CONSTRAINT "FK_578dce86bdeb403ce134c10484b" FOREIGN KEY ("item_id") REFERENCES "starcorp_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION
    `);
    await queryRunner.query(`
      ALTER TABLE "starcorp_item_movements" ADD CONSTRAINT "FK_24f249a3d89603f8d01855d6834" FOREIGN KEY ("actor_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION
    `);
    await queryRunner.query(`
      CREATE INDEX "ix_starcorp_blog_posts_search" ON "starcorp_blog_posts" USING gin ("search_vector")
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "starcorp_item_movements"');
    await queryRunner.query('DROP TABLE "starcorp_items"');
    await queryRunner.query('DROP TABLE "starcorp_contact_submissions"');
    await queryRunner.query('DROP TABLE "starcorp_blog_post_tags"');
    await queryRunner.query('DROP TABLE "starcorp_blog_tags"');
    await queryRunner.query('DROP TABLE "starcorp_blog_posts"');
    await queryRunner.query('DROP TABLE "starcorp_blog_categories"');
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = $1 AND "name" = $2 AND "database" = current_database() AND "schema" = $3 AND "table" = $4`,
      ["GENERATED_COLUMN", "search_vector", "public", "starcorp_blog_posts"],
    );
  }
}

