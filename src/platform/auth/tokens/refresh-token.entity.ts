import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';

/**
 * One refresh token. Tokens of one login form a family: refreshing rotates to a new token of
 * the same family, and presenting an already rotated token revokes the whole family (it was
 * stolen, or the client is confused; either way nobody keeps the session).
 */
@Entity('refresh_tokens')
@Index('ix_refresh_tokens_family', ['familyId'])
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_refresh_tokens_user')
  @Column('uuid')
  userId: string;

  @Column('uuid')
  familyId: string;

  /** SHA-256 of the secret part; the secret itself is never stored. */
  @Column('varchar', { length: 64 })
  secretHash: string;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('timestamptz', { nullable: true })
  rotatedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  // Relations declared for their foreign keys only; code reads the id columns.
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  private readonly user?: User;
}
