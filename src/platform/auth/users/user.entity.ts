import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';

@Entity('users')
export class User extends BaseEntity {
  /** Lower-case login name, unique. */
  @Index('uq_users_username', { unique: true })
  @Column('varchar', { length: 32 })
  username: string;

  @Index('uq_users_email', { unique: true, where: 'email IS NOT NULL' })
  @Column('varchar', { length: 254, nullable: true })
  email: string | null;

  @Column('varchar', { length: 64, nullable: true })
  displayName: string | null;

  /** argon2id hash; null for users who only log in through Discord. */
  @Column('varchar', { length: 255, nullable: true })
  passwordHash: string | null;

  /** One Discord account maps to one user. */
  @Index('uq_users_discord_id', { unique: true, where: 'discord_id IS NOT NULL' })
  @Column('varchar', { length: 20, nullable: true })
  discordId: string | null;

  @Column('varchar', { length: 64, nullable: true })
  discordUsername: string | null;

  /** The Discord avatar hash from the user's Discord profile, refreshed at each Discord login. */
  @Column('varchar', { length: 64, nullable: true })
  discordAvatar: string | null;

  @Column('boolean', { default: false })
  isPlatformAdmin: boolean;

  /** A disabled user cannot log in and every credential of theirs is refused. */
  @Column('timestamptz', { nullable: true })
  disabledAt: Date | null;
}
