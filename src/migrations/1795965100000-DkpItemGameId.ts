import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The game's own id of a catalog item (EQdkp `game_itemid`), kept by imports so that tooltips
 * and links can be rebuilt. Several ids seen under one name are kept comma-separated.
 */
export class DkpItemGameId1795965100000 implements MigrationInterface {
  name = 'DkpItemGameId1795965100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "dkp_items" ADD "game_item_id" character varying(200)');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "dkp_items" DROP COLUMN "game_item_id"');
  }
}
