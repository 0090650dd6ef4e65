import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Org } from '../../tenancy/orgs/org.entity';
import { User } from '../users/user.entity';

export const API_KEY_KINDS = ['personal', 'bot'] as const;
export type ApiKeyKind = (typeof API_KEY_KINDS)[number];

export const RATE_LIMIT_TIERS = ['standard', 'high'] as const;
export type RateLimitTier = (typeof RATE_LIMIT_TIERS)[number];

/**
 * A personal key acts as its user; a bot key acts for one org, limited to its scopes. The
 * secret is shown once at creation; only its SHA-256 is kept, looked up by the public prefix.
 */
@Entity('api_keys')
@Index('ix_api_keys_org', ['orgId', 'createdAt'])
@Index('ix_api_keys_user', ['userId', 'createdAt'])
export class ApiKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('varchar', { length: 16 })
  kind: ApiKeyKind;

  /** Personal keys: the user they act as. Bot keys: the admin who created them. */
  @Column('uuid')
  userId: string;

  /** Bot keys only. */
  @Column('uuid', { nullable: true })
  orgId: string | null;

  @Column('varchar', { length: 100 })
  name: string;

  @Index('uq_api_keys_prefix', { unique: true })
  @Column('varchar', { length: 16 })
  prefix: string;

  @Column('varchar', { length: 64 })
  secretHash: string;

  /** Empty for a personal key means "everything its user may do". */
  @Column('text', { array: true, default: () => "'{}'" })
  scopes: string[];

  @Column('varchar', { length: 16, default: 'standard' })
  rateLimitTier: RateLimitTier;

  @Column('timestamptz', { nullable: true })
  expiresAt: Date | null;

  @Column('timestamptz', { nullable: true })
  lastUsedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  // Relations declared for their foreign keys only; code reads the id columns.
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  private readonly user?: User;

  @ManyToOne(() => Org, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'org_id' })
  private readonly org?: Org;
}
