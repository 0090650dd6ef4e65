import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgRecord } from '../common/org-record';
import { BidSession } from './bid-session.entity';

/**
 * One bid. A bidder is a user, whichever character names the bid; their latest bid in a session
 * is the one that counts (the others are marked superseded). The random roll is drawn when the bid is placed and kept, so a tie
 * settled by it can be shown and checked afterwards.
 */
@Entity('dkp_bids')
@Index('ix_dkp_bids_session_user', ['sessionId', 'userId', 'createdAt'])
// The counting bids (one per bidder and session): what every bid, close and commitment reads,
// found without scanning the bids they replaced.
@Index('ix_dkp_bids_counting', ['sessionId', 'userId'], { where: 'superseded_at IS NULL' })
@Index('ix_dkp_bids_counting_by_user', ['userId', 'sessionId'], { where: 'superseded_at IS NULL' })
export class Bid extends OrgRecord {
  @Column('uuid')
  sessionId: string;

  @Column('uuid')
  userId: string;

  @Column('varchar', { length: 32, nullable: true })
  characterName: string | null;

  @Column('numeric', { precision: 12, scale: 2 })
  amount: string;

  /** 1-1000, the last tie-break. */
  @Column('smallint')
  roll: number;

  /** Set at close on each winner's counting bid: what they pay. */
  @Column('numeric', { precision: 12, scale: 2, nullable: true })
  price: string | null;

  /** Set when the same bidder bids again in the session: from then on this bid no longer counts. */
  @Column('timestamptz', { nullable: true })
  supersededAt: Date | null;

  /** Set at award: the loot award that debited the winner. */
  @Column('uuid', { nullable: true })
  lootId: string | null;

  // Relation declared for its foreign key only.
  @ManyToOne(() => BidSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  private readonly session?: BidSession;
}
