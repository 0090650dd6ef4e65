import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../../../platform/audit/audit.service';
import { keysetPage, Page } from '../../../../platform/http/pagination';
import { uniqueSlug } from '../publishing-repository';
import { BlogCategory } from './blog-category.entity';
import { slugify } from './blog-rules';
import { BlogRepository } from './blog.repository';
import { BlogCategoryDto, BlogTagDto, CreateBlogCategoryDto, UpdateBlogCategoryDto } from './dto/blog.dto';

export const toBlogCategoryDto = (c: BlogCategory): BlogCategoryDto => ({
  id: c.id,
  name: c.name,
  slug: c.slug,
  description: c.description,
});

type Paging = { limit: number; cursor?: string };

/** Blog categories (edited by officers and editors) and tags (made by posts). */
@Injectable()
export class BlogTaxonomyService {
  constructor(
    private readonly blog: BlogRepository,
    private readonly audit: AuditService,
  ) {}

  async listCategories(orgId: string, page: Paging): Promise<Page<BlogCategoryDto>> {
    const rows = await this.blog.categoriesPage(orgId, page);
    return keysetPage(rows, page.limit, (c) => [c.slug], toBlogCategoryDto);
  }

  async listTags(orgId: string, page: Paging): Promise<Page<BlogTagDto>> {
    const rows = await this.blog.tagsPage(orgId, page);
    return keysetPage(
      rows,
      page.limit,
      (t) => [t.slug],
      (t) => ({ id: t.id, name: t.name, slug: t.slug }),
    );
  }

  async getCategory(orgId: string, id: string): Promise<BlogCategoryDto> {
    return toBlogCategoryDto(await this.blog.loadCategory(orgId, id));
  }

  createCategory(orgId: string, dto: CreateBlogCategoryDto): Promise<BlogCategoryDto> {
    const slug = dto.slug ?? slugify(dto.name, 'category');
    return this.write(slug, async (tx) => {
      const saved = await this.blog.saveCategory(tx, {
        orgId,
        name: dto.name,
        slug,
        description: dto.description ?? '',
      });
      return toBlogCategoryDto(saved);
    });
  }

  updateCategory(orgId: string, id: string, dto: UpdateBlogCategoryDto): Promise<BlogCategoryDto> {
    return this.write(dto.slug ?? '', async (tx) => {
      const category = await this.blog.loadCategory(orgId, id, tx);
      return toBlogCategoryDto(await this.blog.saveCategory(tx, Object.assign(category, dto)));
    });
  }

  /** Its posts stay, uncategorised. */
  async deleteCategory(orgId: string, id: string): Promise<void> {
    await this.blog.transaction(async (tx) => {
      await this.blog.loadCategory(orgId, id, tx);
      await this.blog.deleteCategory(tx, orgId, id);
      await this.audit.recordInTransaction(tx, { id });
    });
  }

  /** A category write with its audit entry, a taken slug being a 409 naming the field. */
  private write(slug: string, work: (tx: EntityManager) => Promise<BlogCategoryDto>): Promise<BlogCategoryDto> {
    return uniqueSlug('blog category', slug, () =>
      this.blog.transaction(async (tx) => {
        const result = await work(tx);
        await this.audit.recordInTransaction(tx, result);
        return result;
      }),
    );
  }
}
