import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';

@Entity('orgs')
export class Org extends BaseEntity {
  /** URL name, `/api/v1/orgs/{slug}/...`. */
  @Index('uq_orgs_slug', { unique: true })
  @Column('varchar', { length: 48 })
  slug: string;

  @Column('varchar', { length: 100 })
  name: string;

  /** Business contexts this org uses (`dkp`, `starcorp`, ...); others answer 404 for it. */
  @Column('text', { array: true, default: () => "'{}'" })
  contexts: string[];
}
