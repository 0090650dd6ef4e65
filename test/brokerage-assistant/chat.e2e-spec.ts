import { Brokerage, createBrokerage, uniqueName } from '../brokerage/brokerage-kit';
import { PNG } from '../support/sample-files';
import { startTestApp, TestApp } from '../support/test-app';
import {
  completion,
  FakeProvider,
  productWithCode,
  readDocuments,
  startFakeProvider,
  uploadDocument,
} from './assistant-kit';

const BUDGET = 5000;

/**
 * Issue 14 item 9, with a model provider: a fake OpenAI-compatible server on 127.0.0.1 that the
 * app calls for chat (with a tool round), retries, the token budget and reading images.
 */
describe('brokerage assistant with a provider (e2e)', () => {
  let t: TestApp;
  let b: Brokerage;
  let fake: FakeProvider;
  const member = () => b.org.at('member');
  const readonly = () => b.org.at('readonly');
  const messageCount = async (conversationId: string) =>
    Number(
      (
        await t.db.query('SELECT count(*) AS n FROM brokerage_assistant_messages WHERE conversation_id = $1', [
          conversationId,
        ])
      )[0].n,
    );
  const conversation = (who = member(), body: Record<string, unknown> = {}) =>
    b.ok(who, 'POST', '/assistant/conversations', { body });
  const send = (id: string, content: string, who = member()) =>
    b.call(who, 'POST', `/assistant/conversations/${id}/messages`, { body: { content } });

  beforeAll(async () => {
    fake = await startFakeProvider();
    t = await startTestApp({
      ASSISTANT_URL: fake.url,
      ASSISTANT_KEY: 'sk-test-key',
      ASSISTANT_MODEL: 'fake-model',
      ASSISTANT_VISION: 'true',
      ASSISTANT_MONTHLY_TOKEN_BUDGET: String(BUDGET),
      // Short, so that the timeout test does not wait 30 s; the fake answers at once otherwise.
      ASSISTANT_TIMEOUT_MS: '1000',
    });
    b = await createBrokerage(t);
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  it('answers through a tool round: the model reads suppliers through the service, never writes', async () => {
    const supplier = await b.ok(member(), 'POST', '/suppliers', { body: { name: uniqueName('Valley Beef') } });
    const c = await conversation(member(), { title: 'Suppliers' });
    const sent = fake.requests.length;
    fake.script(
      completion(null, {
        toolCalls: [{ id: 'call_1', name: 'find_suppliers', arguments: { search: 'Valley' } }],
        tokens: [100, 20],
      }),
      completion(`You buy from ${supplier.name}.`, { tokens: [150, 30] }),
    );
    const res = await send(c.id, 'Who are our beef suppliers?');
    expect(res.status).toBe(201);
    expect(res.body.userMessage).toMatchObject({
      role: 'user',
      content: 'Who are our beef suppliers?',
      authorId: member().id,
    });
    expect(res.body.assistantMessage).toMatchObject({
      role: 'assistant',
      content: `You buy from ${supplier.name}.`,
      promptTokens: 250,
      completionTokens: 50,
      metadata: {
        model: 'fake-model',
        finishReason: 'stop',
        toolCalls: [{ name: 'find_suppliers', arguments: { search: 'Valley' }, ok: true }],
      },
    });

    const [first, second] = fake.requests.slice(sent);
    expect(first.headers.authorization).toBe('Bearer sk-test-key');
    expect(first.body.model).toBe('fake-model');
    expect(first.body.tools.map((tool: { function: { name: string } }) => tool.function.name).sort()).toEqual([
      'customer_receivables',
      'find_customers',
      'find_products',
      'find_suppliers',
      'get_purchase_order',
      'list_open_purchase_orders',
    ]);
    expect(first.body.messages.at(-1)).toEqual({ role: 'user', content: 'Who are our beef suppliers?' });
    const toolResult = second.body.messages.at(-1);
    expect(toolResult).toMatchObject({ role: 'tool', tool_call_id: 'call_1' });
    expect(JSON.parse(toolResult.content)).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: supplier.id, name: supplier.name })]),
    );

    const listed = await b.ok(readonly(), 'GET', `/assistant/conversations/${c.id}/messages`);
    expect(listed.items.map((m: { role: string }) => m.role)).toEqual(['assistant', 'user']);

    // The next message carries the history.
    const next = fake.requests.length;
    expect((await send(c.id, 'Thanks')).status).toBe(201);
    expect(fake.requests[next].body.messages.map((m: { role: string }) => m.role)).toEqual([
      'system',
      'user',
      'assistant',
      'user',
    ]);
  });

  it('tools refuse bad arguments, unknown tools and records of another org; the org comes from the path', async () => {
    const c = await conversation();
    const foreign = await b.ok(b.org.outsider, 'POST', '/suppliers', {
      body: { name: uniqueName('Outsider Meats') },
      slug: b.org.outsiderSlug,
    });
    fake.script(
      completion(null, {
        toolCalls: [
          { id: 'a', name: 'get_purchase_order', arguments: { purchaseOrderId: 'not-a-uuid' } },
          { id: 'b', name: 'drop_tables', arguments: {} },
          { id: 'c', name: 'list_open_purchase_orders', arguments: { supplierId: foreign.id } },
          {
            id: 'd',
            name: 'get_purchase_order',
            arguments: { purchaseOrderId: '00000000-0000-4000-8000-000000000000' },
          },
        ],
      }),
      completion('I could not find that.'),
    );
    const sent = fake.requests.length;
    const res = await send(c.id, 'Show me order 42');
    expect(res.status).toBe(201);
    expect(res.body.assistantMessage.metadata.toolCalls.map((call: { ok: boolean }) => call.ok)).toEqual([
      false,
      false,
      true,
      false,
    ]);
    const results = fake.requests[sent + 1].body.messages.filter((m: { role: string }) => m.role === 'tool');
    expect(JSON.parse(results[0].content).error).toMatch(/UUID/);
    expect(JSON.parse(results[1].content).error).toMatch(/unknown tool/);
    expect(JSON.parse(results[2].content)).toEqual([]);
    expect(JSON.parse(results[3].content).error).toMatch(/not found/);
  });

  it('retries a 5xx and answers; after 3 retries it is a 502 and nothing is stored', async () => {
    const c = await conversation();
    fake.script({ status: 500, body: { error: 'overloaded' } }, completion('Recovered.'));
    const sent = fake.requests.length;
    const ok = await send(c.id, 'Hello?');
    expect(ok.status).toBe(201);
    expect(ok.body.assistantMessage.content).toBe('Recovered.');
    expect(fake.requests.length - sent).toBe(2);

    const error = { status: 503, body: { error: 'down' } };
    fake.script(error, error, error, error);
    const before = fake.requests.length;
    await b.fails(member(), 502, 'POST', `/assistant/conversations/${c.id}/messages`, {
      body: { content: 'Still there?' },
      problem: 'assistant-provider-failed',
    });
    expect(fake.requests.length - before).toBe(4);
    expect(await messageCount(c.id)).toBe(2);
  });

  it('a message resent with the same Idempotency-Key answers the stored exchange without asking again', async () => {
    const c = await conversation();
    const headers = { 'Idempotency-Key': `assistant-${c.id}` };
    const path = `/assistant/conversations/${c.id}/messages`;
    const before = fake.requests.length;
    const first = await b.ok(member(), 'POST', path, { body: { content: 'Once' }, headers });
    const again = await b.ok(member(), 'POST', path, { body: { content: 'Once' }, headers });
    expect(again.assistantMessage.id).toBe(first.assistantMessage.id);
    expect(fake.requests.length - before).toBe(1);
    expect(await messageCount(c.id)).toBe(2);
  });

  it('a call that times out is retried', async () => {
    const c = await conversation();
    fake.script('hang', completion('Sorry for the wait.'));
    const before = fake.requests.length;
    const res = await send(c.id, 'Anyone?');
    expect(res.status).toBe(201);
    expect(res.body.assistantMessage.content).toBe('Sorry for the wait.');
    expect(fake.requests.length - before).toBe(2);
  });

  it('a 4xx of the provider is not retried', async () => {
    const c = await conversation();
    fake.script({ status: 400, body: { error: 'bad request' } });
    const before = fake.requests.length;
    await b.fails(member(), 502, 'POST', `/assistant/conversations/${c.id}/messages`, {
      body: { content: 'Hi' },
      problem: 'assistant-provider-failed',
    });
    expect(fake.requests.length - before).toBe(1);
    expect(await messageCount(c.id)).toBe(0);
  });

  it("a message to a completed conversation is a 409; readonly cannot send; another org's is a 404", async () => {
    const c = await conversation();
    await b.ok(member(), 'PATCH', `/assistant/conversations/${c.id}`, { body: { status: 'completed' } });
    const refused = await b.fails(member(), 409, 'POST', `/assistant/conversations/${c.id}/messages`, {
      body: { content: 'Hi' },
      problem: 'conversation-not-active',
    });
    expect(refused.currentState).toBe('completed');
    const open = await conversation();
    expect((await send(open.id, 'Hi', readonly())).status).toBe(403);
    const stranger = await b.call(b.org.outsider, 'POST', `/assistant/conversations/${open.id}/messages`, {
      body: { content: 'Hi' },
      slug: b.org.outsiderSlug,
    });
    expect(stranger.status).toBe(404);
    const bad = await b.fails(member(), 400, 'POST', `/assistant/conversations/${open.id}/messages`, {
      body: { content: '' },
    });
    expect(bad.errors.map((e: { path: string }) => e.path)).toEqual(['content']);
    expect(await messageCount(open.id)).toBe(0);
  });

  it('a conversation about a document gives the model its text', async () => {
    const productCode = `DOC-${Date.now().toString(36).toUpperCase()}1`;
    await productWithCode(b, productCode);
    const { purchaseOrderPdf } = await import('./assistant-kit');
    const uploaded = await uploadDocument(b, member(), await purchaseOrderPdf('Doc Beef', 'PO-DOC-1', productCode));
    await readDocuments(t);
    const c = await conversation(member(), { context: { documentId: uploaded.body.id } });
    expect(c.context).toEqual({ documentId: uploaded.body.id });
    const sent = fake.requests.length;
    expect((await send(c.id, 'Summarise the document')).status).toBe(201);
    expect(fake.requests[sent].body.messages[0].content).toContain('PO-DOC-1');
  });

  it('reads an image through the vision-capable provider', async () => {
    fake.script(
      completion(
        'PURCHASE ORDER\nSupplier: Scanned Pork Co\nPO Number: SC-77\nSP-9 Pork butt 4 240 lbs 1.99/lb 477.60',
      ),
    );
    const sent = fake.requests.length;
    const uploaded = await uploadDocument(b, member(), PNG, { name: 'scan.png' });
    await readDocuments(t);
    const image = fake.requests[sent].body.messages[0].content;
    expect(image[1].image_url.url).toMatch(/^data:image\/png;base64,/);
    const read = await b.ok(readonly(), 'GET', `/assistant/documents/${uploaded.body.id}`);
    expect(read).toMatchObject({
      status: 'extracted',
      extractor: 'rules+vision',
      tokensUsed: 17,
      documentClass: 'purchase_order',
      entities: { supplierName: 'Scanned Pork Co', poNumber: 'SC-77' },
    });
  });

  it("past the org's monthly token budget a message is a 429 and the model is not called", async () => {
    const other = await createBrokerage(t);
    const c = await other.ok(other.org.at('member'), 'POST', '/assistant/conversations', { body: {} });
    fake.script(completion('That was expensive.', { tokens: [BUDGET, 1] }));
    const path = `/assistant/conversations/${c.id}/messages`;
    expect(
      (await other.call(other.org.at('member'), 'POST', path, { body: { content: 'Long question' } })).status,
    ).toBe(201);
    const before = fake.requests.length;
    const refused = await other.fails(other.org.at('member'), 429, 'POST', path, {
      body: { content: 'One more' },
      problem: 'assistant-budget-exhausted',
    });
    expect(refused).toMatchObject({ budget: BUDGET, used: BUDGET + 1, resetsAt: expect.any(String) });
    expect(fake.requests.length).toBe(before);
    // Transcribing images counts too: a scan is not sent to the model once the budget is spent.
    const scan = await uploadDocument(other, other.org.at('member'), PNG);
    await readDocuments(t);
    expect(await other.ok(other.org.at('readonly'), 'GET', `/assistant/documents/${scan.body.id}`)).toMatchObject({
      status: 'failed',
      failureCode: 'assistant-budget-exhausted',
    });
    await other.fails(other.org.at('member'), 429, 'POST', `/assistant/documents/${scan.body.id}/extract`, {
      problem: 'assistant-budget-exhausted',
    });
    expect(fake.requests.length).toBe(before);
    // The budget is the org's: this org still chats.
    expect((await send((await conversation()).id, 'Hi')).status).toBe(201);
  });
});
