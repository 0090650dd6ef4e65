import { seedPublishingDemo } from '../../src/contexts/starcorp/publishing/demo/publishing-demo-seeder';
import { demoOrgOf } from '../support/context-kit';
import { startTestApp, TestApp } from '../support/test-app';
import { createPublishingOrg } from './publishing-kit';

describe('starcorp publishing demo seeder (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('seeds categories, posts in each state, contact submissions in each state and items', async () => {
    const g = await createPublishingOrg(t);
    await seedPublishingDemo(t.app, demoOrgOf(g, 'Far Out Corporation', { editor: g.editor }));
    const count = async (sql: string) =>
      (await t.db.query(sql, [g.id])).map((r: { k: string; n: number }) => [r.k, r.n]);
    expect(
      await count(
        'SELECT status AS k, count(*)::int AS n FROM starcorp_blog_posts WHERE org_id = $1 GROUP BY status ORDER BY status',
      ),
    ).toEqual([
      ['archived', 2],
      ['draft', 2],
      ['published', 6],
    ]);
    expect(
      await count(
        'SELECT status AS k, count(*)::int AS n FROM starcorp_contact_submissions WHERE org_id = $1 GROUP BY status ORDER BY status',
      ),
    ).toEqual([
      ['archived', 1],
      ['new', 2],
      ['read', 1],
      ['replied', 1],
    ]);
    const published = await g.call(null, 'GET', '/blog/posts');
    expect(published.body.items).toHaveLength(6);
    const items = await g.call(g.at('member'), 'GET', '/items');
    expect(items.body.items.map((i: { quantity: number }) => i.quantity).sort((a: number, b: number) => a - b)).toEqual(
      [0, 3, 6, 25, 40],
    );
    const spam = await g.call(g.at('officer'), 'GET', '/contact/submissions', { query: { spam: true } });
    expect(spam.body.items).toHaveLength(1);
  });
});
