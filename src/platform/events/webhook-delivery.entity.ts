import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OutboxEvent } from './outbox-event.entity';
import { WebhookSubscription } from './webhook-subscription.entity';

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/**
 * One event to deliver to one subscription, and the log of trying. The unique (subscription,
 * event) pair makes fan-out idempotent; the row id is sent as `X-Quartermaster-Delivery` on
 * every attempt, so receivers can drop a redelivery. While an attempt is in flight,
 * `nextAttemptAt` is a lease in the future: if the worker dies, the row becomes due again.
 */
@Entity('webhook_deliveries')
@Index('uq_webhook_deliveries_subscription_event', ['subscriptionId', 'eventId'], { unique: true })
@Index('ix_webhook_deliveries_due', ['status', 'nextAttemptAt'])
@Index('ix_webhook_deliveries_log', ['subscriptionId', 'createdAt'])
@Index('ix_webhook_deliveries_event', ['eventId'])
export class WebhookDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  orgId: string;

  @Column('uuid')
  subscriptionId: string;

  @Column('uuid')
  eventId: string;

  @Column('varchar', { length: 100 })
  eventType: string;

  @Column('varchar', { length: 16, default: 'pending' })
  status: WebhookDeliveryStatus;

  /** Attempts whose outcome was recorded. */
  @Column('int', { default: 0 })
  attempts: number;

  /** When a pending delivery is next due (or its lease ends); null once delivered or failed. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  nextAttemptAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastAttemptAt: Date | null;

  @Column('int', { nullable: true })
  lastStatusCode: number | null;

  @Column('varchar', { length: 500, nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  deliveredAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  // Declared for their foreign keys only; code reads the id columns.
  @ManyToOne(() => WebhookSubscription, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscription_id' })
  private readonly subscription?: WebhookSubscription;

  @ManyToOne(() => OutboxEvent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  private readonly event?: OutboxEvent;
}
