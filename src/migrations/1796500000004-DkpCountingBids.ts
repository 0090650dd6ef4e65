import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counting bids without scanning the bids they replaced: a bid is marked `superseded_at` when its
 * bidder bids again in the session, partial indexes cover the counting ones (by session, by user),
 * and the session keeps its bid count. Existing bids are backfilled: every bid but each bidder's
 * latest per session (by time, then id) is superseded at the time of the next one.
 */
export class DkpCountingBids1796500000004 implements MigrationInterface {
  name = 'DkpCountingBids1796500000004';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dkp_bids" ADD "superseded_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "dkp_bid_sessions" ADD "bid_count" integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`
      UPDATE dkp_bids b SET superseded_at = later.next_at
        FROM (SELECT id, lead(created_at) OVER (PARTITION BY session_id, user_id ORDER BY created_at, id) AS next_at
                FROM dkp_bids) later
       WHERE later.id = b.id AND later.next_at IS NOT NULL
    `);
    await queryRunner.query(`
      UPDATE dkp_bid_sessions s SET bid_count = counted.n
        FROM (SELECT session_id, count(*)::int AS n FROM dkp_bids GROUP BY session_id) counted
       WHERE counted.session_id = s.id
    `);
    await queryRunner.query(
      `CREATE INDEX "ix_dkp_bids_counting" ON "dkp_bids" ("session_id", "user_id") WHERE superseded_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_dkp_bids_counting_by_user" ON "dkp_bids" ("user_id", "session_id") WHERE superseded_at IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_dkp_bids_counting_by_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_dkp_bids_counting"`);
    await queryRunner.query(`ALTER TABLE "dkp_bid_sessions" DROP COLUMN "bid_count"`);
    await queryRunner.query(`ALTER TABLE "dkp_bids" DROP COLUMN "superseded_at"`);
  }
}
