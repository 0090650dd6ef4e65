import { Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';

/** A blog category; deleting one leaves its posts uncategorised. */
@Entity('starcorp_blog_categories')
@Index('uq_starcorp_blog_categories_org_slug', ['orgId', 'slug'], { unique: true })
export class BlogCategory extends OrgScopedEntity {
  @Column('varchar', { length: 100 })
  name: string;

  @Column('varchar', { length: 100 })
  slug: string;

  @Column('varchar', { length: 500, default: '' })
  description: string;
}
