import { Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import { ReferencesUser } from '../../../../platform/database/user-reference';

/**
 * A member's claim code in an org: put in their RSI bio, it proves they own the handle they
 * claim. Issued once per member (random), kept so it survives while they edit their bio.
 */
@Entity('starcorp_rsi_claim_codes')
@Index('uq_starcorp_rsi_claim_codes_org_user', ['orgId', 'userId'], { unique: true })
@ReferencesUser('userId', { onDelete: 'CASCADE' })
export class StarcorpRsiClaimCode extends OrgScopedEntity {
  @Column('uuid')
  userId: string;

  @Column('varchar', { length: 32 })
  code: string;
}
