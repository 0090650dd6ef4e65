import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  biddingEvents,
  EventStreamParser,
  openEventStream,
  ProblemError,
  type ServerSentEvent,
} from '@quartermaster/sdk';

type Handler = (req: IncomingMessage, res: ServerResponse, connection: number) => void;

/** A tiny SSE server on 127.0.0.1; `handler` decides what each connection gets. */
async function sseServer(
  handler: Handler,
): Promise<{ baseUrl: string; requests: IncomingMessage[]; close(): Promise<void> }> {
  const requests: IncomingMessage[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req);
    handler(req, res, requests.length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function open(res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
}

/** Takes `count` events, then stops iterating (which closes the connection). */
async function take(stream: AsyncIterable<ServerSentEvent>, count: number): Promise<ServerSentEvent[]> {
  const out: ServerSentEvent[] = [];
  for await (const event of stream) {
    out.push(event);
    if (out.length === count) break;
  }
  return out;
}

describe('EventStreamParser', () => {
  it('parses named events, multi-line data, comments, ids and retry, across chunk boundaries', () => {
    const parser = new EventStreamParser();
    const chunks = [
      ': hello\r',
      '\nevent: bid_placed\r\nid: 7\r\nda',
      'ta: {"a":\ndata: 1}\n\nretry: 2500\n',
      'data: plain\n\n',
    ];
    const events = chunks.flatMap((c) => parser.push(c));
    expect(events).toEqual([
      { type: 'bid_placed', data: '{"a":\n1}', id: '7' },
      { type: 'message', data: 'plain', id: '7' },
    ]);
    expect(parser.retryMs).toBe(2500);
  });

  it('keeps an id sent without data for the next reconnection', () => {
    const parser = new EventStreamParser('1');
    expect(parser.push('id: 9\n\n')).toEqual([]);
    expect(parser.lastEventId).toBe('9');
  });
});

describe('openEventStream', () => {
  it('reconnects after the server ends the stream, sending Last-Event-ID, with credentials', async () => {
    const server = await sseServer((_req, res, connection) => {
      open(res);
      if (connection === 1) {
        // Then the server ends the stream (as it does when it shuts down).
        res.end('id: 1\nevent: a\ndata: {}\n\nid: 2\nevent: b\ndata: {}\n\n');
      } else {
        res.write('id: 3\nevent: c\ndata: {}\n\n');
      }
    });
    const reconnects: unknown[] = [];
    try {
      const events = await take(
        openEventStream('/stream', {
          baseUrl: server.baseUrl,
          token: async () => 'tok',
          reconnectDelayMs: 1,
          onReconnect: (info) => reconnects.push(info.lastEventId),
        }),
        3,
      );
      expect(events.map((e) => [e.type, e.id])).toEqual([
        ['a', '1'],
        ['b', '2'],
        ['c', '3'],
      ]);
      expect(server.requests.map((r) => r.headers['last-event-id'])).toEqual([undefined, '2']);
      expect(server.requests.every((r) => r.headers.authorization === 'Bearer tok')).toBe(true);
      expect(server.requests[0].headers.accept).toBe('text/event-stream');
      expect(reconnects).toEqual(['2']);
    } finally {
      await server.close();
    }
  });

  it('resumes from a given lastEventId, reconnects after 503 and after a silent connection', async () => {
    const server = await sseServer((_req, res, connection) => {
      if (connection === 1) {
        res.writeHead(503, { 'Content-Type': 'application/problem+json' });
        res.end(JSON.stringify({ type: 'x/unavailable', title: 'Unavailable', status: 503 }));
      } else if (connection === 2) {
        open(res);
        res.write('id: 11\nevent: a\ndata: 1\n\n'); // then silence: the idle timer must reopen it
      } else {
        open(res);
        res.write('id: 12\nevent: b\ndata: 2\n\n');
      }
    });
    try {
      const events = await take(
        openEventStream('/stream', {
          baseUrl: `${server.baseUrl}/`,
          apiKey: 'qm_key',
          lastEventId: '10',
          reconnectDelayMs: 1,
          idleTimeoutMs: 200,
        }),
        2,
      );
      expect(events.map((e) => e.data)).toEqual(['1', '2']);
      expect(server.requests.map((r) => r.headers['last-event-id'])).toEqual(['10', '10', '11']);
      expect(server.requests[0].headers['x-api-key']).toBe('qm_key');
    } finally {
      await server.close();
    }
  });

  it('throws a ProblemError without reconnecting when the stream is refused', async () => {
    const server = await sseServer((_req, res) => {
      res.writeHead(403, { 'Content-Type': 'application/problem+json' });
      res.end(JSON.stringify({ type: 'https://x/problems/insufficient-scope', title: 'Forbidden', status: 403 }));
    });
    try {
      const error = await take(openEventStream('/stream', { baseUrl: server.baseUrl, reconnectDelayMs: 1 }), 1).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ProblemError);
      expect(error).toMatchObject({ status: 403, slug: 'insufficient-scope' });
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('gives up after maxReconnects consecutive failures', async () => {
    const server = await sseServer((_req, res) => {
      res.writeHead(503);
      res.end();
    });
    try {
      const stream = openEventStream('/stream', { baseUrl: server.baseUrl, reconnectDelayMs: 1, maxReconnects: 2 });
      await expect(take(stream, 1)).rejects.toMatchObject({ status: 503 });
      expect(server.requests).toHaveLength(3);
    } finally {
      await server.close();
    }
  });

  it('ends quietly when the signal aborts', async () => {
    const controller = new AbortController();
    const server = await sseServer((_req, res) => {
      open(res);
      res.write('event: a\ndata: x\n\n');
    });
    try {
      const seen: string[] = [];
      for await (const event of openEventStream('/stream', { baseUrl: server.baseUrl, signal: controller.signal })) {
        seen.push(event.data);
        controller.abort();
      }
      expect(seen).toEqual(['x']);
    } finally {
      await server.close();
    }
  });
});

describe('biddingEvents', () => {
  it("reads an org's auction events, typed, without heartbeats", async () => {
    const server = await sseServer((_req, res) => {
      open(res);
      res.write('event: heartbeat\nid: 1\ndata: {}\n\n');
      res.write(
        `event: outbid\nid: 2\ndata: ${JSON.stringify({ sessionId: 's1', itemName: 'Cloak', userId: 'u1', leadingAmount: '12.00' })}\n\n`,
      );
    });
    try {
      for await (const event of biddingEvents({ baseUrl: server.baseUrl, apiKey: 'k', org: 'my guild' })) {
        expect(event.type).toBe('outbid');
        if (event.type === 'outbid') expect(event.data.leadingAmount).toBe('12.00');
        expect(event.id).toBe('2');
        break;
      }
      expect(server.requests[0].url).toBe('/api/v1/orgs/my%20guild/dkp/bidding/events');
    } finally {
      await server.close();
    }
  });
});
