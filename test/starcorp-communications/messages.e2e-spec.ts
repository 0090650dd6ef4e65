import { seedCommunicationsDemo } from '../../src/contexts/starcorp/communications/demo/communications-demo-seeder';
import { demoOrgOf } from '../support/context-kit';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { createMessagesOrg, errorPaths, MessagesOrg } from './messages-kit';

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

/** A recipient as a message shows it. */
type Receipt = { userId: string; name: string; readAt: string | null };

/** Issue 15 item 8: member messages and announcements (communications store on the main database). */
describe('starcorp messages (e2e)', () => {
  let t: TestApp;
  let g: MessagesOrg;
  let member: TestUser;
  let officer: TestUser;
  let owner: TestUser;
  beforeAll(async () => {
    t = await startTestApp();
    g = await createMessagesOrg(t);
    member = g.at('member');
    officer = g.at('officer');
    owner = g.owner;
  });
  afterAll(() => t.close());

  describe('access', () => {
    it.each([
      ['GET', '/messages/inbox'],
      ['GET', '/messages/sent'],
      ['GET', '/messages/unread-count'],
      ['GET', `/messages/${NO_SUCH_ID}`],
      ['GET', `/messages/${NO_SUCH_ID}/thread`],
      ['POST', `/messages/${NO_SUCH_ID}/read`],
      ['DELETE', `/messages/${NO_SUCH_ID}`],
    ])('%s %s: members down to readonly', async (method, path) => {
      await g.forbidden(method, path, 'readonly', ['starcorp:read']);
    });

    it('POST /messages: members and above (a guest cannot message)', async () => {
      const body = { recipientUserIds: [officer.id], subject: 'Hi', body: 'Hello' };
      await g.forbidden('POST', '/messages', 'member', ['starcorp:write'], { body });
      await g.fails(g.at('guest'), 403, 'POST', '/messages', { body });
      await g.fails(g.at('readonly'), 403, 'POST', '/messages', { body });
      await g.send(g.at('member'), [officer]);
    });

    it('POST /announcements: officers and above', async () => {
      await g.forbidden('POST', '/announcements', 'officer', ['starcorp:write'], {
        body: { subject: 'Hi', body: 'Hello' },
      });
    });

    it('a bot key has no inbox (403)', async () => {
      const bot = await g.botKeyWith(['starcorp:read']);
      await g.fails({ apiKey: bot.key }, 403, 'GET', '/messages/inbox');
    });
  });

  describe('sending and reading', () => {
    it('a member writes to two members: inbox, unread count, read receipts for the sender only', async () => {
      const reader = await g.addUser('member');
      const other = await g.addUser('readonly');
      const sent = await g.send(member, [reader, other], {
        priority: 'high',
        attachments: [{ name: 'Map', url: 'https://example.test/map.png' }],
      });
      expect(sent).toMatchObject({
        subject: 'Mining op',
        body: 'Saturday at 19:00.',
        priority: 'high',
        announcement: false,
        system: false,
        recipientCount: 2,
        sender: { userId: member.id, name: member.username },
        threadId: sent.id,
        parentMessageId: null,
        attachments: [{ name: 'Map', url: 'https://example.test/map.png' }],
      });
      expect(sent.recipients.map((r: { userId: string }) => r.userId).sort()).toEqual([reader.id, other.id].sort());

      expect(await g.unread(reader)).toBe(1);
      const inbox = await g.inbox(reader);
      expect(inbox.items).toEqual([
        expect.objectContaining({ id: sent.id, readAt: null, attachmentCount: 1, recipientCount: 2 }),
      ]);
      expect(inbox.items[0].body).toBeUndefined();

      await g.ok(reader, 'POST', `/messages/${sent.id}/read`);
      await g.ok(reader, 'POST', `/messages/${sent.id}/read`);
      expect(await g.unread(reader)).toBe(0);
      expect(await g.unread(other)).toBe(1);
      expect((await g.inbox(reader)).items[0].readAt).not.toBeNull();
      expect((await g.inbox(other, { unread: true })).items.map((m) => m.id)).toEqual([sent.id]);
      expect((await g.inbox(reader, { unread: true })).items).toEqual([]);

      // The sender sees who read it; a recipient does not see the others' read times.
      const asSender = (await g.message(member, sent.id)).body;
      const readTimes = Object.fromEntries(asSender.recipients.map((r: Receipt) => [r.userId, r.readAt]));
      expect(readTimes[reader.id]).not.toBeNull();
      expect(readTimes[other.id]).toBeNull();
      const asReader = (await g.message(reader, sent.id)).body;
      expect(asReader.readAt).not.toBeNull();
      expect(asReader.recipients.every((r: Receipt) => r.readAt === null)).toBe(true);

      expect((await g.ok(member, 'GET', '/messages/sent')).items[0]).toMatchObject({ id: sent.id, readAt: null });
      // The sender is not a recipient: nothing to mark read.
      await g.fails(member, 404, 'POST', `/messages/${sent.id}/read`);

      const [event] = (await g.events('starcorp.message.sent')).filter((e) => e.subject_id === sent.id);
      expect(event.payload).toMatchObject({ messageId: sent.id, senderUserId: member.id, priority: 'high' });
      expect((await g.audits('sendStarcorpMessage')).map((a) => a.target_id)).toContain(sent.id);
    });

    it('a retried POST with the same Idempotency-Key sends one message', async () => {
      const reader = await g.addUser('member');
      const body = { recipientUserIds: [reader.id], subject: 'Once', body: 'Only once.' };
      const headers = { 'idempotency-key': `msg-${reader.id}` };
      const first = await g.call(member, 'POST', '/messages', { body, headers });
      const again = await g.call(member, 'POST', '/messages', { body, headers });
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.body.id).toBe(first.body.id);
      expect((await g.inbox(reader)).items).toHaveLength(1);
    });

    it('pages the inbox newest first', async () => {
      const reader = await g.addUser('member');
      const ids: string[] = [];
      for (const subject of ['one', 'two', 'three']) ids.push((await g.send(member, [reader], { subject })).id);
      const first = await g.inbox(reader, { limit: 2 });
      expect(first.items.map((m) => m.id)).toEqual([ids[2], ids[1]]);
      const second = await g.inbox(reader, { limit: 2, cursor: first.nextCursor });
      expect(second.items.map((m) => m.id)).toEqual([ids[0]]);
      expect(second.nextCursor).toBeNull();
      expect((await g.inbox(reader, { priority: 'urgent' })).items).toEqual([]);
    });
  });

  describe('bad input', () => {
    it('refuses 0 or 51 recipients, a bad priority, 6 attachments and unknown fields, and writes nothing', async () => {
      const fiftyOne = Array.from({ length: 51 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
      const cases: [Record<string, unknown>, string][] = [
        [{ recipientUserIds: [] }, 'recipientUserIds'],
        [{ recipientUserIds: fiftyOne }, 'recipientUserIds'],
        [{ recipientUserIds: ['not-a-uuid'] }, 'recipientUserIds'],
        [{ recipientUserIds: [officer.id, officer.id] }, 'recipientUserIds'],
        [{ priority: 'shouting' }, 'priority'],
        [{ subject: '' }, 'subject'],
        [{ body: 'x'.repeat(20001) }, 'body'],
        [
          { attachments: Array.from({ length: 6 }, () => ({ name: 'a', url: 'https://example.test/a' })) },
          'attachments',
        ],
        [{ attachments: [{ name: 'a', url: 'http://example.test/a' }] }, 'attachments.0.url'],
        [{ system: true }, 'system'],
      ];
      const before = (await g.ok(member, 'GET', '/messages/sent')).items.length;
      for (const [override, path] of cases) {
        const body = { recipientUserIds: [officer.id], subject: 'S', body: 'B', ...override };
        const res = await g.call(member, 'POST', '/messages', { body });
        expect({ override, status: res.status }).toEqual({ override, status: 400 });
        expect(errorPaths(res)).toContain(path);
      }
      expect((await g.ok(member, 'GET', '/messages/sent')).items.length).toBe(before);
    });

    it('a recipient who is not a member (or a guest, or another org) is a 400 naming its index', async () => {
      const body = (ids: string[]) => ({ recipientUserIds: ids, subject: 'S', body: 'B' });
      const res = await g.call(member, 'POST', '/messages', {
        body: body([officer.id, g.outsider.id, NO_SUCH_ID, g.at('guest').id]),
      });
      expect(res.status).toBe(400);
      expect(errorPaths(res)).toEqual(['recipientUserIds.1', 'recipientUserIds.2', 'recipientUserIds.3']);
      expect((await g.inbox(officer, { limit: 200 })).items.every((m) => m.subject !== 'S')).toBe(true);
    });
  });

  describe('threads', () => {
    it('a reply joins the thread; the thread shows the caller their messages; others get 404', async () => {
      const stranger = await g.addUser('member');
      const first = await g.send(member, [officer], { subject: 'Escort?' });
      const reply = await g.send(officer, [member, owner], { subject: 'Re: Escort?', parentMessageId: first.id });
      expect(reply).toMatchObject({ threadId: first.id, parentMessageId: first.id });

      const asMember = await g.ok(member, 'GET', `/messages/${reply.id}/thread`);
      expect(asMember.items.map((m: { id: string }) => m.id)).toEqual([first.id, reply.id]);
      // The owner received only the reply: the first message is not theirs to see.
      const asOwner = await g.ok(owner, 'GET', `/messages/${reply.id}/thread`);
      expect(asOwner.items.map((m: { id: string }) => m.id)).toEqual([reply.id]);
      await g.expectNotFound(owner, [
        ['GET', `/messages/${first.id}`],
        ['GET', `/messages/${first.id}/thread`],
      ]);

      // A member outside the thread: 404 for the message, its thread, reading, deleting and replying.
      await g.expectNotFound(stranger, [
        ['GET', `/messages/${first.id}`],
        ['GET', `/messages/${first.id}/thread`],
        ['POST', `/messages/${first.id}/read`],
        ['DELETE', `/messages/${first.id}`],
        ['POST', '/messages', { recipientUserIds: [member.id], subject: 'Re', body: 'B', parentMessageId: first.id }],
      ]);
      // Another org: its owner gets 404 for this org's ids through their own org.
      await g.expectNotFound(
        g.outsider,
        [
          ['GET', `/messages/${first.id}`],
          ['GET', `/messages/${first.id}/thread`],
          ['DELETE', `/messages/${first.id}`],
        ],
        { slug: g.outsiderSlug },
      );
      await g.expectNotFound(member, [['GET', `/messages/${NO_SUCH_ID}`]]);
    });
  });

  describe('deleting', () => {
    it('each side deletes its own copy; the message is purged once all have', async () => {
      const a = await g.addUser('member');
      const b = await g.addUser('member');
      const sent = await g.send(member, [a, b]);
      await g.ok(a, 'DELETE', `/messages/${sent.id}`);
      expect((await g.inbox(a)).items).toEqual([]);
      await g.expectNotFound(a, [
        ['GET', `/messages/${sent.id}`],
        ['DELETE', `/messages/${sent.id}`],
      ]);
      expect((await g.message(b, sent.id)).status).toBe(200);

      await g.ok(member, 'DELETE', `/messages/${sent.id}`);
      expect((await g.ok(member, 'GET', '/messages/sent')).items.map((m: { id: string }) => m.id)).not.toContain(
        sent.id,
      );
      expect((await g.message(b, sent.id)).status).toBe(200);
      const rows = () => t.db.query('SELECT id FROM starcorp_messages WHERE id = $1', [sent.id]);
      expect(await rows()).toHaveLength(1);

      await g.ok(b, 'DELETE', `/messages/${sent.id}`);
      expect(await rows()).toHaveLength(0);
      expect(
        await t.db.query('SELECT 1 FROM starcorp_message_recipients WHERE message_id = $1', [sent.id]),
      ).toHaveLength(0);
    });
  });

  describe('announcements', () => {
    it('an officer announces: one message, a receipt per member who can read, none for the officer', async () => {
      const news = await g.ok(officer, 'POST', '/announcements', {
        body: { subject: 'Org meeting', body: 'Friday 20:00 UTC.', priority: 'urgent' },
      });
      expect(news).toMatchObject({ announcement: true, recipients: [], sender: { userId: officer.id } });
      const receipts: { recipient_user_id: string }[] = await t.db.query(
        'SELECT recipient_user_id FROM starcorp_message_recipients WHERE message_id = $1',
        [news.id],
      );
      expect(receipts).toHaveLength(news.recipientCount);
      const receivers = new Set(receipts.map((r) => r.recipient_user_id));
      expect(receivers.has(officer.id)).toBe(false);
      for (const who of [owner, member, g.at('readonly'), g.at('admin')]) expect(receivers.has(who.id)).toBe(true);
      for (const who of [g.at('guest'), g.at('applicant')]) expect(receivers.has(who.id)).toBe(false);
      expect((await t.db.query('SELECT 1 FROM starcorp_messages WHERE id = $1', [news.id])).length).toBe(1);

      const inMine = (await g.inbox(g.at('readonly'))).items.find((m) => m.id === news.id);
      expect(inMine).toMatchObject({ announcement: true, priority: 'urgent' });
      expect((await g.message(g.at('readonly'), news.id)).body.recipients).toEqual([]);
      const [event] = (await g.events('starcorp.announcement.published')).filter((e) => e.subject_id === news.id);
      expect(event.payload).toMatchObject({ messageId: news.id, recipientCount: news.recipientCount });
      await g.fails(member, 403, 'POST', '/announcements', { body: { subject: 'x', body: 'y' } });
    });
  });

  describe('demo', () => {
    it('seeds threads between the demo users and an announcement', async () => {
      const d = await createMessagesOrg(t);
      await seedCommunicationsDemo(t.app, demoOrgOf(d, 'Far Out Corporation'));
      const sent = await d.ok(d.at('officer'), 'GET', '/messages/sent');
      expect(sent.items.map((m: { subject: string }) => m.subject)).toEqual(
        expect.arrayContaining(['Org meeting on Friday', 'Mining op this weekend', 'Welcome to Far Out']),
      );
      const mining = sent.items.find((m: { subject: string }) => m.subject === 'Mining op this weekend');
      const thread = await d.ok(d.owner, 'GET', `/messages/${mining.id}/thread`);
      expect(thread.items).toHaveLength(3);
      // The member has read nothing yet (two in the mining thread, the welcome, a system message and the
      // announcement); the owner has read the mining thread.
      expect(await d.unread(d.at('member'))).toBe(5);
      const system = (await d.inbox(d.at('member'))).items.find((m) => m.system);
      expect(system).toMatchObject({
        sender: { userId: null, name: 'System' },
        subject: 'Your Far Out account is ready',
      });
      // A system message has no sender side: its recipient's delete purges it.
      await d.ok(d.at('member'), 'DELETE', `/messages/${system.id}`);
      expect(await t.db.query('SELECT 1 FROM starcorp_messages WHERE id = $1', [system.id])).toHaveLength(0);
      expect((await d.inbox(d.owner, { unread: true })).items.map((m) => m.subject).sort()).toEqual([
        'Org meeting on Friday',
        'Re: Fleet review',
      ]);
    });
  });
});
