import { createOperations, createQuartermasterClient, OPERATIONS, unwrap } from '@quartermaster/sdk';

/** A fake fetch that records requests and answers 200 with `body`. */
function recording(body: unknown) {
  const requests: Request[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    requests.push(new Request(input, init));
    return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
  return { requests, fetch: fetch as typeof globalThis.fetch };
}

describe('createOperations', () => {
  it('has a function for every operationId of the contract', () => {
    const ops = createOperations(createQuartermasterClient({ baseUrl: 'http://api.test' }));
    expect(Object.keys(ops).sort()).toEqual(Object.keys(OPERATIONS).sort());
    expect(Object.values(ops).every((f) => typeof f === 'function')).toBe(true);
  });

  it('calls the operation through the client: method, path, parameters and credentials', async () => {
    const { requests, fetch } = recording({ items: [], nextCursor: null });
    const api = createQuartermasterClient({ baseUrl: 'http://api.test', token: 't0k', fetch, retries: 0 });
    const ops = createOperations(api);
    const page = await unwrap(ops.listRaids({ params: { path: { org: 'my guild' }, query: { limit: 5 } } }));
    expect(page.items).toEqual([]);
    expect(requests).toHaveLength(1);
    expect(requests[0].method).toBe('GET');
    expect(requests[0].url).toBe('http://api.test/api/v1/orgs/my%20guild/dkp/raids?limit=5');
    expect(requests[0].headers.get('Authorization')).toBe('Bearer t0k');
  });

  it('sends bodies and gives POSTs an idempotency key, like the client', async () => {
    const { requests, fetch } = recording({ slug: 'x', name: 'X' });
    const ops = createOperations(createQuartermasterClient({ baseUrl: 'http://api.test', fetch, retries: 0 }));
    await unwrap(ops.createOrg({ body: { slug: 'x', name: 'X' } }));
    expect(requests[0].method).toBe('POST');
    expect(new URL(requests[0].url).pathname).toBe('/api/v1/orgs');
    expect(await requests[0].json()).toEqual({ slug: 'x', name: 'X' });
    expect(requests[0].headers.get('Idempotency-Key')).toMatch(/.+/);
  });

  it('is typed from the contract (checked by tsc, not at run time)', () => {
    const ops = createOperations(createQuartermasterClient({ baseUrl: 'http://api.test' }));
    const typeChecks = () => {
      // @ts-expect-error the org path parameter is required
      void ops.listRaids({ params: { path: {} } });
      // @ts-expect-error an unknown query parameter
      void ops.listRaids({ params: { path: { org: 'g' }, query: { nope: 1 } } });
      // @ts-expect-error no such operation
      void ops.listRaid;
      // parameterless operations need no argument
      void ops.getMe();
    };
    expect(typeof typeChecks).toBe('function');
  });
});
