import { authHeaders, type Credentials } from './auth';
import { ProblemError } from './problem-error';
import type { components } from './schema';

/** One server-sent event: its type (`message` when unnamed), raw data and the last event id. */
export interface ServerSentEvent {
  type: string;
  data: string;
  /** The stream's last event id when this event arrived (sent back as Last-Event-ID on reconnect). */
  id?: string;
}

/**
 * An incremental text/event-stream parser (WHATWG HTML, "event stream interpretation"): feed it
 * decoded text as it arrives; it returns the events completed so far.
 */
export class EventStreamParser {
  lastEventId: string | undefined;
  /** The reconnection time the server asked for (`retry:`), in milliseconds. */
  retryMs: number | undefined;
  private buffer = '';
  private type = '';
  private data: string[] = [];

  constructor(lastEventId?: string) {
    this.lastEventId = lastEventId;
  }

  push(text: string): ServerSentEvent[] {
    this.buffer += text;
    const events: ServerSentEvent[] = [];
    // A trailing \r may be the first half of \r\n: keep it until the next chunk.
    const lines = this.buffer.split(/\r\n|\n|\r(?!$)/);
    this.buffer = lines.pop() ?? '';
    for (const line of lines) {
      const event = this.line(line);
      if (event) events.push(event);
    }
    return events;
  }

  private line(line: string): ServerSentEvent | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.type = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.lastEventId = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.retryMs = Number(value);
    return undefined;
  }

  private dispatch(): ServerSentEvent | undefined {
    const event = this.data.length
      ? { type: this.type || 'message', data: this.data.join('\n'), id: this.lastEventId }
      : undefined;
    this.type = '';
    this.data = [];
    return event;
  }
}

export interface EventStreamOptions extends Credentials {
  /** Server origin, e.g. `http://localhost:3000`. */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Ends the stream (the iteration returns). */
  signal?: AbortSignal;
  /** Resume after this event id: sent as `Last-Event-ID` on the first connection too. */
  lastEventId?: string;
  /** Wait before reconnecting, doubled after each failed attempt; the server's `retry:` replaces it. Default 1 s. */
  reconnectDelayMs?: number;
  /** Upper bound of that wait. Default 30 s. */
  maxReconnectDelayMs?: number;
  /** Consecutive failed connection attempts before the error is thrown. Default: unlimited. */
  maxReconnects?: number;
  /** A connection silent this long (no event, no heartbeat, no comment) is dropped and reopened. Default 45 s; 0 for never. */
  idleTimeoutMs?: number;
  /**
   * Called before each reconnection. The server replays the events sent while disconnected; when
   * it no longer can (disconnected too long), the stream yields a `reset` event: refetch then.
   */
  onReconnect?: (info: { attempt: number; lastEventId?: string; error?: unknown }) => void;
}

/** Statuses after which reconnecting can succeed; any other error status ends the stream. */
const RECONNECT_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

async function problemOf(response: Response): Promise<ProblemError> {
  const text = await response.text().catch(() => '');
  let body: unknown = undefined;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: the status says enough
  }
  return new ProblemError(response.status, body);
}

/** One connection: yields its events until the server closes it, the idle timer fires or `abort`. */
async function* connection(
  url: string,
  options: EventStreamOptions,
  parser: EventStreamParser,
  controller: AbortController,
): AsyncGenerator<ServerSentEvent> {
  const headers: Record<string, string> = { Accept: 'text/event-stream', ...(await authHeaders(options)) };
  // An empty id (the server's way to say "no position yet") is not sent, as EventSource does.
  if (parser.lastEventId) headers['Last-Event-ID'] = parser.lastEventId;
  const response = await (options.fetch ?? globalThis.fetch)(url, { headers, signal: controller.signal });
  if (!response.ok || !response.body) throw await problemOf(response);
  const idleMs = options.idleTimeoutMs ?? 45_000;
  let idle: ReturnType<typeof setTimeout> | undefined;
  const touch = () => {
    clearTimeout(idle);
    if (idleMs > 0) idle = setTimeout(() => controller.abort(new Error('event stream idle')), idleMs);
  };
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  try {
    touch();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      touch();
      yield* parser.push(decoder.decode(value, { stream: true }));
    }
  } finally {
    clearTimeout(idle);
    reader.releaseLock();
  }
}

/**
 * Reads a server-sent events endpoint, reconnecting after network errors, server restarts,
 * 429/5xx answers and silent connections, with `Last-Event-ID` set to the last id received. Ends
 * when `signal` aborts or the consumer stops iterating; a 4xx other than 408/429 is thrown as a
 * `ProblemError`, as is the last failure once `maxReconnects` consecutive attempts failed.
 */
export async function* openEventStream(path: string, options: EventStreamOptions): AsyncGenerator<ServerSentEvent> {
  const url = `${options.baseUrl.replace(/\/$/, '')}${path}`;
  const parser = new EventStreamParser(options.lastEventId);
  const baseDelay = options.reconnectDelayMs ?? 1000;
  let failures = 0;
  for (let attempt = 0; !options.signal?.aborted; attempt++) {
    const controller = new AbortController();
    const stop = () => controller.abort(options.signal?.reason);
    options.signal?.addEventListener('abort', stop, { once: true });
    let error: unknown;
    try {
      for await (const event of connection(url, options, parser, controller)) {
        failures = 0;
        yield event;
      }
    } catch (caught) {
      if (options.signal?.aborted) return;
      if (caught instanceof ProblemError && !RECONNECT_STATUSES.has(caught.status)) throw caught;
      error = caught;
      failures += 1;
      if (failures > (options.maxReconnects ?? Infinity)) throw caught;
    } finally {
      options.signal?.removeEventListener('abort', stop);
      controller.abort();
    }
    const delay = (parser.retryMs ?? baseDelay) * 2 ** Math.max(0, failures - 1);
    await sleep(Math.min(delay, options.maxReconnectDelayMs ?? 30_000), options.signal);
    if (options.signal?.aborted) return;
    options.onReconnect?.({ attempt: attempt + 1, lastEventId: parser.lastEventId, error });
  }
}

type WinnerDto = components['schemas']['WinnerDto'];

/** The events of an org's auctions (`GET /api/v1/orgs/{org}/dkp/bidding/events`). */
export type BiddingEvent = { id?: string } & (
  | { type: 'session_started'; data: { session: components['schemas']['BidSessionDto'] } }
  | {
      type: 'bid_placed';
      /** Who bid and how much only in open auctions; sealed auctions hide them. */
      data: {
        sessionId: string;
        itemName: string;
        bidCount: number;
        closesAt: string;
        userId?: string;
        characterName?: string | null;
        amount?: string;
        leadingAmount?: string | null;
      };
    }
  | { type: 'outbid'; data: { sessionId: string; itemName: string; userId: string; leadingAmount: string | null } }
  | { type: 'session_closed'; data: { sessionId: string; itemName: string; winners: WinnerDto[] } }
  | { type: 'session_awarded'; data: { sessionId: string; itemName: string; winners: WinnerDto[] } }
  | { type: 'session_cancelled'; data: { sessionId: string; itemName: string } }
  /**
   * The events missed since the last id cannot be replayed (`unknown-id`, `too-old`, or
   * `unavailable`: the server's event log is unreachable): refetch the auctions you display.
   */
  | { type: 'reset'; data: { reason: 'unknown-id' | 'too-old' | 'unavailable'; detail: string } }
);

const BIDDING_EVENT_TYPES = new Set<string>([
  'session_started',
  'bid_placed',
  'outbid',
  'session_closed',
  'session_awarded',
  'session_cancelled',
  'reset',
]);

/**
 * The live auction events of an org, typed and reconnecting; heartbeats (which keep the idle
 * timer from firing) and event types this SDK version does not know are left out:
 * `for await (const e of biddingEvents({ baseUrl, apiKey, org: 'my-guild' })) if (e.type === 'outbid') ...`
 */
export async function* biddingEvents(options: EventStreamOptions & { org: string }): AsyncGenerator<BiddingEvent> {
  const path = `/api/v1/orgs/${encodeURIComponent(options.org)}/dkp/bidding/events`;
  for await (const event of openEventStream(path, options)) {
    if (!BIDDING_EVENT_TYPES.has(event.type)) continue;
    yield { type: event.type, data: JSON.parse(event.data), id: event.id } as BiddingEvent;
  }
}
