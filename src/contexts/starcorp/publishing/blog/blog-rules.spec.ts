import {
  blogPostLifecycle,
  excerptOf,
  firstFreeSlug,
  plainText,
  sanitizeContent,
  slugify,
  visibleStatuses,
} from './blog-rules';

describe('blog rules', () => {
  describe('sanitizeContent', () => {
    it('drops scripts with their content, event handlers and javascript: URLs', () => {
      const html =
        '<p onclick="steal()">Hi <script>alert(1)</script><a href="javascript:alert(2)" onmouseover="x()">there</a></p>' +
        '<img src="javascript:alert(3)" onerror="alert(4)"><iframe src="https://evil.test"></iframe>';
      const clean = sanitizeContent(html);
      expect(clean).not.toMatch(/script|onclick|onmouseover|onerror|javascript:|iframe|alert/i);
      expect(clean).toContain('Hi ');
      expect(clean).toContain('there');
    });

    it('keeps formatting, safe links (with rel set) and http(s) images', () => {
      const clean = sanitizeContent(
        '<h2>Fleet week</h2><p><strong>Bold</strong> <a href="https://robertsspaceindustries.com" rel="opener">RSI</a></p>' +
          '<img src="https://cdn.test/a.png" alt="a"><img src="data:image/png;base64,AAAA">',
      );
      expect(clean).toContain('<h2>Fleet week</h2>');
      expect(clean).toContain('<strong>Bold</strong>');
      expect(clean).toContain(
        '<a href="https://robertsspaceindustries.com" rel="noopener noreferrer nofollow">RSI</a>',
      );
      expect(clean).toContain('<img src="https://cdn.test/a.png" alt="a" />');
      expect(clean).not.toContain('data:');
    });

    it('drops style attributes and style elements', () => {
      expect(sanitizeContent('<p style="position:fixed">x</p><style>p{}</style>')).toBe('<p>x</p>');
    });
  });

  it('plainText puts one space between blocks and decodes entities', () => {
    expect(plainText('<p>Fish &amp; chips</p><p>a&lt;b</p><ul><li>one</li><li>two</li></ul>')).toBe(
      'Fish & chips a<b one two',
    );
  });

  it('excerptOf keeps short text and cuts long text at a word with an ellipsis', () => {
    expect(excerptOf('short text')).toBe('short text');
    const long = 'word '.repeat(100).trim();
    const excerpt = excerptOf(long);
    expect(excerpt.length).toBeLessThanOrEqual(201);
    expect(excerpt).toMatch(/word…$/);
  });

  it('slugify makes lower-case dashed ASCII, with a fallback for nothing left', () => {
    expect(slugify("Fleet Week '55: Über Crüsader!")).toBe('fleet-week-55-uber-crusader');
    expect(slugify('!!!')).toBe('post');
    expect(slugify('x'.repeat(300)).length).toBe(200);
    expect(slugify('-- Space  Ops --', 'tag', 6)).toBe('space');
  });

  it('firstFreeSlug adds the first free numeric suffix', () => {
    expect(firstFreeSlug('news', new Set())).toBe('news');
    expect(firstFreeSlug('news', new Set(['news', 'news-2']))).toBe('news-3');
  });

  it('the lifecycle allows draft → published → archived → draft and nothing else', () => {
    expect(blogPostLifecycle.can('draft', 'published')).toBe(true);
    expect(blogPostLifecycle.can('published', 'archived')).toBe(true);
    expect(blogPostLifecycle.can('archived', 'draft')).toBe(true);
    expect(blogPostLifecycle.can('draft', 'archived')).toBe(true);
    expect(blogPostLifecycle.can('published', 'draft')).toBe(false);
    expect(blogPostLifecycle.can('archived', 'published')).toBe(false);
    expect(blogPostLifecycle.can('published', 'published')).toBe(false);
  });

  it('visibleStatuses: editors see any state, others published only', () => {
    expect(visibleStatuses(true)).toBeUndefined();
    expect(visibleStatuses(true, 'draft')).toEqual(['draft']);
    expect(visibleStatuses(false)).toEqual(['published']);
    expect(visibleStatuses(false, 'published')).toEqual(['published']);
    expect(visibleStatuses(false, 'draft')).toEqual([]);
  });
});
