import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { BlogPost } from './blog-post.entity';
import { BlogTag } from './blog-tag.entity';

/** A tag on a post. `orgId` is repeated so that "posts with this tag" is an org-first range scan. */
@Entity('starcorp_blog_post_tags')
@Index('ix_starcorp_blog_post_tags_org_tag', ['orgId', 'tagId', 'postId'])
export class BlogPostTag {
  @PrimaryColumn('uuid')
  postId: string;

  @PrimaryColumn('uuid')
  tagId: string;

  @Column('uuid')
  orgId: string;

  @ManyToOne(() => BlogPost, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'post_id' })
  post?: BlogPost;

  @ManyToOne(() => BlogTag, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tag_id' })
  tag?: BlogTag;
}
