import { Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../platform/database/base.entity';
import { ReferencesUser } from '../../../platform/database/user-reference';
import type { ApplicationStatus, Tally, TrialStatus, VoteDecision, VotingRules } from './application-rules';

/** One answer to the org's questionnaire, with the prompt as it read when the applicant answered. */
export interface StoredAnswer {
  questionId: string;
  prompt: string;
  answer: string;
}

/**
 * A recruitment application: who applies with which character, the recruiter workflow status,
 * the member vote (window, rules snapshot, outcome) and, once approved, the trial period.
 */
@ReferencesUser('userId', { onDelete: 'CASCADE' })
@Entity('dkp_applications')
@Index('ix_dkp_applications_org_created', ['orgId', 'createdAt'])
@Index('ix_dkp_applications_org_status_created', ['orgId', 'status', 'createdAt'])
@Index('ix_dkp_applications_org_user', ['orgId', 'userId'])
@Index('ix_dkp_applications_voting_ends', ['votingEndsAt'], { where: "status = 'voting_active'" })
@Index('uq_dkp_applications_org_open_character', ['orgId', 'characterName'], {
  unique: true,
  where: "status IN ('submitted', 'trial_accepted', 'voting_active', 'voting_complete')",
})
export class Application extends OrgScopedEntity {
  /** The applicant. */
  @Column('uuid')
  userId: string;

  @Column('varchar', { length: 24 })
  status: ApplicationStatus;

  /** Capitalized the EverQuest way, like roster names. */
  @Column('varchar', { length: 32 })
  characterName: string;

  @Column('varchar', { length: 64 })
  server: string;

  @Column('varchar', { length: 32 })
  characterClass: string;

  @Column('smallint')
  level: number;

  @Column('text')
  guildExperience: string;

  @Column('text')
  availability: string;

  @Column('varchar', { length: 64 })
  timeZone: string;

  @Column('text', { name: 'member_references' })
  references: string;

  @Column('varchar', { length: 40 })
  discordUsername: string;

  @Column('jsonb', { default: () => "'[]'" })
  answers: StoredAnswer[];

  @Column('text', { nullable: true })
  rejectionReason: string | null;

  @Column('timestamptz', { nullable: true })
  trialAcceptedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  votingStartedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  votingEndsAt: Date | null;

  @Column('timestamptz', { nullable: true })
  votingClosedAt: Date | null;

  @Column('jsonb', { nullable: true })
  votingRules: VotingRules | null;

  @Column('varchar', { length: 16, nullable: true })
  decision: VoteDecision | null;

  /** Counted votes at close. */
  @Column('jsonb', { nullable: true })
  finalTally: Tally | null;

  /** When an officer approved, rejected or recycled it (or the applicant withdrew). */
  @Column('timestamptz', { nullable: true })
  decidedAt: Date | null;

  @Column('uuid', { nullable: true })
  decidedByUserId: string | null;

  /** The roster character created on approval. */
  @Column('uuid', { nullable: true })
  characterId: string | null;

  @Column('varchar', { length: 16, nullable: true })
  trialStatus: TrialStatus | null;

  @Column('timestamptz', { nullable: true })
  trialEndsAt: Date | null;

  @Column('timestamptz', { nullable: true })
  trialEndedAt: Date | null;
}
