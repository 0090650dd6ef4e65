import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { OutboxEvent } from './outbox-event.entity';

/** Events per INSERT: keeps a bulk load under Postgres' 65,535 bind parameters. */
const INSERT_CHUNK = 2000;

export interface DomainEvent {
  orgId: string;
  /** Dotted name, e.g. `dkp.member.rank_changed`; webhook subscriptions match on it. */
  type: string;
  /**
   * The id of the aggregate the event is about (an application id, a user id for
   * `platform.member.*`). Webhook deliveries of events with the same org and subject arrive in
   * the order the events were recorded: a delivery waits while an earlier one about the same
   * subject is still pending for that subscription. Record such events while holding the
   * subject's row lock (as any change of it does), so recording order is commit order.
   * Omit it for events that need no ordering; they are delivered independently.
   */
  subjectId?: string | null;
  payload: Record<string, unknown>;
}

/**
 * How contexts announce what happened. Pass the transaction of the change: the event is stored
 * with it, so no committed change goes unannounced and no rolled-back one is announced.
 */
@Injectable()
export class DomainEvents {
  async record(tx: EntityManager, event: DomainEvent): Promise<void> {
    await this.recordAll(tx, [event]);
  }

  /** Several events in one INSERT, in order (bulk loads announce each row). */
  async recordAll(tx: EntityManager, events: DomainEvent[]): Promise<void> {
    for (let start = 0; start < events.length; start += INSERT_CHUNK) {
      const rows = events.slice(start, start + INSERT_CHUNK);
      await tx.insert(
        OutboxEvent,
        rows.map((event) =>
          tx.create(OutboxEvent, {
            orgId: event.orgId,
            type: event.type,
            subjectId: event.subjectId ?? null,
            payload: event.payload,
          }),
        ) as QueryDeepPartialEntity<OutboxEvent>[],
      );
    }
  }
}
