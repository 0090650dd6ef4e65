import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Discord avatar hash of a user, set at each Discord login or link, so member views can fall
 * back to the Discord avatar when no avatar was uploaded.
 */
export class UserDiscordAvatar1796500000005 implements MigrationInterface {
  name = 'UserDiscordAvatar1796500000005';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "discord_avatar" character varying(64)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "discord_avatar"`);
  }
}
