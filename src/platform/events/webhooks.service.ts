import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { randomSecret } from '../auth/secrets';
import { AppConfig } from '../config/app-config';
import { findInOrg } from '../database/org-scoped';
import { withTransaction } from '../database/transactions';
import { keysetPage, newestFirst, Page, timeAndId } from '../http/pagination';
import { Problem } from '../http/problem';
import {
  CreateWebhookDto,
  ListWebhookDeliveriesQueryDto,
  UpdateWebhookDto,
  WebhookDeliveryDto,
  WebhookDto,
  WebhookWithSecretDto,
} from './dto/webhook.dto';
import { OutboxEvent } from './outbox-event.entity';
import { WebhookDelivery } from './webhook-delivery.entity';
import { PING_EVENT_TYPE, unknownPlatformEventTypes } from './webhook-event-types';
import { WebhookSubscription } from './webhook-subscription.entity';
import { registrationRefusal } from './webhook-target-guard';
import { WebhookTargetResolver } from './webhook-transport';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function toWebhookDto(s: WebhookSubscription): WebhookDto {
  return {
    id: s.id,
    url: s.url,
    eventTypes: s.eventTypes,
    active: s.active,
    description: s.description,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

export function toWebhookDeliveryDto(d: WebhookDelivery): WebhookDeliveryDto {
  return {
    id: d.id,
    subscriptionId: d.subscriptionId,
    eventId: d.eventId,
    eventType: d.eventType,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt : null,
    lastAttemptAt: d.lastAttemptAt,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    deliveredAt: d.deliveredAt,
    createdAt: d.createdAt,
  };
}

/** A subscription's signing secret: `whsec_` and 32 random bytes. */
function newSecret(): string {
  return `whsec_${randomSecret(32)}`;
}

/** Org admins' webhook subscriptions and their delivery logs. */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly resolver: WebhookTargetResolver,
  ) {}

  async create(orgId: string, dto: CreateWebhookDto): Promise<WebhookWithSecretDto> {
    const url = await this.checkTarget(dto.url);
    this.checkEventTypes(dto.eventTypes);
    const repo = this.db.getRepository(WebhookSubscription);
    const saved = await repo.save(
      repo.create({
        orgId,
        url,
        eventTypes: dto.eventTypes,
        active: dto.active ?? true,
        description: dto.description ?? '',
        secret: newSecret(),
      }),
    );
    return { ...toWebhookDto(saved), secret: saved.secret };
  }

  async list(orgId: string, limit: number, cursor?: string): Promise<Page<WebhookDto>> {
    const qb = this.db.getRepository(WebhookSubscription).createQueryBuilder('s').where('s.org_id = :orgId', { orgId });
    const rows = await newestFirst(qb, 's.created_at', 's.id', { limit, cursor }).getMany();
    return keysetPage(rows, limit, (s) => timeAndId(s.createdAt, s.id), toWebhookDto);
  }

  get(orgId: string, id: string): Promise<WebhookSubscription> {
    return findInOrg(this.db.manager, WebhookSubscription, orgId, id, 'Webhook');
  }

  async update(orgId: string, id: string, dto: UpdateWebhookDto): Promise<WebhookDto> {
    // Checked (and maybe resolved) before the row is locked.
    const url = typeof dto.url === 'string' ? await this.checkTarget(dto.url) : undefined;
    return withTransaction(this.db, async (tx) => {
      const nulls = (['url', 'eventTypes', 'active', 'description'] as const).filter((k) => dto[k] === null);
      if (nulls.length)
        throw Problem.validation(
          nulls.map((path) => ({ path, message: `${path} cannot be null; omit it to keep the current value` })),
        );
      const s = await findInOrg(tx, WebhookSubscription, orgId, id, 'Webhook', { lock: true });
      if (url !== undefined) s.url = url;
      if (dto.eventTypes !== undefined) s.eventTypes = this.checkEventTypes(dto.eventTypes);
      if (dto.active !== undefined) s.active = dto.active;
      if (dto.description !== undefined) s.description = dto.description;
      return toWebhookDto(await tx.save(WebhookSubscription, s));
    });
  }

  /** Deletes the subscription and its delivery log; nothing more is sent to it. */
  async remove(orgId: string, id: string): Promise<void> {
    const result = await this.db.getRepository(WebhookSubscription).delete({ id, orgId });
    if (!result.affected) throw Problem.notFound('Webhook');
  }

  /** A new secret, effective at once: later attempts (including retries) are signed with it. */
  async rotateSecret(orgId: string, id: string): Promise<WebhookWithSecretDto> {
    return withTransaction(this.db, async (tx) => {
      const s = await findInOrg(tx, WebhookSubscription, orgId, id, 'Webhook', { lock: true });
      s.secret = newSecret();
      const saved = await tx.save(WebhookSubscription, s);
      return { ...toWebhookDto(saved), secret: saved.secret };
    });
  }

  async listDeliveries(orgId: string, id: string, q: ListWebhookDeliveriesQueryDto): Promise<Page<WebhookDeliveryDto>> {
    await this.get(orgId, id);
    const qb = this.db
      .getRepository(WebhookDelivery)
      .createQueryBuilder('d')
      .where('d.subscription_id = :id AND d.org_id = :orgId', { id, orgId });
    if (q.status) qb.andWhere('d.status = :status', { status: q.status });
    const rows = await newestFirst(qb, 'd.created_at', 'd.id', q).getMany();
    return keysetPage(rows, q.limit, (d) => timeAndId(d.createdAt, d.id), toWebhookDeliveryDto);
  }

  /** Puts a failed delivery back in the queue with a fresh set of attempts. */
  async retryDelivery(orgId: string, id: string, deliveryId: string): Promise<WebhookDeliveryDto> {
    return withTransaction(this.db, async (tx) => {
      await findInOrg(tx, WebhookSubscription, orgId, id, 'Webhook');
      const d = await tx.findOne(WebhookDelivery, {
        where: { id: deliveryId, subscriptionId: id, orgId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!d) throw Problem.notFound('Webhook delivery');
      if (d.status !== 'failed') {
        throw Problem.conflict(
          `Only failed deliveries can be retried; this one is ${d.status}`,
          'webhook-delivery-not-failed',
          { deliveryStatus: d.status },
        );
      }
      d.status = 'pending';
      d.attempts = 0;
      d.nextAttemptAt = new Date();
      return toWebhookDeliveryDto(await tx.save(WebhookDelivery, d));
    });
  }

  /**
   * Sends a `webhook.ping` event to this subscription only: an outbox event that is born
   * dispatched (so no other subscription gets it) plus its one delivery, in one transaction.
   */
  async ping(orgId: string, id: string): Promise<WebhookDeliveryDto> {
    return withTransaction(this.db, async (tx: EntityManager) => {
      const s = await findInOrg(tx, WebhookSubscription, orgId, id, 'Webhook');
      const now = new Date();
      const event = await tx.save(
        OutboxEvent,
        tx.create(OutboxEvent, {
          orgId,
          type: PING_EVENT_TYPE,
          payload: { webhookId: s.id, url: s.url },
          dispatchedAt: now,
        }),
      );
      const delivery = await tx.save(
        WebhookDelivery,
        tx.create(WebhookDelivery, {
          orgId,
          subscriptionId: s.id,
          eventId: event.id,
          eventType: event.type,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: now,
        }),
      );
      return toWebhookDeliveryDto(delivery);
    });
  }

  private checkEventTypes(eventTypes: string[]): string[] {
    const unknown = unknownPlatformEventTypes(eventTypes);
    if (unknown.length)
      throw Problem.validation(
        unknown.map((type) => ({ path: 'eventTypes', message: `${type} selects no platform event type` })),
      );
    return eventTypes;
  }

  /**
   * The URL's form (`checkUrl`) and, under the public-targets-only policy, its address: early
   * feedback for the admin; the binding check happens on every connection.
   */
  private async checkTarget(raw: string): Promise<string> {
    const url = this.checkUrl(raw);
    if (!this.config.webhookPublicTargetsOnly) return url;
    const refusal = await registrationRefusal(new URL(url), (hostname) => this.resolver.resolve(hostname));
    if (refusal) throw Problem.validation([{ path: 'url', message: refusal }]);
    return url;
  }

  /** https anywhere; http only to this machine and only outside production. */
  private checkUrl(raw: string): string {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw Problem.validation([{ path: 'url', message: 'url must be an absolute http(s) URL' }]);
    }
    if (url.username || url.password)
      throw Problem.validation([{ path: 'url', message: 'url must not contain credentials' }]);
    if (url.protocol === 'https:') return url.toString();
    if (url.protocol === 'http:' && !this.config.isProduction && LOCAL_HOSTS.has(url.hostname)) return url.toString();
    throw Problem.validation([
      { path: 'url', message: 'url must use https (http is allowed only for localhost outside production)' },
    ]);
  }
}
