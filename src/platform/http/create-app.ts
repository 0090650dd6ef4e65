import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import cors from '@fastify/cors';
import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Injectable,
  Logger,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { LogController, type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import type { DestinationStream, Logger as Pino } from 'pino';
import { AppConfig } from '../config/app-config';
import { PLATFORM_ROUTE_INTERCEPTORS } from '../platform.module';
import { createPinoLogger, installRequestLogging, QuartermasterLogger } from './logger';
import { buildOpenApiDocument } from './openapi';
import { ROOT_ROUTES } from './root.controller';
import { installJsonBodyParser } from './json-body';
import { defaultProblem } from './problem';
import { applyRouteInterceptors } from './route-interceptors';
import { serverLimits } from './server-limits';

export const API_PREFIX = 'api/v1';
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The app's root module (`AppModule`): the platform plus the contexts, built for one config. */
export interface RootModule {
  forRoot(config: AppConfig): DynamicModule;
}

/**
 * Builds the Fastify-based Nest app with every HTTP convention: prefix, body limit, request ids
 * echoed in `X-Request-Id`, helmet headers, CORS allow-list, a JSON parser that refuses deeply
 * nested bodies, Swagger UI at /docs (when DOCS_ENABLED).
 * Used by main.ts, the tests and the OpenAPI generator alike, so they all see one app. They pass
 * the root module (`AppModule`), since the platform never imports the app.
 */
export async function createApp(
  root: RootModule,
  config: AppConfig,
  options: { preview?: boolean; logDestination?: DestinationStream } = {},
): Promise<NestFastifyApplication> {
  const logger = createPinoLogger(config, options.logDestination);
  const rootModule = withShutdownLog(root, config);
  await applyRouteInterceptors(rootModule, PLATFORM_ROUTE_INTERCEPTORS);
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, fastifyAdapter(config, logger), {
    logger: new QuartermasterLogger(logger),
    preview: options.preview,
    abortOnError: false,
    // JSON only: Fastify's own JSON parser (bodyLimit, prototype-poisoning checks) and nothing
    // else, so any other content type is a 415 instead of a body the DTOs half-understand.
    bodyParser: false,
  });
  app.setGlobalPrefix(API_PREFIX, { exclude: ROOT_ROUTES });
  app.enableShutdownHooks();
  await installHttpConventions(app, config);
  // Production hides the docs unless DOCS_ENABLED says otherwise (AppConfig.docsEnabled).
  if (!options.preview && config.docsEnabled) {
    SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
      jsonDocumentUrl: 'docs/openapi.json',
      yamlDocumentUrl: 'docs/openapi.yaml',
      customSiteTitle: 'Quartermaster API',
      // An admin's working setup: the token survives a reload, a filter box over 150 operations,
      // `x-access` (who may call) and request timings shown, tags in openapi-tags.ts order.
      swaggerOptions: {
        persistAuthorization: true,
        filter: true,
        showExtensions: true,
        displayRequestDuration: true,
        deepLinking: true,
        operationsSorter: 'alpha',
        docExpansion: 'list',
        defaultModelsExpandDepth: 0,
      },
    });
  }
  return app;
}

/** The root module plus the shutdown log, so that every app createApp builds says when it closes. */
function withShutdownLog(root: RootModule, config: AppConfig) {
  @Module({ imports: [root.forRoot(config)], providers: [ShutdownLog] })
  class LoggedAppModule {}
  return LoggedAppModule;
}

/**
 * Says when the app starts closing (and which signal asked) and when it has closed. It belongs to
 * the root module, whose shutdown hooks Nest runs last: "closed" follows the database's close.
 */
@Injectable()
class ShutdownLog implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Shutdown');
  private started = 0;

  beforeApplicationShutdown(signal?: string): void {
    this.started = Date.now();
    this.logger.log(
      `${signal ? `${signal} received: closing` : 'Closing'} (in-flight requests, jobs, database connections)`,
    );
  }

  onApplicationShutdown(): void {
    this.logger.log(`Closed in ${Date.now() - this.started} ms`);
  }
}

/** The Fastify server: body limit, TRUST_PROXY and timeouts, request ids, problem+json for router errors. */
function fastifyAdapter(config: AppConfig, logger: Pino): FastifyAdapter {
  return new FastifyAdapter({
    // Fastify's logger: its own errors, and each request's logger (`request.log`, bound to its reqId),
    // which the request lines and the logs written during a request use (installRequestLogging).
    loggerInstance: logger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.BODY_LIMIT_BYTES,
    // TRUST_PROXY, timeouts and problem+json for Node's own 400/408/414/431 answers.
    ...serverLimits(config),
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    // Errors Fastify's router raises before Nest sees the request (malformed URL encoding, a
    // path parameter over maxParamLength) are problem+json too.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
      void reply
        .status(status)
        .header('Content-Type', 'application/problem+json; charset=utf-8')
        .header('X-Request-Id', request.id)
        .send({
          ...defaultProblem(status),
          status,
          detail: error.message,
          instance: request.url.split('?')[0],
          requestId: request.id,
        });
    },
  });
}

const HELMET_OPTIONS: Readonly<HelmetOptions> = {
  // Swagger UI needs inline styles and scripts; the API itself serves only JSON.
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", "'unsafe-inline'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
    },
  },
};

/** The headers helmet sets with these options (none depends on the request: no nonces, no functions). */
function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: unknown) => void (headers[name] = String(value)),
    // Helmet removes X-Powered-By, which Fastify never sets.
    removeHeader: () => undefined,
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  return headers;
}

/** Body parsing (JSON only, depth-limited), the request-id echo, helmet headers and the CORS allow-list. */
async function installHttpConventions(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeContentTypeParser('text/plain');
  installJsonBodyParser(fastify);
  installRequestLogging(fastify);
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
  });
  // helmet's headers, computed once: @fastify/helmet rebuilt helmet's middlewares from its options
  // (CSP parsing included) in two hooks on every request, a measured share of a read's CPU
  // (bench/RESULTS.md). The options are static, so are the headers; they are set on the raw
  // response as helmet sets them, so error replies carry them too.
  const securityHeaders = Object.entries(helmetHeaders(HELMET_OPTIONS));
  fastify.addHook('onRequest', (request, reply, done) => {
    for (const [name, value] of securityHeaders) reply.raw.setHeader(name, value);
    done();
  });
  await app.register(cors, {
    origin: config.CORS_ORIGINS.length ? config.CORS_ORIGINS : false,
    exposedHeaders: ['X-Request-Id', 'Idempotent-Replayed', 'Retry-After'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-API-Key', 'Idempotency-Key', 'X-Request-Id'],
  });
}
