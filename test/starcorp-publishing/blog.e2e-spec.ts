import { startAppWith } from '../support/app-with';
import { TestApp, TestUser } from '../support/test-app';
import { createPublishingOrg, errorPaths, PublishingOrg } from './publishing-kit';

/** Issue 15 item 7: the blog (categories, tags, posts with sanitized HTML, lifecycle, public site). */
describe('starcorp blog (e2e)', () => {
  let t: TestApp;
  let g: PublishingOrg;
  beforeAll(async () => ({ t, g: g } = await startAppWith(createPublishingOrg)));
  afterAll(() => t.close());

  const createPost = async (who: TestUser, body: Record<string, unknown>) => {
    const res = await g.call(who, 'POST', '/blog/entries', { body: { content: '<p>Body</p>', ...body } });
    expect(res.status).toBe(201);
    return res.body;
  };
  const setStatus = (who: TestUser, id: string, status: string) =>
    g.call(who, 'PUT', `/blog/entries/${id}/status`, { body: { status } });

  describe('access', () => {
    const id = '00000000-0000-4000-8000-000000000000';
    it.each([
      ['POST', '/blog/entries', { heading: 'x', content: 'y' }],
      ['PATCH', `/blog/entries/${id}`, { heading: 'x' }],
      ['PUT', `/blog/entries/${id}/status`, { status: 'published' }],
      ['DELETE', `/blog/entries/${id}`, undefined],
      ['POST', '/blog/categories', { name: 'x' }],
      ['PATCH', `/blog/categories/${id}`, { name: 'x' }],
      ['DELETE', `/blog/categories/${id}`, undefined],
    ])('%s %s: officers and editors only', async (method, path, body) => {
      await g.forbidden(method, path, 'officer', ['starcorp:write'], { body });
    });

    it('members read entries (readonly and up)', async () => {
      await g.forbidden('GET', '/blog/entries', 'readonly', ['starcorp:read'], { allowed: true });
    });

    it('public routes answer anyone while the public site is on, 404 once it is off or the context is', async () => {
      for (const path of ['/blog/posts', '/blog/categories', '/blog/tags'])
        expect({ path, status: (await g.call(null, 'GET', path)).status }).toEqual({ path, status: 200 });
      expect((await g.call(null, 'GET', '/blog/posts', { slug: g.withoutContextsSlug })).status).toBe(404);
      const other = await createPublishingOrg(t);
      await t.db.query('UPDATE orgs SET public_site = false WHERE id = $1', [other.id]);
      expect((await other.call(null, 'GET', '/blog/posts')).status).toBe(404);
    });
  });

  describe('posts', () => {
    it('an editor writes a draft: content sanitized, excerpt computed, slug derived, author the caller', async () => {
      const post = await createPost(g.editor, {
        heading: 'Fleet Week: Über Hangar',
        content:
          '<p onclick="steal()">Welcome <script>alert(1)</script><a href="javascript:alert(2)">pilots</a></p>' +
          `<p>${'lorem ipsum '.repeat(40)}</p><img src="x" onerror="alert(3)">`,
        tags: ['Events', 'Fleet Week'],
        featureImageUrl: 'https://cdn.example.test/fleet.png',
      });
      expect(post).toEqual(
        expect.objectContaining({
          slug: 'fleet-week-uber-hangar',
          status: 'draft',
          publishedAt: null,
          authorUserId: g.editor.id,
          category: null,
          featureImageUrl: 'https://cdn.example.test/fleet.png',
        }),
      );
      expect(post.content).not.toMatch(/script|onclick|onerror|javascript:|alert/);
      expect(post.content).toContain('<p>Welcome <a');
      expect(post.excerpt.startsWith('Welcome pilots lorem ipsum')).toBe(true);
      expect(post.excerpt.length).toBeLessThanOrEqual(201);
      expect(post.excerpt).toMatch(/…$/);
      expect(post.tags.map((tag: { slug: string }) => tag.slug)).toEqual(['events', 'fleet-week']);
      expect(await g.audits('createStarcorpBlogPost')).toEqual(
        expect.arrayContaining([{ target_id: post.id, actor_user_id: g.editor.id }]),
      );

      // Updates are sanitized too.
      const updated = await g.call(g.editor, 'PATCH', `/blog/entries/${post.id}`, {
        body: { content: '<p>New <b onmouseover="x()">text</b></p><script>bad()</script>', tags: ['events'] },
      });
      expect(updated.status).toBe(200);
      expect(updated.body.content).toBe('<p>New <b>text</b></p>');
      expect(updated.body.excerpt).toBe('New text');
      expect(updated.body.tags.map((tag: { slug: string }) => tag.slug)).toEqual(['events']);
    });

    it('derives a free slug when the heading repeats, and refuses a taken explicit slug with 409 naming it', async () => {
      const a = await createPost(g.at('officer'), { heading: 'Patch Notes' });
      const b = await createPost(g.at('officer'), { heading: 'Patch notes!' });
      expect([a.slug, b.slug]).toEqual([expect.stringMatching(/^patch-notes(-\d+)?$/), `${a.slug}-2`]);
      const taken = await g.call(g.at('officer'), 'POST', '/blog/entries', {
        body: { heading: 'Other', slug: a.slug, content: 'x' },
      });
      expect(taken.status).toBe(409);
      expect(taken.body).toEqual(expect.objectContaining({ slug: 'starcorp-slug-taken', field: 'slug' }));
      const renamed = await g.call(g.at('officer'), 'PATCH', `/blog/entries/${b.id}`, { body: { slug: a.slug } });
      expect(renamed.status).toBe(409);
    });

    it('refuses bad input with 400 and field paths, writing nothing', async () => {
      const before = await t.db.query('SELECT count(*)::int AS n FROM starcorp_blog_posts WHERE org_id = $1', [g.id]);
      const bad = await g.call(g.at('officer'), 'POST', '/blog/entries', {
        body: {
          heading: '',
          slug: 'Not A Slug',
          content: 5,
          categoryId: 'nope',
          tags: 'news',
          featureImageUrl: 'javascript:alert(1)',
          status: 'published',
        },
      });
      expect(bad.status).toBe(400);
      expect(errorPaths(bad)).toEqual([
        'categoryId',
        'content',
        'featureImageUrl',
        'heading',
        'slug',
        'status',
        'tags',
      ]);
      const foreignCategory = await g.call(g.outsider, 'POST', '/blog/categories', {
        body: { name: 'Theirs' },
        slug: g.outsiderSlug,
      });
      const wrongOrg = await g.call(g.at('officer'), 'POST', '/blog/entries', {
        body: { heading: 'x', content: 'y', categoryId: foreignCategory.body.id },
      });
      expect(wrongOrg.status).toBe(400);
      expect(errorPaths(wrongOrg)).toEqual(['categoryId']);
      const after = await t.db.query('SELECT count(*)::int AS n FROM starcorp_blog_posts WHERE org_id = $1', [g.id]);
      expect(after[0].n).toBe(before[0].n);
    });

    it('moves draft → published → archived → draft, stamping publishedAt and announcing publication once per publish', async () => {
      const post = await createPost(g.editor, { heading: 'Lifecycle' });
      const published = await setStatus(g.editor, post.id, 'published');
      expect(published.status).toBe(200);
      expect(published.body.status).toBe('published');
      expect(Date.parse(published.body.publishedAt)).not.toBeNaN();
      const events = await g.events('starcorp.blog.post_published');
      expect(events.filter((e) => e.subject_id === post.id)).toEqual([
        {
          subject_id: post.id,
          payload: expect.objectContaining({ postId: post.id, slug: 'lifecycle', authorUserId: g.editor.id }),
        },
      ]);

      const illegal = await setStatus(g.editor, post.id, 'draft');
      expect(illegal.status).toBe(409);
      expect(illegal.body).toEqual(
        expect.objectContaining({ slug: 'invalid-transition', currentState: 'published', attemptedState: 'draft' }),
      );
      expect((await setStatus(g.editor, post.id, 'published')).body.currentState).toBe('published');

      expect((await setStatus(g.at('officer'), post.id, 'archived')).body.status).toBe('archived');
      expect((await setStatus(g.at('officer'), post.id, 'published')).body).toEqual(
        expect.objectContaining({ slug: 'invalid-transition', currentState: 'archived' }),
      );
      const draft = await setStatus(g.at('officer'), post.id, 'draft');
      expect(draft.body).toEqual(expect.objectContaining({ status: 'draft', publishedAt: null }));
      expect((await setStatus(g.at('officer'), post.id, 'bogus')).status).toBe(400);
    });

    it('deletes a post (404 afterwards); another org cannot see, change or delete it', async () => {
      const post = await createPost(g.at('officer'), { heading: 'Doomed' });
      await g.expectNotFound(
        g.outsider,
        [
          ['GET', `/blog/entries/${post.id}`],
          ['PATCH', `/blog/entries/${post.id}`, { heading: 'Mine' }],
          ['PUT', `/blog/entries/${post.id}/status`, { status: 'published' }],
          ['DELETE', `/blog/entries/${post.id}`],
        ],
        { slug: g.outsiderSlug },
      );
      expect((await g.call(g.at('officer'), 'DELETE', `/blog/entries/${post.id}`)).status).toBe(204);
      expect((await g.call(g.at('officer'), 'GET', `/blog/entries/${post.id}`)).status).toBe(404);
      expect((await g.call(g.at('officer'), 'GET', '/blog/entries/not-a-uuid')).status).toBe(400);
    });
  });

  describe('reading', () => {
    let org: PublishingOrg;
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      // A fresh org, so that lists hold only these posts.
      org = await createPublishingOrg(t);
      const news = await org.call(org.at('officer'), 'POST', '/blog/categories', { body: { name: 'News' } });
      expect(news.body.slug).toBe('news');
      const make = async (key: string, body: Record<string, unknown>, status?: string) => {
        const res = await org.call(org.editor, 'POST', '/blog/entries', { body: { content: '<p>x</p>', ...body } });
        ids[key] = res.body.id;
        if (status) await org.call(org.editor, 'PUT', `/blog/entries/${res.body.id}/status`, { body: { status } });
      };
      await make(
        'quantum',
        {
          heading: 'Quantum drives explained',
          content: '<p>Spooling quantum engines</p>',
          categoryId: news.body.id,
          tags: ['Tech'],
        },
        'published',
      );
      await make(
        'mining',
        { heading: 'Mining night', content: '<p>Bring your Prospectors</p>', tags: ['Events'] },
        'published',
      );
      await make('draft', { heading: 'Secret draft', content: '<p>quantum plans</p>', categoryId: news.body.id });
      await make('archived', { heading: 'Old quantum news' }, 'archived');
      ids.news = news.body.id;
    });

    it('lists published posts only, newest first, to anyone', async () => {
      const res = await org.call(null, 'GET', '/blog/posts');
      expect(res.status).toBe(200);
      expect(res.body.items.map((p: { slug: string }) => p.slug)).toEqual(['mining-night', 'quantum-drives-explained']);
      expect(res.body.items[0]).not.toHaveProperty('content');
      const paged = await org.call(null, 'GET', '/blog/posts', { query: { limit: 1 } });
      const next = await org.call(null, 'GET', '/blog/posts', { query: { limit: 1, cursor: paged.body.nextCursor } });
      expect(next.body.items.map((p: { slug: string }) => p.slug)).toEqual(['quantum-drives-explained']);
    });

    it('filters by category and tag and searches the text (stemmed)', async () => {
      const slugs = async (query: Record<string, unknown>) =>
        (await org.call(null, 'GET', '/blog/posts', { query })).body.items.map((p: { slug: string }) => p.slug);
      expect(await slugs({ category: 'news' })).toEqual(['quantum-drives-explained']);
      expect(await slugs({ tag: 'events' })).toEqual(['mining-night']);
      expect(await slugs({ q: 'quantum' })).toEqual(['quantum-drives-explained']);
      expect(await slugs({ q: 'prospector' })).toEqual(['mining-night']);
      expect(await slugs({ q: 'quantum', tag: 'events' })).toEqual([]);
      expect((await org.call(null, 'GET', '/blog/posts', { query: { limit: 0 } })).status).toBe(400);
      expect((await org.call(null, 'GET', '/blog/posts', { query: { cursor: 'junk' } })).status).toBe(400);
    });

    it('gets a published post by slug; drafts and archived posts are 404 to the public', async () => {
      const res = await org.call(null, 'GET', '/blog/posts/quantum-drives-explained');
      expect(res.status).toBe(200);
      expect(res.body).toEqual(
        expect.objectContaining({
          content: '<p>Spooling quantum engines</p>',
          category: expect.objectContaining({ slug: 'news' }),
        }),
      );
      expect((await org.call(null, 'GET', '/blog/posts/secret-draft')).status).toBe(404);
      expect((await org.call(null, 'GET', '/blog/posts/old-quantum-news')).status).toBe(404);
      // Another org's slug is not found here.
      expect((await g.call(null, 'GET', '/blog/posts/quantum-drives-explained')).status).toBe(404);
    });

    it('shows drafts to editors and officers by id, and 404s them to members below', async () => {
      for (const who of [org.editor, org.at('officer'), org.at('admin')])
        expect((await org.call(who, 'GET', `/blog/entries/${ids.draft}`)).status).toBe(200);
      for (const who of [org.at('member'), org.at('readonly')]) {
        expect((await org.call(who, 'GET', `/blog/entries/${ids.draft}`)).status).toBe(404);
        expect((await org.call(who, 'GET', `/blog/entries/${ids.archived}`)).status).toBe(404);
        expect((await org.call(who, 'GET', `/blog/entries/${ids.mining}`)).status).toBe(200);
        const list = await org.call(who, 'GET', '/blog/entries');
        expect(list.body.items.map((p: { status: string }) => p.status)).toEqual(['published', 'published']);
        expect((await org.call(who, 'GET', '/blog/entries', { query: { status: 'draft' } })).body.items).toEqual([]);
      }
      const all = await org.call(org.editor, 'GET', '/blog/entries');
      expect(all.body.items).toHaveLength(4);
      const drafts = await org.call(org.editor, 'GET', '/blog/entries', { query: { status: 'draft' } });
      expect(drafts.body.items.map((p: { id: string }) => p.id)).toEqual([ids.draft]);
    });

    it('lists categories and tags publicly', async () => {
      expect((await org.call(null, 'GET', '/blog/categories')).body.items.map((c: { slug: string }) => c.slug)).toEqual(
        ['news'],
      );
      expect((await org.call(null, 'GET', '/blog/tags')).body.items.map((c: { slug: string }) => c.slug)).toEqual([
        'events',
        'tech',
      ]);
    });
  });

  describe('categories', () => {
    it('officers and editors create, rename and delete them; slugs are unique per org; posts survive uncategorised', async () => {
      const created = await g.call(g.editor, 'POST', '/blog/categories', {
        body: { name: 'Guides', description: 'How-tos' },
      });
      expect(created.status).toBe(201);
      expect(created.body).toEqual(expect.objectContaining({ name: 'Guides', slug: 'guides', description: 'How-tos' }));
      const dup = await g.call(g.at('officer'), 'POST', '/blog/categories', {
        body: { name: 'Guides again', slug: 'guides' },
      });
      expect(dup.status).toBe(409);
      expect(dup.body).toEqual(expect.objectContaining({ slug: 'starcorp-slug-taken', field: 'slug' }));
      // The same slug in another org is fine.
      expect(
        (await g.call(g.outsider, 'POST', '/blog/categories', { body: { name: 'Guides' }, slug: g.outsiderSlug }))
          .status,
      ).toBe(201);

      const renamed = await g.call(g.at('officer'), 'PATCH', `/blog/categories/${created.body.id}`, {
        body: { name: 'Pilot guides' },
      });
      expect(renamed.body).toEqual(expect.objectContaining({ name: 'Pilot guides', slug: 'guides' }));
      expect(
        (await g.call(g.at('officer'), 'PATCH', `/blog/categories/${created.body.id}`, { body: { slug: 'Bad Slug' } }))
          .status,
      ).toBe(400);

      const post = await createPost(g.editor, { heading: 'Categorised', categoryId: created.body.id });
      expect(post.category).toEqual({ id: created.body.id, name: 'Pilot guides', slug: 'guides' });
      expect(
        (await g.call(g.outsider, 'DELETE', `/blog/categories/${created.body.id}`, { slug: g.outsiderSlug })).status,
      ).toBe(404);
      expect((await g.call(g.at('officer'), 'DELETE', `/blog/categories/${created.body.id}`)).status).toBe(204);
      const after = await g.call(g.editor, 'GET', `/blog/entries/${post.id}`);
      expect(after.status).toBe(200);
      expect(after.body.category).toBeNull();
    });
  });
});
