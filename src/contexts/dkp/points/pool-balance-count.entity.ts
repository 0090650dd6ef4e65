import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How many balance rows each pool has: the leaderboard's `total` without counting the pool on
 * every read. Kept by deferred triggers on `dkp_balances` (migration `DkpLeaderboardCounts`), so
 * every writer (ledger, bulk loader, purges) keeps it right without knowing of it; the triggers
 * run at commit, after the writer's balance rows are locked, so they add no lock-order hazard.
 */
@Entity('dkp_pool_balance_counts')
export class PoolBalanceCount {
  @PrimaryColumn('uuid')
  orgId: string;

  @PrimaryColumn('uuid')
  poolId: string;

  @Column('int', { default: 0 })
  balances: number;
}
