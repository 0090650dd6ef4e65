import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxEvent } from './outbox-event.entity';

export interface DomainEvent {
  orgId: string;
  /** Dotted name, e.g. `dkp.member.rank_changed`; webhook subscriptions match on it. */
  type: string;
  payload: Record<string, unknown>;
}

/**
 * How contexts announce what happened. Pass the transaction of the change: the event is stored
 * with it, so no committed change goes unannounced and no rolled-back one is announced.
 */
@Injectable()
export class DomainEvents {
  async record(tx: EntityManager, event: DomainEvent): Promise<void> {
    await tx.save(OutboxEvent, tx.create(OutboxEvent, { orgId: event.orgId, type: event.type, payload: event.payload }));
  }
}
