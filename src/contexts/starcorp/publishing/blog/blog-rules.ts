import sanitizeHtml from 'sanitize-html';
import { StateMachine } from '../../../../platform/domain/state-machine';

export const BLOG_POST_STATUSES = ['draft', 'published', 'archived'] as const;
export type BlogPostStatus = (typeof BLOG_POST_STATUSES)[number];

/**
 * A post's lifecycle. Archiving takes a post off the site; bringing it back goes through draft, so
 * an editor reviews it before it is published again (there is no published → draft: archive it).
 */
export const blogPostLifecycle = new StateMachine<BlogPostStatus>('blog post', {
  draft: ['published', 'archived'],
  published: ['archived'],
  archived: ['draft'],
});

/** Longest slug kept from a heading, leaving room for a `-N` suffix within the 255 column. */
const SLUG_MAX = 200;

/** A URL slug from free text: lower-case ASCII words joined by dashes ("Fleet Week '55" → "fleet-week-55"). */
export function slugify(text: string, fallback = 'post', maxLength = SLUG_MAX): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
  return slug || fallback;
}

/**
 * The states a reader may list: editors any (or the one asked for), everyone else published only
 * (asking them for another state gives an empty list, as if there were none).
 */
export function visibleStatuses(canEdit: boolean, requested?: BlogPostStatus): BlogPostStatus[] | undefined {
  if (canEdit) return requested && [requested];
  return !requested || requested === 'published' ? ['published'] : [];
}

/** The first of `base`, `base-2`, `base-3`, ... that is not in `taken`. */
export function firstFreeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * What a post's HTML may contain: text formatting, headings, lists, quotes, code, tables, links and
 * images over http(s). Everything else is dropped: scripts and styles with their content, event
 * handler attributes (`on*`), `style`, and `javascript:`/`data:` URLs.
 */
const CONTENT_POLICY: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'sub',
    'sup',
    'span',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'img',
    'figure',
    'figcaption',
    'code',
    'pre',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    // `rel` is set by the transform below (it replaces any the author wrote).
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Links open elsewhere and pass no ranking or referrer: posts are written by members, read by anyone.
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }) },
};

/** The post's HTML with everything outside the allow-list removed; run on every write. */
export function sanitizeContent(html: string): string {
  return sanitizeHtml(html, CONTENT_POLICY).trim();
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

/** The text of (sanitized) HTML, one space between blocks, for the excerpt and the search index. */
export function plainText(html: string): string {
  const spaced = html.replace(/<\/(p|div|h\d|li|blockquote|pre|tr|td|th|figcaption)>|<br\s*\/?>/gi, '$& ');
  return sanitizeHtml(spaced, { allowedTags: [], allowedAttributes: {} })
    .replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_m, name: string) => ENTITIES[name])
    .replace(/\s+/g, ' ')
    .trim();
}

export const EXCERPT_LENGTH = 200;

/** The start of the text, cut at a word boundary with an ellipsis when longer than `length`. */
export function excerptOf(text: string, length = EXCERPT_LENGTH): string {
  if (text.length <= length) return text;
  const cut = text.slice(0, length);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > length / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s.,;:!?-]+$/, '')}…`;
}
