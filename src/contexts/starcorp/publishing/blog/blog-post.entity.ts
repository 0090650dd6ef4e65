import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import { ReferencesUser } from '../../../../platform/database/user-reference';
import { BlogCategory } from './blog-category.entity';
import type { BlogPostStatus } from './blog-rules';

/** The search document: heading and text, stemmed as English. */
export const BLOG_SEARCH_EXPRESSION = `to_tsvector('english'::regconfig, coalesce(heading, '') || ' ' || coalesce(content_text, ''))`;

/**
 * A blog post. `content` is stored sanitized; `contentText` and `excerpt` are derived from it on
 * every write, and `searchVector` by Postgres from the heading and text (GIN-indexed; TypeORM cannot
 * declare a GIN index, so the migration creates `ix_starcorp_blog_posts_search` by hand).
 */
@Entity('starcorp_blog_posts')
@Index('uq_starcorp_blog_posts_org_slug', ['orgId', 'slug'], { unique: true })
@Index('ix_starcorp_blog_posts_org_status_published', ['orgId', 'status', 'publishedAt', 'id'])
@Index('ix_starcorp_blog_posts_org_category', ['orgId', 'categoryId'])
@Check('ck_starcorp_blog_posts_status', `"status" IN ('draft', 'published', 'archived')`)
@ReferencesUser('authorUserId', { onDelete: 'SET NULL' })
export class BlogPost extends OrgScopedEntity {
  @Column('varchar', { length: 255 })
  heading: string;

  @Column('varchar', { length: 255 })
  slug: string;

  @Column('text', { default: '' })
  content: string;

  @Column('text', { default: '' })
  contentText: string;

  @Column('varchar', { length: 255, default: '' })
  excerpt: string;

  /** Who wrote it (the caller that created it); null for bots and deleted accounts. */
  @Column('uuid', { nullable: true })
  authorUserId: string | null;

  @Column('uuid', { nullable: true })
  categoryId: string | null;

  @ManyToOne(() => BlogCategory, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'category_id' })
  category?: BlogCategory | null;

  @Column('varchar', { length: 500, nullable: true })
  featureImageUrl: string | null;

  @Column('varchar', { length: 16, default: 'draft' })
  status: BlogPostStatus;

  /** When it was last published; cleared when it goes back to draft. */
  @Column('timestamptz', { nullable: true })
  publishedAt: Date | null;

  /** Kept out of TypeORM's schema sync: it cannot say `USING gin` (the migration creates the index). */
  @Index('ix_starcorp_blog_posts_search', { synchronize: false })
  @Column({
    type: 'tsvector',
    generatedType: 'STORED',
    asExpression: BLOG_SEARCH_EXPRESSION,
    insert: false,
    update: false,
    select: false,
  })
  searchVector?: string;
}
