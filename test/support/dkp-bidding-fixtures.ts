import { randomInt } from 'node:crypto';
import { createGuild, Guild } from './dkp-fixtures';
import { HttpResult } from './http';
import { TestApp, TestUser, unique } from './test-app';

/**
 * Live-auction fixtures on top of the DKP guild: pools with auction rules, members with points
 * and a linked Discord id, sessions and bids through the HTTP API.
 */

export interface Bidder extends TestUser {
  discordId: string;
}

export interface BiddingGuild extends Guild {
  /** Bot key of this org with dkp:bidding. */
  biddingBotKey: string;
  /** A pool with the given auction settings (defaults for the rest). */
  auctionPool(rules?: Record<string, unknown>): Promise<{ id: string; name: string }>;
  /** Gives `amount` points to `user` in `poolId` (an officer's adjustment). */
  give(user: TestUser | string, poolId: string, amount: string): Promise<void>;
  /** Links a Discord id to `user` (directly in the database) and returns it. */
  link(user: TestUser): Promise<Bidder>;
  /** A fresh member with a Discord id and `points` in `poolId`. */
  bidder(poolId: string, points?: string, tier?: string): Promise<Bidder>;
  /** Starts a session as the officer. */
  start(body: Record<string, unknown>): Promise<any>;
  /** Places a bid; `who` defaults to the bidder themselves. */
  bid(
    sessionId: string,
    who: TestUser | { apiKey: string },
    body: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<HttpResult>;
  detail(sessionId: string, who?: TestUser | { apiKey: string }): Promise<any>;
  close(sessionId: string): Promise<HttpResult>;
  award(sessionId: string, headers?: Record<string, string>): Promise<HttpResult>;
  /** The user's ledger rows (newest first) in the org, all pools. */
  ledger(user: TestUser | string): Promise<any[]>;
}

/** A unique, valid Discord snowflake (18 digits). */
export function discordId(): string {
  return `9${Date.now().toString().slice(-8)}${String(randomInt(0, 1e9)).padStart(9, '0')}`;
}

export async function createBiddingGuild(t: TestApp): Promise<BiddingGuild> {
  const g = (await createGuild(t)) as BiddingGuild;
  g.biddingBotKey = (await g.org.addBotKey(['dkp:bidding'], 'auction bot')).key;
  g.auctionPool = (rules = {}) => g.ok(g.owner, 'POST', '/pools', { body: { name: unique('Auction'), ...rules } });
  g.give = async (user, poolId, amount) => {
    await g.ok(g.officer, 'POST', '/points/adjustments', {
      body: { userId: typeof user === 'string' ? user : user.id, poolId, amount, reason: 'auction test seed' },
    });
  };
  g.link = async (user) => {
    const id = discordId();
    await t.db.query('UPDATE users SET discord_id=$1 WHERE id=$2', [id, user.id]);
    return Object.assign(user, { discordId: id });
  };
  g.bidder = async (poolId, points = '100', tier = 'member') => {
    const u = await g.link(await g.newMember(tier));
    if (Number(points) > 0) await g.give(u, poolId, points);
    return u;
  };
  g.start = (body) => g.ok(g.officer, 'POST', '/bidding/sessions', { body: { itemName: unique('Item'), ...body } });
  g.bid = (sessionId, who, body, headers) =>
    g.call(who, 'POST', `/bidding/sessions/${sessionId}/bids`, { body, headers });
  g.detail = (sessionId, who = g.officer) => g.ok(who, 'GET', `/bidding/sessions/${sessionId}`);
  g.close = (sessionId) => g.call(g.officer, 'POST', `/bidding/sessions/${sessionId}/close`);
  g.award = (sessionId, headers) => g.call(g.officer, 'POST', `/bidding/sessions/${sessionId}/award`, { headers });
  g.ledger = async (user) => {
    const page = await g.ok(g.owner, 'GET', `/points/users/${typeof user === 'string' ? user : user.id}/history`, {
      query: { limit: 100 },
    });
    return page.items;
  };
  return g;
}

/** Cents of a two-place decimal string. */
export const cents = (s: string | number) => Math.round(Number(s) * 100);

/** A parsed server-sent event. */
export interface SseEvent {
  event: string;
  data: any;
}

/**
 * Opens `GET url` as an event stream with fetch and collects its events. `next(predicate)` waits
 * for the first event (not yet consumed) matching it; `close()` aborts the request.
 */
export async function openEventStream(url: string, headers: Record<string, string>) {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  const events: SseEvent[] = [];
  const waiters: (() => void)[] = [];
  let ended = false;
  const pump = (async () => {
    if (!response.ok || !response.body) return;
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let sep: number;
        while ((sep = buffer.search(/\r?\n\r?\n/)) >= 0) {
          const block = buffer.slice(0, sep);
          buffer = buffer.slice(sep).replace(/^\r?\n\r?\n/, '');
          let event = 'message';
          const data: string[] = [];
          for (const line of block.split(/\r?\n/)) {
            if (line.startsWith('event:')) event = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
          }
          if (!data.length && event === 'message') continue;
          let parsed: unknown = data.join('\n');
          try {
            parsed = JSON.parse(parsed as string);
          } catch {
            // keep text
          }
          events.push({ event, data: parsed });
          waiters.splice(0).forEach((w) => w());
        }
      }
    } catch {
      // aborted
    } finally {
      ended = true;
      waiters.splice(0).forEach((w) => w());
    }
  })();
  let consumed = 0;
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    events,
    /** Waits for the next unconsumed event matching `predicate` (skipping heartbeats), up to `ms`. */
    async next(predicate: (e: SseEvent) => boolean = (e) => e.event !== 'heartbeat', ms = 5000): Promise<SseEvent> {
      const deadline = Date.now() + ms;
      for (;;) {
        for (let i = consumed; i < events.length; i++) {
          if (predicate(events[i])) {
            consumed = i + 1;
            return events[i];
          }
        }
        if (ended) throw new Error(`stream ended; events so far: ${JSON.stringify(events)}`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no matching event within ${ms} ms; events so far: ${JSON.stringify(events)}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    async close(): Promise<void> {
      controller.abort();
      await pump;
    },
  };
}
