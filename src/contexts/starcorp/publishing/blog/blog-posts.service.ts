import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../../../platform/audit/audit.service';
import { DomainEvents } from '../../../../platform/events/domain-events';
import { keysetPage, Page, timeAndId } from '../../../../platform/http/pagination';
import { Problem } from '../../../../platform/http/problem';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { tierAtLeast } from '../../../../platform/tenancy/tiers';
import { uniqueSlug } from '../publishing-repository';
import { BlogPost } from './blog-post.entity';
import {
  BlogPostStatus,
  blogPostLifecycle,
  excerptOf,
  firstFreeSlug,
  plainText,
  sanitizeContent,
  slugify,
  visibleStatuses,
} from './blog-rules';
import { BlogRepository, BlogPostFilter, TagRef } from './blog.repository';
import {
  BlogPostDto,
  BlogPostSummaryDto,
  CreateBlogPostDto,
  ListBlogEntriesQueryDto,
  ListPublishedBlogPostsQueryDto,
  UpdateBlogPostDto,
} from './dto/blog.dto';

export const BLOG_POST_PUBLISHED = 'starcorp.blog.post_published';

function toSummaryDto(post: BlogPost, tags: TagRef[]): BlogPostSummaryDto {
  const c = post.category;
  return {
    id: post.id,
    heading: post.heading,
    slug: post.slug,
    excerpt: post.excerpt,
    authorUserId: post.authorUserId,
    category: c ? { id: c.id, name: c.name, slug: c.slug } : null,
    tags: tags.map((t) => ({ id: t.id, name: t.name, slug: t.slug })),
    featureImageUrl: post.featureImageUrl,
    status: post.status,
    publishedAt: post.publishedAt,
    createdAt: post.createdAt,
    updatedAt: post.updatedAt,
  };
}

const toPostDto = (post: BlogPost, tags: TagRef[]): BlogPostDto => ({
  ...toSummaryDto(post, tags),
  content: post.content,
});

/** Officers and `editor` members see and write every state; everyone else reads published posts only. */
export function canEditBlog(access: Pick<OrgAccess, 'tier' | 'grants'>): boolean {
  return (access.tier !== null && tierAtLeast(access.tier, 'officer')) || access.grants.includes('editor');
}

/** The stored form of the content: sanitized HTML, its text and its excerpt. */
function contentFields(html: string): Pick<BlogPost, 'content' | 'contentText' | 'excerpt'> {
  const content = sanitizeContent(html);
  const contentText = plainText(content);
  return { content, contentText, excerpt: excerptOf(contentText) };
}

@Injectable()
export class BlogPostsService {
  constructor(
    private readonly blog: BlogRepository,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
  ) {}

  /** Published posts, newest publication first (the public site). */
  listPublished(orgId: string, q: ListPublishedBlogPostsQueryDto): Promise<Page<BlogPostSummaryDto>> {
    return this.page(orgId, { ...this.filterOf(q), statuses: ['published'], orderBy: 'publishedAt' }, q);
  }

  async getPublished(orgId: string, slug: string): Promise<BlogPostDto> {
    const post = await this.blog.publishedBySlug(orgId, slug);
    if (!post) throw Problem.notFound('Blog post');
    return this.withTags(orgId, post);
  }

  /** Every state for editors (newest created first); published only for everyone else. */
  listEntries(access: OrgAccess, q: ListBlogEntriesQueryDto): Promise<Page<BlogPostSummaryDto>> {
    const statuses = visibleStatuses(canEditBlog(access), q.status);
    if (statuses?.length === 0) return Promise.resolve({ items: [], nextCursor: null });
    return this.page(access.org.id, { ...this.filterOf(q), statuses, orderBy: 'createdAt' }, q);
  }

  /** A post by id; a draft or archived post is a 404 to anyone who cannot edit the blog. */
  async getEntry(access: OrgAccess, id: string): Promise<BlogPostDto> {
    const post = await this.blog.loadPost(access.org.id, id);
    if (post.status !== 'published' && !canEditBlog(access)) throw Problem.notFound('Blog post');
    return this.withTags(access.org.id, post);
  }

  /** A new draft by `authorUserId` (the caller; null for a bot). */
  create(orgId: string, authorUserId: string | null, dto: CreateBlogPostDto): Promise<BlogPostDto> {
    return this.write(dto.slug, async (tx) => {
      await this.assertCategory(tx, orgId, dto.categoryId);
      const base = slugify(dto.heading);
      const slug = dto.slug ?? firstFreeSlug(base, await this.blog.takenSlugs(tx, orgId, base));
      const post = await this.blog.savePost(tx, {
        orgId,
        heading: dto.heading,
        slug,
        ...contentFields(dto.content),
        authorUserId,
        categoryId: dto.categoryId ?? null,
        featureImageUrl: dto.featureImageUrl ?? null,
        status: 'draft',
        publishedAt: null,
      });
      return this.finish(tx, orgId, post, dto.tags ?? []);
    });
  }

  update(orgId: string, id: string, dto: UpdateBlogPostDto): Promise<BlogPostDto> {
    return this.write(dto.slug, async (tx) => {
      const post = await this.blog.loadPost(orgId, id, tx, true);
      await this.assertCategory(tx, orgId, dto.categoryId);
      const { content, tags, ...fields } = dto;
      Object.assign(post, fields, content === undefined ? {} : contentFields(content));
      const saved = await this.blog.savePost(tx, post);
      return this.finish(tx, orgId, saved, tags);
    });
  }

  async remove(orgId: string, id: string): Promise<void> {
    await this.blog.transaction(async (tx) => {
      await this.blog.loadPost(orgId, id, tx, true);
      await this.blog.deletePost(tx, orgId, id);
      await this.audit.recordInTransaction(tx, { id });
    });
  }

  /**
   * Moves the post in its lifecycle under its row lock. Publishing stamps `publishedAt` and
   * announces `starcorp.blog.post_published`; going back to draft clears the stamp.
   */
  setStatus(orgId: string, id: string, status: BlogPostStatus): Promise<BlogPostDto> {
    return this.write(undefined, async (tx) => {
      const post = await this.blog.loadPost(orgId, id, tx, true);
      blogPostLifecycle.assert(post.status, status);
      post.status = status;
      if (status === 'published') post.publishedAt = new Date();
      if (status === 'draft') post.publishedAt = null;
      await this.blog.savePost(tx, post);
      if (status === 'published') await this.announce(tx, post);
      return this.finish(tx, orgId, post);
    });
  }

  private announce(tx: EntityManager, post: BlogPost): Promise<void> {
    return this.events.record(tx, {
      orgId: post.orgId,
      type: BLOG_POST_PUBLISHED,
      subjectId: post.id,
      payload: {
        postId: post.id,
        slug: post.slug,
        heading: post.heading,
        authorUserId: post.authorUserId,
        publishedAt: post.publishedAt!.toISOString(),
      },
    });
  }

  private filterOf(q: ListPublishedBlogPostsQueryDto): Omit<BlogPostFilter, 'orderBy'> {
    return { categorySlug: q.category, tagSlug: q.tag, search: q.q };
  }

  private async page(
    orgId: string,
    filter: BlogPostFilter,
    q: { limit: number; cursor?: string },
  ): Promise<Page<BlogPostSummaryDto>> {
    const rows = await this.blog.postsPage(orgId, filter, q);
    const tags = await this.blog.tagsOf(
      orgId,
      rows.slice(0, q.limit).map((r) => r.id),
    );
    const key = (p: BlogPost) => timeAndId(filter.orderBy === 'publishedAt' ? p.publishedAt! : p.createdAt, p.id);
    return keysetPage(rows, q.limit, key, (p) => toSummaryDto(p, tags.get(p.id) ?? []));
  }

  private async withTags(orgId: string, post: BlogPost): Promise<BlogPostDto> {
    return toPostDto(post, (await this.blog.tagsOf(orgId, [post.id])).get(post.id)!);
  }

  /** A category id of another org (or none) is a 400 on the field, like a malformed one. */
  private async assertCategory(tx: EntityManager, orgId: string, categoryId: string | null | undefined): Promise<void> {
    if (!categoryId) return;
    await this.blog.loadCategory(orgId, categoryId, tx).catch(() => {
      throw Problem.validation([{ path: 'categoryId', message: 'categoryId is not a category of this org' }]);
    });
  }

  /** Sets the tags (when given), then answers the post as stored, with its category and tags. */
  private async finish(tx: EntityManager, orgId: string, post: BlogPost, tagNames?: string[]): Promise<BlogPostDto> {
    if (tagNames) {
      const unique = new Map(tagNames.map((name) => [slugify(name, 'tag', 50), name.trim()]));
      const tags = await this.blog.upsertTags(
        tx,
        orgId,
        [...unique].map(([slug, name]) => ({ name, slug })),
      );
      await this.blog.setPostTags(
        tx,
        orgId,
        post.id,
        tags.map((t) => t.id),
      );
    }
    const stored = await this.blog.loadPost(orgId, post.id, tx);
    return toPostDto(stored, (await this.blog.tagsOf(orgId, [post.id], tx)).get(post.id)!);
  }

  /** A post write with its audit entry, in one transaction; a taken slug is a 409 naming the field. */
  private write(slug: string | undefined, work: (tx: EntityManager) => Promise<BlogPostDto>): Promise<BlogPostDto> {
    return uniqueSlug('blog post', slug ?? '', () =>
      this.blog.transaction(async (tx) => {
        const dto = await work(tx);
        await this.audit.recordInTransaction(tx, dto);
        return dto;
      }),
    );
  }
}
