import type { DemoSeeder } from '../../../../platform/contexts/context-definition';
import { BlogPostsService } from '../blog/blog-posts.service';
import type { BlogPostStatus } from '../blog/blog-rules';
import { BlogTaxonomyService } from '../blog/blog-taxonomy.service';
import type { ContactStatus } from '../../communications/contact/contact-rules';
import { ContactRepository } from '../../communications/contact/contact.repository';
import { ContactService } from '../../communications/contact/contact.service';
import { StoreItemsService } from '../items/items.service';

const CATEGORIES = ['News', 'Operations', 'Guides'];

/** Heading, category, tags, final state: 6 published, 2 drafts, 2 archived. */
const POSTS: [string, string, string[], BlogPostStatus][] = [
  ['Welcome to Far Out Corporation', 'News', ['announcements'], 'published'],
  ['Operation Deep Vein: Aaron Halo mining run', 'Operations', ['mining', 'events'], 'published'],
  ['Quantum travel for new pilots', 'Guides', ['guides', 'navigation'], 'published'],
  ['Fleet week recap', 'News', ['events'], 'published'],
  ['Cargo hauling on the Hull C', 'Guides', ['trading', 'guides'], 'published'],
  ['Squadron Vanguard is recruiting', 'News', ['recruitment'], 'published'],
  ['Draft: salvage doctrine', 'Guides', ['salvage'], 'draft'],
  ['Draft: next quarter roadmap', 'News', [], 'draft'],
  ['Alpha 3.23 patch notes digest', 'News', ['patch-notes'], 'archived'],
  ['Old charter (superseded)', 'News', [], 'archived'],
];

/** The moves from draft to each final state. */
const PATH_TO: Record<BlogPostStatus, BlogPostStatus[]> = {
  draft: [],
  published: ['published'],
  archived: ['published', 'archived'],
};

const ITEMS: [title: string, category: string, location: string, quantity: number][] = [
  ['Medpen (Hemozal)', 'medical', 'Port Tressler', 40],
  ['FS-9 LMG ammunition box', 'ammunition', 'Lorville', 25],
  ['Quantanium transport canister', 'mining', 'Everus Harbor', 6],
  ['Pembroke exploration suit', 'armor', 'New Babbage', 3],
  ['Ship repair multi-tool', 'tools', 'Area18', 0],
];

/** Contact submissions in every state, one of them spam. */
const CONTACTS: [name: string, subject: string, status: ContactStatus, spam: boolean][] = [
  ['Avery Quinn', 'Joining as a new pilot', 'new', false],
  ['Morgan Reyes', 'Alliance proposal from Stellar Haulers', 'read', false],
  ['Sam Okafor', 'Question about your mining ops', 'replied', false],
  ['Robin Hale', 'Event partnership (done)', 'archived', false],
  ['www.cheap-auec.test', 'CHEAP AUEC BEST PRICES', 'new', true],
];

/**
 * The publishing side of the `far-out` demo: blog categories and 10 posts (published, drafts and
 * archived, written by the officer and the editor), contact submissions in each state, and a small
 * item store whose stock came in through adjustments.
 */
export const seedPublishingDemo: DemoSeeder = async (app, { org, officer, grantHolders }) => {
  const taxonomy = app.get(BlogTaxonomyService);
  const posts = app.get(BlogPostsService);
  const categories = new Map<string, string>();
  for (const name of CATEGORIES) categories.set(name, (await taxonomy.createCategory(org.id, { name })).id);
  const authors = [officer.id, grantHolders.editor?.id ?? officer.id];
  for (const [i, [heading, category, tags, status]] of POSTS.entries()) {
    const post = await posts.create(org.id, authors[i % authors.length], {
      heading,
      content: `<p>${heading}.</p><p>Far Out Corporation pilots: see you in the verse. o7</p>`,
      categoryId: categories.get(category),
      tags,
    });
    for (const step of PATH_TO[status]) await posts.setStatus(org.id, post.id, step);
  }

  const items = app.get(StoreItemsService);
  for (const [title, category, location, quantity] of ITEMS) {
    const item = await items.create(org.id, { title, category, location });
    if (quantity) await items.adjust(org.id, item.id, { delta: quantity, reason: 'Opening stock' }, officer.id);
  }

  // Written straight to the table in their final states: replying through the service would mail them.
  const contact = app.get(ContactService);
  const repository = app.get(ContactRepository);
  for (const [name, subject, status, spam] of CONTACTS) {
    const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.test`;
    const message = spam ? 'BUY NOW https://a.test https://b.test https://c.test' : `Hello Far Out! ${subject}.`;
    const { id } = await contact.submit(
      org.id,
      { name, email, subject, message },
      { ip: '203.0.113.7', userAgent: 'demo' },
    );
    if (status === 'new') continue;
    await repository.transaction(async (tx) => {
      const row = await repository.load(org.id, id, tx, true);
      await repository.save(tx, { ...row, status, responseSentAt: status === 'replied' ? new Date() : null });
    });
  }
};
