import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../../../../platform/auth/access.decorator';
import { ApiProblem } from '../../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../../platform/http/idempotency';
import { Page, PageOf } from '../../../../platform/http/pagination';
import { UuidParam } from '../../../../platform/http/params';
import { CurrentOrg } from '../../../../platform/http/request';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { OrgContext } from '../../../../platform/tenancy/org-context.decorator';
import { StarcorpEdit, StarcorpRead } from '../../starcorp-access';
import { BlogPostsService } from './blog-posts.service';
import {
  BlogPostDto,
  BlogPostSummaryDto,
  CreateBlogPostDto,
  ListBlogEntriesQueryDto,
  ListPublishedBlogPostsQueryDto,
  SetBlogPostStatusDto,
  UpdateBlogPostDto,
} from './dto/blog.dto';

const BlogPostSummaryPageDto = PageOf(BlogPostSummaryDto);

/**
 * Blog posts. The public site reads published posts by slug (`blog/posts`); members read by id
 * (`blog/entries`), where officers and editors also see drafts and archived posts; officers and
 * editors write (`blog/entries/{id}` and its status).
 */
@ApiTags('starcorp-blog')
@OrgContext('starcorp')
@Controller('orgs/:org/starcorp/blog')
export class BlogPostsController {
  constructor(private readonly posts: BlogPostsService) {}

  /** Lists published posts, newest first; filter by category or tag slug, search the text with `q`. */
  @Get('posts')
  @Access.publicOrg()
  @ApiOkResponse({ type: BlogPostSummaryPageDto })
  listStarcorpBlogPosts(
    @CurrentOrg() access: OrgAccess,
    @Query() q: ListPublishedBlogPostsQueryDto,
  ): Promise<Page<BlogPostSummaryDto>> {
    return this.posts.listPublished(access.org.id, q);
  }

  /** Gets a published post by its slug (drafts and archived posts are 404). */
  @Get('posts/:slug')
  @Access.publicOrg()
  @ApiOkResponse({ type: BlogPostDto })
  getStarcorpBlogPost(@CurrentOrg() access: OrgAccess, @Param('slug') slug: string): Promise<BlogPostDto> {
    return this.posts.getPublished(access.org.id, slug);
  }

  /** Lists posts for members: every state for officers and editors (filter `status`), published for others. */
  @Get('entries')
  @StarcorpRead()
  @ApiOkResponse({ type: BlogPostSummaryPageDto })
  listStarcorpBlogEntries(
    @CurrentOrg() access: OrgAccess,
    @Query() q: ListBlogEntriesQueryDto,
  ): Promise<Page<BlogPostSummaryDto>> {
    return this.posts.listEntries(access, q);
  }

  /** Gets a post by id; drafts and archived posts are 404 to members who cannot edit the blog. */
  @Get('entries/:id')
  @StarcorpRead()
  @ApiOkResponse({ type: BlogPostDto })
  getStarcorpBlogEntry(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<BlogPostDto> {
    return this.posts.getEntry(access, id);
  }

  /** Writes a draft by the caller; the HTML is sanitized and the slug derived from the heading when absent. */
  @Post('entries')
  @StarcorpEdit()
  @Idempotent()
  @ApiCreatedResponse({ type: BlogPostDto })
  @ApiProblem(409, ['starcorp-slug-taken'], 'Another post of the org has this slug')
  createStarcorpBlogPost(@CurrentOrg() access: OrgAccess, @Body() dto: CreateBlogPostDto): Promise<BlogPostDto> {
    return this.posts.create(access.org.id, access.userId, dto);
  }

  /** Changes a post in any state (content sanitized again); `tags`, when given, replaces its tags. */
  @Patch('entries/:id')
  @StarcorpEdit()
  @ApiOkResponse({ type: BlogPostDto })
  @ApiProblem(409, ['starcorp-slug-taken'], 'Another post of the org has this slug')
  updateStarcorpBlogPost(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdateBlogPostDto,
  ): Promise<BlogPostDto> {
    return this.posts.update(access.org.id, id, dto);
  }

  /** Publishes, archives or restores (to draft) a post; publishing announces `starcorp.blog.post_published`. */
  @Put('entries/:id/status')
  @StarcorpEdit()
  @ApiOkResponse({ type: BlogPostDto })
  @ApiProblem(409, ['invalid-transition'], 'The post cannot move from its current state to that one')
  setStarcorpBlogPostStatus(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: SetBlogPostStatusDto,
  ): Promise<BlogPostDto> {
    return this.posts.setStatus(access.org.id, id, dto.status);
  }

  /** Deletes a post and its tag links. */
  @Delete('entries/:id')
  @HttpCode(204)
  @StarcorpEdit()
  deleteStarcorpBlogPost(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.posts.remove(access.org.id, id);
  }
}
