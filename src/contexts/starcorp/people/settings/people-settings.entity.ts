import { Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';

/**
 * The people side's per-org settings row. Its existence records that the org's default ranks were
 * seeded (once: an org that deletes them all does not get them back), and it holds how many
 * squadrons a member may be active in at once.
 */
@Entity('starcorp_people_settings')
@Index('uq_starcorp_people_settings_org', ['orgId'], { unique: true })
export class StarcorpPeopleSettings extends OrgScopedEntity {
  @Column('timestamptz')
  ranksSeededAt: Date;

  @Column('int', { default: 1 })
  squadronsPerMember: number;
}
