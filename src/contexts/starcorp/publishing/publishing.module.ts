import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BlogCategory } from './blog/blog-category.entity';
import { BlogPostTag } from './blog/blog-post-tag.entity';
import { BlogPost } from './blog/blog-post.entity';
import { BlogPostsController } from './blog/blog-posts.controller';
import { BlogPostsService } from './blog/blog-posts.service';
import { BlogTag } from './blog/blog-tag.entity';
import { BlogTaxonomyController } from './blog/blog-taxonomy.controller';
import { BlogTaxonomyService } from './blog/blog-taxonomy.service';
import { BlogRepository } from './blog/blog.repository';
import { ItemMovement } from './items/item-movement.entity';
import { StoreItemsController } from './items/items.controller';
import { StoreItemsRepository } from './items/items.repository';
import { StoreItemsService } from './items/items.service';
import { StoreItem } from './items/store-item.entity';

/** What the corporation publishes and keeps: the blog and the item store. */
@Module({
  imports: [TypeOrmModule.forFeature([BlogCategory, BlogTag, BlogPost, BlogPostTag, StoreItem, ItemMovement])],
  controllers: [BlogPostsController, BlogTaxonomyController, StoreItemsController],
  providers: [BlogRepository, BlogPostsService, BlogTaxonomyService, StoreItemsRepository, StoreItemsService],
  exports: [BlogPostsService, BlogTaxonomyService, StoreItemsService],
})
export class StarcorpPublishingModule {}
