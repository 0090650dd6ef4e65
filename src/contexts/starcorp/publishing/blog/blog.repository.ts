import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { findInOrg } from '../../../../platform/database/org-scoped';
import { keysetBy } from '../../../../platform/http/keyset';
import { newestFirst } from '../../../../platform/http/pagination';
import { PublishingRepository } from '../publishing-repository';
import { BlogCategory } from './blog-category.entity';
import { BlogPostTag } from './blog-post-tag.entity';
import { BlogPost } from './blog-post.entity';
import type { BlogPostStatus } from './blog-rules';
import { BlogTag } from './blog-tag.entity';

/** Which posts a page shows. */
export interface BlogPostFilter {
  /** Only these states (all when absent). */
  statuses?: BlogPostStatus[];
  categorySlug?: string;
  tagSlug?: string;
  /** Web-search syntax, matched against the stemmed heading and text. */
  search?: string;
  /** The column pages run newest first on: the public list by publication, the members' by creation. */
  orderBy: 'publishedAt' | 'createdAt';
}

export type TagRef = Pick<BlogTag, 'id' | 'name' | 'slug'>;

/** The SQL of the blog: categories, tags, posts and the tags on posts. */
@Injectable()
export class BlogRepository extends PublishingRepository {
  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }

  // ---- Categories and tags: small lists, paged by slug. ----

  categoriesPage(orgId: string, page: { limit: number; cursor?: string }): Promise<BlogCategory[]> {
    return this.bySlug(this.db.getRepository(BlogCategory).createQueryBuilder('x'), orgId, page).getMany();
  }

  tagsPage(orgId: string, page: { limit: number; cursor?: string }): Promise<BlogTag[]> {
    return this.bySlug(this.db.getRepository(BlogTag).createQueryBuilder('x'), orgId, page).getMany();
  }

  private bySlug<Q extends SelectQueryBuilder<BlogCategory | BlogTag>>(
    qb: Q,
    orgId: string,
    page: { limit: number; cursor?: string },
  ): Q {
    qb.where('x.org_id = :orgId', { orgId });
    return keysetBy(qb, [['x.slug', 'text']], page);
  }

  loadCategory(orgId: string, id: string, tx?: EntityManager): Promise<BlogCategory> {
    return findInOrg(this.managerOf(tx), BlogCategory, orgId, id, 'Blog category');
  }

  saveCategory(tx: EntityManager, category: Partial<BlogCategory>): Promise<BlogCategory> {
    return tx.save(BlogCategory, tx.create(BlogCategory, category));
  }

  /** Deletes a category; its posts keep going, uncategorised (the foreign key sets null). */
  async deleteCategory(tx: EntityManager, orgId: string, id: string): Promise<void> {
    await tx.delete(BlogCategory, { id, orgId });
  }

  /** The tags of these names (matched by slug), created where missing, in one statement. */
  async upsertTags(tx: EntityManager, orgId: string, tags: { name: string; slug: string }[]): Promise<TagRef[]> {
    if (!tags.length) return [];
    // `DO UPDATE` with the same slug (not DO NOTHING) so existing tags come back in RETURNING too.
    return tx.query(
      `INSERT INTO starcorp_blog_tags (org_id, name, slug)
       SELECT $1, t.name, t.slug FROM jsonb_to_recordset($2::jsonb) AS t(name varchar, slug varchar)
       ON CONFLICT (org_id, slug) DO UPDATE SET slug = EXCLUDED.slug
       RETURNING id, name, slug`,
      [orgId, JSON.stringify(tags)],
    );
  }

  /** Replaces the post's tags. */
  async setPostTags(tx: EntityManager, orgId: string, postId: string, tagIds: string[]): Promise<void> {
    await tx.delete(BlogPostTag, { orgId, postId });
    if (tagIds.length)
      await tx.insert(
        BlogPostTag,
        tagIds.map((tagId) => ({ orgId, postId, tagId })),
      );
  }

  /** The tags of each post, by post id, in slug order. */
  async tagsOf(orgId: string, postIds: string[], tx?: EntityManager): Promise<Map<string, TagRef[]>> {
    const byPost = new Map<string, TagRef[]>(postIds.map((id) => [id, []]));
    if (!postIds.length) return byPost;
    const rows: (TagRef & { postId: string })[] = await this.managerOf(tx).query(
      `SELECT pt.post_id AS "postId", t.id, t.name, t.slug
         FROM starcorp_blog_post_tags pt JOIN starcorp_blog_tags t ON t.id = pt.tag_id
        WHERE pt.org_id = $1 AND pt.post_id = ANY($2::uuid[])
        ORDER BY t.slug`,
      [orgId, postIds],
    );
    for (const { postId, ...tag } of rows) byPost.get(postId)?.push(tag);
    return byPost;
  }

  // ---- Posts. ----

  /** One page of posts (with their category), newest first on `filter.orderBy`. */
  postsPage(orgId: string, filter: BlogPostFilter, page: { limit: number; cursor?: string }): Promise<BlogPost[]> {
    const qb = this.posts().where('p.org_id = :orgId', { orgId });
    if (filter.statuses) qb.andWhere('p.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.categorySlug) qb.andWhere('c.slug = :category', { category: filter.categorySlug });
    if (filter.tagSlug)
      qb.andWhere(
        `EXISTS (SELECT 1 FROM starcorp_blog_post_tags pt JOIN starcorp_blog_tags t ON t.id = pt.tag_id
                  WHERE pt.org_id = p.org_id AND pt.post_id = p.id AND t.slug = :tag)`,
        { tag: filter.tagSlug },
      );
    if (filter.search)
      qb.andWhere(`p.search_vector @@ websearch_to_tsquery('english', :search)`, { search: filter.search });
    const column = filter.orderBy === 'publishedAt' ? 'p.published_at' : 'p.created_at';
    return newestFirst(qb, column, 'p.id', page).getMany();
  }

  /** The post (with its category), 404 when it is not the org's; locked for a write when asked. */
  async loadPost(orgId: string, id: string, tx?: EntityManager, lock = false): Promise<BlogPost> {
    const post = await findInOrg(this.managerOf(tx), BlogPost, orgId, id, 'Blog post', { lock });
    post.category = post.categoryId
      ? await this.managerOf(tx).findOneBy(BlogCategory, { id: post.categoryId, orgId })
      : null;
    return post;
  }

  /** The published post with this slug, or null. */
  publishedBySlug(orgId: string, slug: string): Promise<BlogPost | null> {
    return this.posts()
      .where('p.org_id = :orgId AND p.slug = :slug AND p.status = :status', { orgId, slug, status: 'published' })
      .getOne();
  }

  /** The slugs of the org's posts that are `base` or `base-<something>`, to derive a free one. */
  async takenSlugs(tx: EntityManager, orgId: string, base: string): Promise<Set<string>> {
    const rows: { slug: string }[] = await tx.query(
      `SELECT slug FROM starcorp_blog_posts WHERE org_id = $1 AND (slug = $2 OR starts_with(slug, $2 || '-'))`,
      [orgId, base],
    );
    return new Set(rows.map((r) => r.slug));
  }

  /** Saves a post's columns (a loaded `category` is for reading: `categoryId` is what is saved). */
  savePost(tx: EntityManager, post: Partial<BlogPost>): Promise<BlogPost> {
    const { category: _category, ...columns } = post;
    return tx.save(BlogPost, tx.create(BlogPost, columns));
  }

  async deletePost(tx: EntityManager, orgId: string, id: string): Promise<void> {
    await tx.delete(BlogPost, { id, orgId });
  }

  private posts(): SelectQueryBuilder<BlogPost> {
    return this.db.getRepository(BlogPost).createQueryBuilder('p').leftJoinAndSelect('p.category', 'c');
  }
}
