import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * The `state` of one Discord authorization request, stored so that any API instance can check
 * it on the callback and so that it can be used only once.
 */
@Entity('oauth_states')
export class OAuthState {
  /** SHA-256 of the state value sent to Discord. */
  @PrimaryColumn('varchar', { length: 64 })
  stateHash: string;

  /** `login`, or `link` to attach the Discord account to `userId`. */
  @Column('varchar', { length: 8 })
  purpose: 'login' | 'link';

  @Column('uuid', { nullable: true })
  userId: string | null;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('timestamptz', { nullable: true })
  consumedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
