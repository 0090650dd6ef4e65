import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';

/**
 * A password-reset token: single use, short-lived, stored as a SHA-256 hash (the secret is only
 * in the mail). The id is the reset request's id, so a re-run of the request job makes no second token.
 */
@Entity('password_reset_tokens')
export class PasswordResetToken {
  @PrimaryColumn('uuid')
  id: string;

  @Index('ix_password_reset_tokens_user')
  @Column('uuid')
  userId: string;

  @Index('uq_password_reset_tokens_hash', { unique: true })
  @Column('varchar', { length: 64 })
  tokenHash: string;

  @Column('timestamptz')
  expiresAt: Date;

  /** Set when the token is used, or when another token of the same user is: then it is spent. */
  @Column('timestamptz', { nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  // Declared for its foreign key only.
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  private readonly user?: User;
}
