import { Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';

/** A corporation rank, ordered by `level` (1 is the lowest, Private in the seed), with a badge. */
@Entity('starcorp_ranks')
@Index('uq_starcorp_ranks_org_name', ['orgId', 'name'], { unique: true })
@Index('ix_starcorp_ranks_org_level', ['orgId', 'level'])
export class StarcorpRank extends OrgScopedEntity {
  @Column('varchar', { length: 48 })
  name: string;

  @Column('int')
  level: number;

  /** The badge image. */
  @Column('varchar', { length: 500, nullable: true })
  imageUrl: string | null;
}
