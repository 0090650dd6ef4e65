import { Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../platform/database/base.entity';

/** A guild rank, ordered (0 = highest), optionally mirrored by a Discord role. */
@Entity('dkp_ranks')
@Index('uq_dkp_ranks_org_name', ['orgId', 'name'], { unique: true })
export class Rank extends OrgScopedEntity {
  @Column('varchar', { length: 48 })
  name: string;

  @Column('int', { default: 0 })
  sortOrder: number;

  @Column('varchar', { length: 20, nullable: true })
  discordRoleId: string | null;
}
