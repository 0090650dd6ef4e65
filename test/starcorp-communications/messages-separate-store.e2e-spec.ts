import { Client } from 'pg';
import { ContactService } from '../../src/contexts/starcorp/communications/contact/contact.service';
import { CommunicationsStore } from '../../src/platform/database/communications-data-source';
import { CommunicationsOutboxRelay } from '../../src/platform/events/communications-outbox-relay';
import { http } from '../support/http';
import { startTestApp, TestApp, TestUser, workerDatabaseUrl } from '../support/test-app';
import { createMessagesOrg, MessagesOrg } from './messages-kit';

/**
 * Issue 15 items 8 and 9 with COMMUNICATIONS_DATABASE_URL set: messages, their receipts, contact
 * form submissions and their outbox
 * events live in a second database (migrated by its own migrations at start), the relay hands the
 * events to the main outbox, and readiness checks both databases.
 *
 * Needs a PostgreSQL server (DATABASE_URL) to create that second database on: the embedded database
 * is a single in-process PGlite that cannot host a second database, so on it this file is skipped.
 */
const onServer = process.env.DATABASE_URL ? describe : describe.skip;

onServer('starcorp messages in a separate communications database (e2e, PostgreSQL only)', () => {
  let t: TestApp;
  let g: MessagesOrg;
  let comms: Client;
  let member: TestUser;
  let officer: TestUser;
  beforeAll(async () => {
    const url = await workerDatabaseUrl(process.env.DATABASE_URL!, 'comms');
    t = await startTestApp({ COMMUNICATIONS_DATABASE_URL: url });
    comms = new Client({ connectionString: url });
    await comms.connect();
    g = await createMessagesOrg(t);
    member = g.at('member');
    officer = g.at('officer');
  });
  afterAll(async () => {
    await comms?.end();
    const store = t?.app.get(CommunicationsStore);
    await t?.close();
    // The second DataSource is closed with the app.
    expect(store?.dataSource.isInitialized).toBe(false);
  });

  /** Whether the main database has a message with this id (its table may exist from other runs). */
  const inMainDatabase = async (id: string): Promise<boolean> => {
    const [{ table }] = await t.db.query(`SELECT to_regclass('starcorp_messages') AS table`);
    if (!table) return false;
    return (await t.db.query('SELECT 1 FROM starcorp_messages WHERE id = $1', [id])).length > 0;
  };

  it('the store is a second DataSource, migrated by its own migrations', async () => {
    const store = t.app.get(CommunicationsStore);
    expect(store.separate).toBe(true);
    expect(store.dataSource).not.toBe(t.db);
    const { rows } = await comms.query('SELECT name FROM typeorm_migrations ORDER BY timestamp');
    expect(rows.map((r) => r.name)).toEqual([
      'CommunicationsOutbox1796500000001',
      'StarcorpMessages1796500000002',
      'StarcorpContactInStore1796500000007',
    ]);
    // No table of the main database there: no foreign key can cross.
    expect((await comms.query(`SELECT to_regclass('users') AS t`)).rows[0].t).toBeNull();
  });

  it('readiness checks both databases', async () => {
    const ready = await http(t, null, 'GET', '/api/v1/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual(
      expect.objectContaining({
        database: expect.objectContaining({ status: 'up' }),
        communications: expect.objectContaining({ status: 'up' }),
      }),
    );
  });

  it('a message, its receipts and its event live in the communications database; the relay hands the event on', async () => {
    const sent = await g.send(member, [officer]);
    expect(await inMainDatabase(sent.id)).toBe(false);
    expect((await comms.query('SELECT org_id FROM starcorp_messages WHERE id = $1', [sent.id])).rows).toEqual([
      { org_id: g.id },
    ]);
    expect(
      (await comms.query('SELECT recipient_user_id FROM starcorp_message_recipients WHERE message_id = $1', [sent.id]))
        .rows,
    ).toEqual([{ recipient_user_id: officer.id }]);

    const stored = await comms.query(
      `SELECT id, dispatched_at FROM outbox_events WHERE org_id = $1 AND type = 'starcorp.message.sent' AND subject_id = $2`,
      [g.id, sent.id],
    );
    expect(stored.rows).toEqual([{ id: expect.any(String), dispatched_at: null }]);
    const eventId = stored.rows[0].id;
    expect(await t.db.query('SELECT 1 FROM outbox_events WHERE id = $1', [eventId])).toHaveLength(0);

    // The relay (a job every second in production; jobs are off in tests) copies it to the main outbox once.
    const relay = t.app.get(CommunicationsOutboxRelay);
    while ((await relay.relayBatch()) > 0);
    const relayed = await t.db.query('SELECT org_id, type, subject_id, payload FROM outbox_events WHERE id = $1', [
      eventId,
    ]);
    expect(relayed).toEqual([
      {
        org_id: g.id,
        type: 'starcorp.message.sent',
        subject_id: sent.id,
        payload: expect.objectContaining({ messageId: sent.id, senderUserId: member.id }),
      },
    ]);
    expect(
      (await comms.query('SELECT dispatched_at FROM outbox_events WHERE id = $1', [eventId])).rows[0].dispatched_at,
    ).not.toBeNull();
    expect(await relay.relayBatch()).toBe(0);

    // The audit entry is in the main database (written after the request, not in the store's transaction).
    expect((await g.audits('sendStarcorpMessage')).map((a) => a.target_id)).toContain(sent.id);
  });

  it('reads, idempotent sends, announcements and purges work the same', async () => {
    const reader = await g.addUser('member');
    const body = { recipientUserIds: [reader.id], subject: 'Once', body: 'Only once.' };
    const headers = { 'idempotency-key': `sep-${reader.id}` };
    const first = await g.call(member, 'POST', '/messages', { body, headers });
    const again = await g.call(member, 'POST', '/messages', { body, headers });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body.id).toBe(first.body.id);
    expect(await g.unread(reader)).toBe(1);
    await g.ok(reader, 'POST', `/messages/${first.body.id}/read`);
    expect(await g.unread(reader)).toBe(0);

    const reply = await g.send(reader, [member], { parentMessageId: first.body.id });
    const thread = await g.ok(member, 'GET', `/messages/${reply.id}/thread`);
    expect(thread.items.map((m: { id: string }) => m.id)).toEqual([first.body.id, reply.id]);
    await g.expectNotFound(officer, [['GET', `/messages/${reply.id}/thread`]]);

    const news = await g.ok(officer, 'POST', '/announcements', { body: { subject: 'Meeting', body: 'Friday.' } });
    expect((await g.inbox(reader)).items.map((m) => m.id)).toContain(news.id);

    await g.ok(member, 'DELETE', `/messages/${first.body.id}`);
    await g.ok(reader, 'DELETE', `/messages/${first.body.id}`);
    expect((await comms.query('SELECT 1 FROM starcorp_messages WHERE id = $1', [first.body.id])).rows).toHaveLength(0);
    // The reply keeps its place in the thread; its parent is gone.
    expect((await g.message(member, reply.id)).body).toMatchObject({ threadId: first.body.id, parentMessageId: null });
  });

  it('contact submissions live in the communications database; a reply is mailed once, even when retried', async () => {
    const contacts = t.app.get(ContactService);
    const { id } = await contacts.submit(
      g.id,
      { name: 'Jane Pilot', email: 'jane@example.test', subject: 'Joining', message: 'I fly a Cutlass.' },
      { ip: '198.51.100.9', userAgent: 'SeparateStoreTest/1.0' },
    );
    expect((await comms.query('SELECT status FROM starcorp_contact_submissions WHERE id = $1', [id])).rows).toEqual([
      { status: 'new' },
    ]);
    expect(await t.db.query('SELECT 1 FROM starcorp_contact_submissions WHERE id = $1', [id])).toHaveLength(0);
    expect(
      (
        await comms.query(`SELECT 1 FROM outbox_events WHERE type = 'starcorp.contact.received' AND subject_id = $1`, [
          id,
        ])
      ).rows,
    ).toHaveLength(1);

    const replyMails = async () =>
      Number(
        (
          await t.db.query(
            `SELECT count(*) AS n FROM mail_sends WHERE purpose = 'starcorp.contact.reply' AND subject_id LIKE $1`,
            [`${id}:%`],
          )
        )[0].n,
      );
    // The mail is queued in the main database before the store changes: if the store's change
    // failed after that, the officer's retry would queue the same mail again, which must do nothing.
    const mail = (contacts as unknown as { mail: { sendAlone: (...args: unknown[]) => Promise<boolean> } }).mail;
    const sendAlone = jest.spyOn(mail, 'sendAlone');
    await g.ok(officer, 'PUT', `/contact/submissions/${id}/status`, { body: { status: 'read' } });
    const replied = await g.ok(officer, 'POST', `/contact/submissions/${id}/reply`, {
      body: { message: 'Welcome aboard!' },
    });
    expect(replied).toMatchObject({ status: 'replied', responseSentAt: expect.any(String) });
    expect(await replyMails()).toBe(1);
    // The same request again, as if its store change had failed: same key, no second mail queued.
    const [request] = sendAlone.mock.calls[0] as [Record<string, unknown>];
    expect(await mail.sendAlone(request)).toBe(false);
    sendAlone.mockRestore();
    expect(await replyMails()).toBe(1);
    expect((await comms.query('SELECT status FROM starcorp_contact_submissions WHERE id = $1', [id])).rows).toEqual([
      { status: 'replied' },
    ]);
    expect((await g.audits('replyToStarcorpContact')).map((a) => a.target_id)).toContain(id);
  });
});
