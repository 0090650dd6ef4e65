import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { CursorPageQueryDto } from '../../../../../platform/http/page-query.dto';
import { IsSafeName, IsSafeText } from '../../../../../platform/http/safe-text';
import { IsNullable } from '../../../../../platform/http/validation';
import { BLOG_POST_STATUSES, type BlogPostStatus } from '../blog-rules';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const SLUG_MESSAGE = 'slug must be lower-case letters and digits joined by dashes';

// ---- Categories ----

export class CreateBlogCategoryDto {
  @IsString()
  @IsNotEmpty()
  @IsSafeName()
  @MaxLength(100)
  name: string;

  /** Derived from the name when absent. */
  @IsOptional()
  @IsString()
  @Matches(SLUG, { message: SLUG_MESSAGE })
  @MaxLength(100)
  slug?: string;

  @IsOptional()
  @IsString()
  @IsSafeText()
  @MaxLength(500)
  description?: string;
}

export class UpdateBlogCategoryDto extends PartialType(CreateBlogCategoryDto) {}

export class BlogCategoryDto {
  id: string;
  name: string;
  slug: string;
  description: string;
}

export class BlogTagDto {
  id: string;
  name: string;
  slug: string;
}

// ---- Posts ----

export class CreateBlogPostDto {
  @IsString()
  @IsNotEmpty()
  @IsSafeName()
  @MaxLength(255)
  heading: string;

  /** Derived from the heading when absent (with a `-2`, `-3` suffix if taken); unique per org. */
  @IsOptional()
  @IsString()
  @Matches(SLUG, { message: SLUG_MESSAGE })
  @MaxLength(255)
  slug?: string;

  /** HTML; sanitized on write (scripts, event handlers, `javascript:` URLs and unknown tags are removed). */
  @IsString()
  @MaxLength(200_000)
  content: string;

  @IsOptional()
  @IsNullable()
  @IsUUID()
  categoryId?: string | null;

  /** Tag names; a tag is created the first time a post names it (matched by slug). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @IsSafeName({ each: true })
  @MaxLength(50, { each: true })
  tags?: string[];

  @IsOptional()
  @IsNullable()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(500)
  featureImageUrl?: string | null;
}

export class UpdateBlogPostDto extends PartialType(CreateBlogPostDto) {}

/** A move in the post's lifecycle: draft → published|archived, published → archived, archived → draft. */
export class SetBlogPostStatusDto {
  @ApiProperty({ enum: BLOG_POST_STATUSES, enumName: 'StarcorpBlogPostStatus' })
  @IsIn(BLOG_POST_STATUSES)
  status: BlogPostStatus;
}

export class BlogPostCategoryDto {
  id: string;
  name: string;
  slug: string;
}

/** A post in lists: everything but the content. */
export class BlogPostSummaryDto {
  id: string;
  heading: string;
  slug: string;
  /** Plain text, about 200 characters. */
  excerpt: string;
  authorUserId: string | null;
  @ApiProperty({ type: BlogPostCategoryDto, nullable: true })
  category: BlogPostCategoryDto | null;
  @ApiProperty({ type: [BlogTagDto] })
  tags: BlogTagDto[];
  featureImageUrl: string | null;
  @ApiProperty({ enum: BLOG_POST_STATUSES, enumName: 'StarcorpBlogPostStatus' })
  status: BlogPostStatus;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export class BlogPostDto extends BlogPostSummaryDto {
  /** Sanitized HTML. */
  content: string;
}

/** Filters of the public list. */
export class ListPublishedBlogPostsQueryDto extends CursorPageQueryDto {
  /** A category slug. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  category?: string;

  /** A tag slug. */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  tag?: string;

  /** Full-text search of heading and text (web search syntax: words, "phrases", -excluded, or). */
  @IsOptional()
  @IsString()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsNotEmpty()
  @MaxLength(200)
  q?: string;
}

/** Filters of the members' list; only editors and officers see other states than published. */
export class ListBlogEntriesQueryDto extends ListPublishedBlogPostsQueryDto {
  @ApiProperty({ enum: BLOG_POST_STATUSES, enumName: 'StarcorpBlogPostStatus', required: false })
  @IsOptional()
  @IsIn(BLOG_POST_STATUSES)
  status?: BlogPostStatus;
}
