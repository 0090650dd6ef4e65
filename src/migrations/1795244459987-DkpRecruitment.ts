import { MigrationInterface, QueryRunner } from "typeorm";

export class DkpRecruitment1795244459987 implements MigrationInterface {
    name = 'DkpRecruitment1795244459987'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "dkp_applications" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "status" character varying(24) NOT NULL,
                "character_name" character varying(32) NOT NULL,
                "server" character varying(64) NOT NULL,
                "character_class" character varying(32) NOT NULL,
                "level" smallint NOT NULL,
                "guild_experience" text NOT NULL,
                "availability" text NOT NULL,
                "time_zone" character varying(64) NOT NULL,
                "member_references" text NOT NULL,
                "discord_username" character varying(40) NOT NULL,
                "answers" jsonb NOT NULL DEFAULT '[]',
                "rejection_reason" text,
                "trial_accepted_at" TIMESTAMP WITH TIME ZONE,
                "voting_started_at" TIMESTAMP WITH TIME ZONE,
                "voting_ends_at" TIMESTAMP WITH TIME ZONE,
                "voting_closed_at" TIMESTAMP WITH TIME ZONE,
                "voting_rules" jsonb,
                "decision" character varying(16),
                "final_tally" jsonb,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "decided_by_user_id" uuid,
                "character_id" uuid,
                "trial_status" character varying(16),
                "trial_ends_at" TIMESTAMP WITH TIME ZONE,
                "trial_ended_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_da874920c013990621c7ea297ab" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_dkp_applications_org_open_character" ON "dkp_applications" ("org_id", "character_name")
            WHERE status IN (
                    'submitted',
                    'trial_accepted',
                    'voting_active',
                    'voting_complete'
                )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_dkp_applications_voting_ends" ON "dkp_applications" ("voting_ends_at")
            WHERE status = 'voting_active'
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_dkp_applications_org_user" ON "dkp_applications" ("org_id", "user_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_dkp_applications_org_status_created" ON "dkp_applications" ("org_id", "status", "created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_dkp_applications_org_created" ON "dkp_applications" ("org_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "dkp_application_comments" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "application_id" uuid NOT NULL,
                "author_user_id" uuid,
                "body" text NOT NULL,
                CONSTRAINT "PK_4b09b4caa44ad524ce6b0b819db" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_dkp_application_comments_org_app_created" ON "dkp_application_comments" ("org_id", "application_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "dkp_application_questions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "prompt" character varying(500) NOT NULL,
                "required" boolean NOT NULL DEFAULT false,
                "sort_order" integer NOT NULL DEFAULT '0',
                "active" boolean NOT NULL DEFAULT true,
                CONSTRAINT "PK_e994a325ba3e3b3f8c2dd8aa340" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_dkp_application_questions_org_order" ON "dkp_application_questions" ("org_id", "sort_order")
        `);
        await queryRunner.query(`
            CREATE TABLE "dkp_application_vote_changes" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "application_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "from_choice" character varying(16),
                "to_choice" character varying(16) NOT NULL,
                "attendance_percent" numeric(5, 1) NOT NULL,
                "counted" boolean NOT NULL,
                CONSTRAINT "PK_65181ba5f4064deaeec51695cc4" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_dkp_application_vote_changes_org_app_created" ON "dkp_application_vote_changes" ("org_id", "application_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "dkp_application_votes" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "application_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "choice" character varying(16) NOT NULL,
                "change_count" integer NOT NULL DEFAULT '0',
                "attendance_percent" numeric(5, 1) NOT NULL,
                "counted" boolean NOT NULL,
                "voted_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_0de7c87583955fdd2d8d930c406" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_dkp_application_votes_app_user" ON "dkp_application_votes" ("org_id", "application_id", "user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "dkp_recruitment_settings" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "voting_hours" integer NOT NULL DEFAULT '48',
                "min_attendance_percent" numeric(5, 1) NOT NULL DEFAULT '15',
                "quorum" integer NOT NULL DEFAULT '1',
                "tie_rule" character varying(16) NOT NULL DEFAULT 'recycle',
                "pass_threshold_percent" numeric(5, 1) NOT NULL DEFAULT '50',
                "trial_days" integer NOT NULL DEFAULT '14',
                CONSTRAINT "PK_207dbd958666c9888e679cb9404" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_dkp_recruitment_settings_org" ON "dkp_recruitment_settings" ("org_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_applications"
            ADD CONSTRAINT "FK_fa5b853e499b05257af55462876" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_application_comments"
            ADD CONSTRAINT "FK_51791da0f521d6e96366a174fe3" FOREIGN KEY ("application_id") REFERENCES "dkp_applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_application_vote_changes"
            ADD CONSTRAINT "FK_77707bd400000a551701d43411d" FOREIGN KEY ("application_id") REFERENCES "dkp_applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_application_votes"
            ADD CONSTRAINT "FK_cb6305f729f1fd456eb1ae173a5" FOREIGN KEY ("application_id") REFERENCES "dkp_applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_application_votes"
            ADD CONSTRAINT "FK_0ae8bef454418d1d8d339711c24" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "dkp_application_votes" DROP CONSTRAINT "FK_0ae8bef454418d1d8d339711c24"
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_application_votes" DROP CONSTRAINT "FK_cb6305f729f1fd456eb1ae173a5"
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_application_vote_changes" DROP CONSTRAINT "FK_77707bd400000a551701d43411d"
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_application_comments" DROP CONSTRAINT "FK_51791da0f521d6e96366a174fe3"
        `);
        await queryRunner.query(`
            ALTER TABLE "dkp_applications" DROP CONSTRAINT "FK_fa5b853e499b05257af55462876"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_dkp_recruitment_settings_org"
        `);
        await queryRunner.query(`
            DROP TABLE "dkp_recruitment_settings"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_dkp_application_votes_app_user"
        `);
        await queryRunner.query(`
            DROP TABLE "dkp_application_votes"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_dkp_application_vote_changes_org_app_created"
        `);
        await queryRunner.query(`
            DROP TABLE "dkp_application_vote_changes"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_dkp_application_questions_org_order"
        `);
        await queryRunner.query(`
            DROP TABLE "dkp_application_questions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_dkp_application_comments_org_app_created"
        `);
        await queryRunner.query(`
            DROP TABLE "dkp_application_comments"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_dkp_applications_org_created"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_dkp_applications_org_status_created"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_dkp_applications_org_user"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_dkp_applications_voting_ends"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_dkp_applications_org_open_character"
        `);
        await queryRunner.query(`
            DROP TABLE "dkp_applications"
        `);
    }

}
