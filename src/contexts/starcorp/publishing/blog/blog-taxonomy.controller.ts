import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../../../../platform/auth/access.decorator';
import { ApiProblem } from '../../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../../platform/http/idempotency';
import { CursorPageQueryDto } from '../../../../platform/http/page-query.dto';
import { Page, PageOf } from '../../../../platform/http/pagination';
import { UuidParam } from '../../../../platform/http/params';
import { CurrentOrg } from '../../../../platform/http/request';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { OrgContext } from '../../../../platform/tenancy/org-context.decorator';
import { StarcorpEdit } from '../../starcorp-access';
import { BlogTaxonomyService } from './blog-taxonomy.service';
import { BlogCategoryDto, BlogTagDto, CreateBlogCategoryDto, UpdateBlogCategoryDto } from './dto/blog.dto';

const BlogCategoryPageDto = PageOf(BlogCategoryDto);
const BlogTagPageDto = PageOf(BlogTagDto);

/** Blog categories and tags: listed on the public site, categories edited by officers and editors. */
@ApiTags('starcorp-blog')
@OrgContext('starcorp')
@Controller('orgs/:org/starcorp/blog')
export class BlogTaxonomyController {
  constructor(private readonly taxonomy: BlogTaxonomyService) {}

  /** Lists the blog's categories by slug. */
  @Get('categories')
  @Access.publicOrg()
  @ApiOkResponse({ type: BlogCategoryPageDto })
  listStarcorpBlogCategories(
    @CurrentOrg() access: OrgAccess,
    @Query() q: CursorPageQueryDto,
  ): Promise<Page<BlogCategoryDto>> {
    return this.taxonomy.listCategories(access.org.id, q);
  }

  /** Lists the blog's tags by slug. */
  @Get('tags')
  @Access.publicOrg()
  @ApiOkResponse({ type: BlogTagPageDto })
  listStarcorpBlogTags(@CurrentOrg() access: OrgAccess, @Query() q: CursorPageQueryDto): Promise<Page<BlogTagDto>> {
    return this.taxonomy.listTags(access.org.id, q);
  }

  /** Adds a category; the slug is derived from the name when absent. */
  @Post('categories')
  @StarcorpEdit()
  @Idempotent()
  @ApiCreatedResponse({ type: BlogCategoryDto })
  @ApiProblem(409, ['starcorp-slug-taken'], 'Another category of the org has this slug')
  createStarcorpBlogCategory(
    @CurrentOrg() access: OrgAccess,
    @Body() dto: CreateBlogCategoryDto,
  ): Promise<BlogCategoryDto> {
    return this.taxonomy.createCategory(access.org.id, dto);
  }

  /** Renames a category or changes its slug or description. */
  @Patch('categories/:id')
  @StarcorpEdit()
  @ApiOkResponse({ type: BlogCategoryDto })
  @ApiProblem(409, ['starcorp-slug-taken'], 'Another category of the org has this slug')
  updateStarcorpBlogCategory(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdateBlogCategoryDto,
  ): Promise<BlogCategoryDto> {
    return this.taxonomy.updateCategory(access.org.id, id, dto);
  }

  /** Deletes a category; its posts stay, uncategorised. */
  @Delete('categories/:id')
  @HttpCode(204)
  @StarcorpEdit()
  deleteStarcorpBlogCategory(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.taxonomy.deleteCategory(access.org.id, id);
  }
}
