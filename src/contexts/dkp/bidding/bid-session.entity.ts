import { Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../platform/database/base.entity';
import type { AuctionMode, AuctionPricing, TieBreak } from '../pools/pool.entity';

export const BID_SESSION_STATUSES = ['open', 'closed', 'awarded', 'cancelled'] as const;
export type BidSessionStatus = (typeof BID_SESSION_STATUSES)[number];

/** The pool's auction rules as they were when the session started: changing the pool mid-auction changes nothing. */
export interface AuctionRules {
  mode: AuctionMode;
  pricing: AuctionPricing;
  secondPriceIncrement: string;
  minIncrement: string;
  allowEqualBids: boolean;
  tieBreakOrder: TieBreak[];
  antiSnipeSeconds: number;
}

/** One auction of an item drop: bids while open, winners fixed at close, debited at award. */
@Entity('dkp_bid_sessions')
@Index('ix_dkp_bid_sessions_org_status', ['orgId', 'status', 'closesAt'])
@Index('ix_dkp_bid_sessions_pool_status', ['orgId', 'poolId', 'status'])
export class BidSession extends OrgScopedEntity {
  @Column('uuid')
  itemId: string;

  @Column('uuid')
  poolId: string;

  @Column('uuid', { nullable: true })
  raidId: string | null;

  /** How many of the item dropped: the top N bidders win one each. */
  @Column('smallint', { default: 1 })
  quantity: number;

  @Column('numeric', { precision: 12, scale: 2, default: 0 })
  minBid: string;

  @Column('varchar', { length: 16, default: 'open' })
  status: BidSessionStatus;

  @Column({ type: 'timestamptz', precision: 3 })
  closesAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  closedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  awardedAt: Date | null;

  @Column('jsonb')
  rules: AuctionRules;

  @Column('uuid', { nullable: true })
  startedByUserId: string | null;

  /** Every bid placed, counting or superseded; moved with each bid under the session lock. */
  @Column('int', { default: 0 })
  bidCount: number;
}
