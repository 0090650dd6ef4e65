import { Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../platform/database/base.entity';
import type { AttendanceWindowStart } from '../points/attendance-window';

export const AUCTION_MODES = ['open', 'sealed'] as const;
export type AuctionMode = (typeof AUCTION_MODES)[number];
export const AUCTION_PRICING = ['first_price', 'second_price'] as const;
export type AuctionPricing = (typeof AUCTION_PRICING)[number];
/** How equal bids are separated, in order; a recorded random roll always settles what is left. */
export const TIE_BREAKS = ['earliest_bid', 'attendance', 'roll'] as const;
export type TieBreak = (typeof TIE_BREAKS)[number];

/** A DKP pool: an independent points economy (e.g. one per expansion or raid tier). */
@Entity('dkp_pools')
@Index('uq_dkp_pools_org_name', ['orgId', 'name'], { unique: true })
export class Pool extends OrgScopedEntity {
  @Column('varchar', { length: 64 })
  name: string;

  @Column('text', { default: '' })
  description: string;

  /** Share of the raid value awarded to a late arrival (1 = full award). */
  @Column('numeric', { precision: 3, scale: 2, default: () => '0.5' })
  lateAwardFraction: string;

  /** Share of the raid value awarded to someone who left early. */
  @Column('numeric', { precision: 3, scale: 2, default: () => '0.5' })
  leftEarlyAwardFraction: string;

  /** Percent of each positive balance removed per decay period; 0 turns decay off. */
  @Column('numeric', { precision: 5, scale: 2, default: 0 })
  decayPercent: string;

  /** Length of a decay period in days. */
  @Column('int', { default: 7 })
  decayPeriodDays: number;

  /** Auction rules for the pool's bid sessions (copied onto each session when it starts). */
  @Column('varchar', { length: 8, default: 'open' })
  auctionMode: AuctionMode;

  @Column('varchar', { length: 16, default: 'first_price' })
  auctionPricing: AuctionPricing;

  /** Second price: winners pay the best losing bid plus this (at most their own bid). */
  @Column('numeric', { precision: 12, scale: 2, default: 1 })
  secondPriceIncrement: string;

  /** Open auctions: a new bid must beat the leading bid by at least this much. */
  @Column('numeric', { precision: 12, scale: 2, default: 1 })
  minIncrement: string;

  /** Open auctions: whether a bid may equal the leading bid (then ties are broken). */
  @Column('boolean', { default: false })
  allowEqualBids: boolean;

  @Column('text', { array: true, default: () => "'{earliest_bid,attendance,roll}'" })
  tieBreakOrder: TieBreak[];

  /** A bid in the last N seconds pushes the close back to N seconds from that bid. 0 = off. */
  @Column('int', { default: 30 })
  antiSnipeSeconds: number;

  /** Session length when a start request gives no close time. */
  @Column('int', { default: 120 })
  defaultAuctionSeconds: number;

  /** Where members' 30/60/90-day and lifetime attendance windows start (points/attendance-window.ts). */
  @Column('varchar', { length: 16, default: 'first_raid' })
  attendanceWindowStart: AttendanceWindowStart;
}
