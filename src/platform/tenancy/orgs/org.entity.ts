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

  /**
   * Whether the org's public routes (`Access.publicOrg()`) answer anyone without a login; off,
   * they answer 404 as if the org did not exist. Only org admins switch it.
   */
  @Column('boolean', { default: false })
  publicSite: boolean;

  /** Shown on the public profile; plain text. */
  @Column('varchar', { length: 1000, nullable: true })
  publicDescription: string | null;
}
