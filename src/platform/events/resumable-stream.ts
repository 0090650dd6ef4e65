import { filter, interval, Observable } from 'rxjs';
import type { EventLog, ReplayResult } from './event-log';

/** An event as it travels between publishers and open streams; `id` once it is in the log. */
export interface LiveEvent {
  topic: string;
  type: string;
  data: Record<string, unknown>;
  id?: string;
}

/**
 * What a server-sent events endpoint returns for each message. Every message carries an id
 * (the client's position, repeated on heartbeats): Nest would otherwise number the messages of
 * each connection from 1, and a client would send that number back as its Last-Event-ID.
 */
export interface SseMessage {
  id: string;
  type?: string;
  data?: Record<string, unknown>;
  retry?: number;
}

export interface ResumableStreamOptions {
  topic: string;
  /** Every event published, of all topics, as it happens. */
  live: Observable<LiveEvent>;
  log: EventLog;
  /** The client's Last-Event-ID: the events after it are replayed first. */
  lastEventId?: string;
  heartbeatMs: number;
  /** Sent as `retry:` first, so clients come back quickly enough to stay within the replay window. */
  retryMs: number;
  onReadError?: (error: unknown) => void;
}

/**
 * One client's stream of a topic: `retry:`, then the events after its Last-Event-ID (or a
 * `reset` event when they cannot all be replayed: its id too old or unknown, or the log
 * unreachable), then live events, with a heartbeat. Live events that arrive while the log is
 * read wait, and any the replay already covered are skipped, so none is lost or sent twice.
 */
export function resumableStream(options: ResumableStreamOptions): Observable<SseMessage> {
  const { topic, log, lastEventId } = options;
  return new Observable<SseMessage>((subscriber) => {
    let cursor = lastEventId;
    let pending: LiveEvent[] | undefined = [];
    const send = (message: Omit<SseMessage, 'id'>) => subscriber.next({ ...message, id: cursor ?? '' });
    const deliver = (event: { id?: string; type: string; data: Record<string, unknown> }) => {
      if (event.id !== undefined) {
        const order = cursor === undefined ? false : log.compare(event.id, cursor);
        if (order !== false && order <= 0) return;
        cursor = event.id;
      }
      send({ type: event.type, data: event.data });
    };
    const subscription = options.live
      .pipe(filter((e) => e.topic === topic))
      .subscribe((e) => (pending ? pending.push(e) : deliver(e)));
    subscription.add(interval(options.heartbeatMs).subscribe(() => send({ type: 'heartbeat', data: {} })));
    const start = (result: ReplayResult) => {
      if (subscriber.closed) return;
      if (lastEventId === undefined || 'reset' in result) cursor = result.head;
      send({ retry: options.retryMs });
      if ('reset' in result) send({ type: 'reset', data: resetData(result.reset) });
      else result.events.forEach(deliver);
      pending?.forEach(deliver);
      pending = undefined;
    };
    log.read(topic, lastEventId).then(start, (error: unknown) => {
      options.onReadError?.(error);
      start(lastEventId === undefined ? { events: [] } : { reset: 'unavailable' });
    });
    return subscription;
  });
}

function resetData(reason: string): Record<string, unknown> {
  return {
    reason,
    detail: 'The events since Last-Event-ID cannot be replayed: refetch the state, then follow this stream',
  };
}
