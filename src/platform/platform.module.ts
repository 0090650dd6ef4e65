import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditInterceptor } from './audit/audit.interceptor';
import { AuditModule } from './audit/audit.module';
import { AccessGuard } from './auth/access.guard';
import { AuthModule } from './auth/auth.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import type { ContextDefinition } from './contexts/context-definition';
import { CONTEXT_DEFINITIONS, enabledContexts, registerContexts } from './contexts/contexts';
import { DatabaseModule } from './database/database.module';
import { CommunicationsOutboxRelay } from './events/communications-outbox-relay';
import { DomainEvents } from './events/domain-events';
import { FilesModule } from './files/files.module';
import { LiveEvents } from './events/live-events';
import { OutboxDispatcher } from './events/outbox-dispatcher';
import { OutboxEvent } from './events/outbox-event.entity';
import { WebhookDeliverer } from './events/webhook-deliverer';
import { WebhookTargetResolver } from './events/webhook-transport';
import { WebhookDelivery } from './events/webhook-delivery.entity';
import { WebhookSubscription } from './events/webhook-subscription.entity';
import { WebhooksController } from './events/webhooks.controller';
import { WebhooksService } from './events/webhooks.service';
import { HealthModule } from './health/health.module';
import { IdempotencyInterceptor, isIdempotent } from './http/idempotency';
import { isMutation, type RouteInterceptorRule } from './http/route-interceptors';
import { JobsModule } from './jobs/jobs.module';
import { MailModule } from './mail/mail.module';
import { IdempotencyRecord } from './http/idempotency-record.entity';
import { ProblemFilter } from './http/problem.filter';
import { RateLimitGuard } from './http/rate-limit';
import { DocumentNumbers } from './numbering/document-numbers';
import { strictValidationPipe } from './http/validation';
import { RedisModule } from './redis/redis.module';
import { AVAILABLE_CONTEXTS } from './tenancy/available-contexts';
import { TenancyModule } from './tenancy/tenancy.module';

/**
 * The platform's interceptors and the routes they wrap, outermost first: `createApp` applies them
 * per route (`applyRouteInterceptors`), so that reads run without any. Idempotency outside audit:
 * a replayed response is not audited a second time.
 */
export const PLATFORM_ROUTE_INTERCEPTORS: readonly RouteInterceptorRule[] = [
  { interceptor: IdempotencyInterceptor, appliesTo: ({ handler }) => isIdempotent(handler) },
  { interceptor: AuditInterceptor, appliesTo: isMutation },
];

/**
 * The shared kernel: configuration, database, identity, tenancy, audit, HTTP conventions and
 * health. Guards run in order: access (authenticate + authorize), then the rate limit, which
 * can then count per credential. Interceptors (`PLATFORM_ROUTE_INTERCEPTORS`, on the routes that
 * need them): idempotency outside audit, so a replay is not audited twice.
 *
 * The app hands it every context's definition (`contexts`, from src/contexts/index.ts): the
 * platform registers their grants and offers orgs the enabled ones (`AVAILABLE_CONTEXTS`, names;
 * `CONTEXT_DEFINITIONS`, definitions). Loading the enabled contexts' modules is the app's part.
 */
@Module({})
export class PlatformModule {
  static forRoot(options: { config: AppConfig; contexts: readonly ContextDefinition[] }): DynamicModule {
    registerContexts(options.contexts);
    const enabled = enabledContexts(options.contexts, options.config);
    return {
      module: PlatformModule,
      global: true,
      imports: [
        ConfigModule.forRoot(options.config),
        RedisModule,
        DatabaseModule,
        TypeOrmModule.forFeature([IdempotencyRecord, OutboxEvent, WebhookSubscription, WebhookDelivery]),
        AuthModule,
        TenancyModule,
        AuditModule,
        HealthModule,
        JobsModule,
        MailModule,
        FilesModule,
      ],
      controllers: [WebhooksController],
      providers: [
        LiveEvents,
        DomainEvents,
        DocumentNumbers,
        WebhooksService,
        OutboxDispatcher,
        CommunicationsOutboxRelay,
        WebhookDeliverer,
        WebhookTargetResolver,
        { provide: AVAILABLE_CONTEXTS, useValue: enabled.map((context) => context.name) },
        { provide: CONTEXT_DEFINITIONS, useValue: enabled },
        { provide: APP_PIPE, useFactory: strictValidationPipe },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_GUARD, useExisting: AccessGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
      ],
      exports: [
        DocumentNumbers,
        AVAILABLE_CONTEXTS,
        CONTEXT_DEFINITIONS,
        LiveEvents,
        DomainEvents,
        AuthModule,
        TenancyModule,
        AuditModule,
        FilesModule,
      ],
    };
  }
}
