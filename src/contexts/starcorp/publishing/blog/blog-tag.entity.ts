import { Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';

/** A blog tag, created the first time a post names it. */
@Entity('starcorp_blog_tags')
@Index('uq_starcorp_blog_tags_org_slug', ['orgId', 'slug'], { unique: true })
export class BlogTag extends OrgScopedEntity {
  @Column('varchar', { length: 50 })
  name: string;

  @Column('varchar', { length: 50 })
  slug: string;
}
