import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifies channel `qm_caller_changed` (on commit) whenever a table that the per-request caller
 * lookup reads changes, so that every API instance drops its in-process caller cache
 * (src/platform/auth/caller-cache.ts). Statement triggers: one notification per statement, and
 * Postgres folds identical ones of a transaction into one.
 *
 * api_keys: every column but last_used_at, which is stamped at most once a minute per key and
 * decides nothing (a column added later that a lookup reads must join this list).
 */
const TABLES: [table: string, updateOf: string][] = [
  ['users', ''],
  ['refresh_tokens', ''],
  ['orgs', ''],
  ['memberships', ''],
  [
    'api_keys',
    ' OF "id", "kind", "user_id", "org_id", "name", "prefix", "secret_hash", "scopes", "rate_limit_tier", "expires_at", "revoked_at"',
  ],
];

export class CallerChangeNotify1795980000000 implements MigrationInterface {
  name = 'CallerChangeNotify1795980000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION qm_notify_caller_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('qm_caller_changed', TG_TABLE_NAME);
        RETURN NULL;
      END $$
    `);
    for (const [table, updateOf] of TABLES) {
      await queryRunner.query(`
        CREATE TRIGGER "trg_${table}_caller_changed"
        AFTER INSERT OR UPDATE${updateOf} OR DELETE ON "${table}"
        FOR EACH STATEMENT EXECUTE FUNCTION qm_notify_caller_changed()
      `);
      await queryRunner.query(`
        CREATE TRIGGER "trg_${table}_caller_truncated"
        AFTER TRUNCATE ON "${table}"
        FOR EACH STATEMENT EXECUTE FUNCTION qm_notify_caller_changed()
      `);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table] of TABLES) {
      await queryRunner.query(`DROP TRIGGER "trg_${table}_caller_truncated" ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER "trg_${table}_caller_changed" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION qm_notify_caller_changed()`);
  }
}
