import { MigrationInterface, QueryRunner } from "typeorm";

export class Platform1795240754230 implements MigrationInterface {
    name = 'Platform1795240754230'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "audit_log" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "org_id" uuid,
                "actor_user_id" uuid,
                "actor_api_key_id" uuid,
                "action" character varying(64) NOT NULL,
                "target_type" character varying(64),
                "target_id" character varying(64),
                "changes" jsonb NOT NULL DEFAULT '{}',
                "request_id" character varying(64) NOT NULL,
                "status" smallint NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_audit_log_org_time" ON "audit_log" ("org_id", "created_at", "id")
        `);
        await queryRunner.query(`
            CREATE TABLE "idempotency_records" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "scope" character varying(64) NOT NULL,
                "key" character varying(255) NOT NULL,
                "operation" character varying(300) NOT NULL,
                "request_hash" character varying(64) NOT NULL,
                "response_status" smallint,
                "response_body" jsonb,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_9ae4e93699362b0d4e3da3dd1c2" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_idempotency_expires" ON "idempotency_records" ("expires_at")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_idempotency_scope_key" ON "idempotency_records" ("scope", "key")
        `);
        await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "username" character varying(32) NOT NULL,
                "email" character varying(254),
                "display_name" character varying(64),
                "password_hash" character varying(255),
                "discord_id" character varying(20),
                "discord_username" character varying(64),
                "is_platform_admin" boolean NOT NULL DEFAULT false,
                "disabled_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_users_username" ON "users" ("username")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_users_email" ON "users" ("email")
            WHERE email IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_users_discord_id" ON "users" ("discord_id")
            WHERE discord_id IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE TABLE "refresh_tokens" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "family_id" uuid NOT NULL,
                "secret_hash" character varying(64) NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "rotated_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_refresh_tokens_user" ON "refresh_tokens" ("user_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_refresh_tokens_family" ON "refresh_tokens" ("family_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "orgs" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "slug" character varying(48) NOT NULL,
                "name" character varying(100) NOT NULL,
                "contexts" text array NOT NULL DEFAULT '{}',
                CONSTRAINT "PK_9eed8bfad4c9e0dc8648e090efe" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_orgs_slug" ON "orgs" ("slug")
        `);
        await queryRunner.query(`
            CREATE TABLE "api_keys" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "kind" character varying(16) NOT NULL,
                "user_id" uuid NOT NULL,
                "org_id" uuid,
                "name" character varying(100) NOT NULL,
                "prefix" character varying(16) NOT NULL,
                "secret_hash" character varying(64) NOT NULL,
                "scopes" text array NOT NULL DEFAULT '{}',
                "rate_limit_tier" character varying(16) NOT NULL DEFAULT 'standard',
                "expires_at" TIMESTAMP WITH TIME ZONE,
                "last_used_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_api_keys_prefix" ON "api_keys" ("prefix")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_api_keys_user" ON "api_keys" ("user_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_api_keys_org" ON "api_keys" ("org_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "oauth_states" (
                "state_hash" character varying(64) NOT NULL,
                "purpose" character varying(8) NOT NULL,
                "user_id" uuid,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "consumed_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_5defe4681c33ccfc0f935f51398" PRIMARY KEY ("state_hash")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "invitations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "code" character varying(32) NOT NULL,
                "tier" character varying(16) NOT NULL,
                "grants" text array NOT NULL DEFAULT '{}',
                "max_uses" integer NOT NULL DEFAULT '1',
                "uses" integer NOT NULL DEFAULT '0',
                "expires_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "created_by_id" uuid NOT NULL,
                CONSTRAINT "PK_5dec98cfdfd562e4ad3648bbb07" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_invitations_code" ON "invitations" ("code")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_invitations_org" ON "invitations" ("org_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "memberships" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "tier" character varying(16) NOT NULL,
                "grants" text array NOT NULL DEFAULT '{}',
                CONSTRAINT "PK_25d28bd932097a9e90495ede7b4" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_memberships_user" ON "memberships" ("user_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_memberships_org_user" ON "memberships" ("org_id", "user_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "refresh_tokens"
            ADD CONSTRAINT "FK_3ddc983c5f7bcf132fd8732c3f4" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "api_keys"
            ADD CONSTRAINT "FK_a3baee01d8408cd3c0f89a9a973" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "api_keys"
            ADD CONSTRAINT "FK_ba7f5748f500d24aa18041d0439" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "invitations"
            ADD CONSTRAINT "FK_5267611dcc50f78999dbf54f461" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "memberships"
            ADD CONSTRAINT "FK_7c1e2fdfed4f6838e0c05ae5051" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "memberships"
            ADD CONSTRAINT "FK_8c6a511c72951c42e008f5537dc" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "memberships" DROP CONSTRAINT "FK_8c6a511c72951c42e008f5537dc"
        `);
        await queryRunner.query(`
            ALTER TABLE "memberships" DROP CONSTRAINT "FK_7c1e2fdfed4f6838e0c05ae5051"
        `);
        await queryRunner.query(`
            ALTER TABLE "invitations" DROP CONSTRAINT "FK_5267611dcc50f78999dbf54f461"
        `);
        await queryRunner.query(`
            ALTER TABLE "api_keys" DROP CONSTRAINT "FK_ba7f5748f500d24aa18041d0439"
        `);
        await queryRunner.query(`
            ALTER TABLE "api_keys" DROP CONSTRAINT "FK_a3baee01d8408cd3c0f89a9a973"
        `);
        await queryRunner.query(`
            ALTER TABLE "refresh_tokens" DROP CONSTRAINT "FK_3ddc983c5f7bcf132fd8732c3f4"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_memberships_org_user"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_memberships_user"
        `);
        await queryRunner.query(`
            DROP TABLE "memberships"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_invitations_org"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_invitations_code"
        `);
        await queryRunner.query(`
            DROP TABLE "invitations"
        `);
        await queryRunner.query(`
            DROP TABLE "oauth_states"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_api_keys_org"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_api_keys_user"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_api_keys_prefix"
        `);
        await queryRunner.query(`
            DROP TABLE "api_keys"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_orgs_slug"
        `);
        await queryRunner.query(`
            DROP TABLE "orgs"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_refresh_tokens_family"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_refresh_tokens_user"
        `);
        await queryRunner.query(`
            DROP TABLE "refresh_tokens"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_users_discord_id"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_users_email"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_users_username"
        `);
        await queryRunner.query(`
            DROP TABLE "users"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_idempotency_scope_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_idempotency_expires"
        `);
        await queryRunner.query(`
            DROP TABLE "idempotency_records"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_audit_log_org_time"
        `);
        await queryRunner.query(`
            DROP TABLE "audit_log"
        `);
    }

}
