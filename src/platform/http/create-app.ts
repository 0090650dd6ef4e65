import { randomUUID } from 'node:crypto';
import helmet from '@fastify/helmet';
import cors from '@fastify/cors';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { createPinoLogger, PinoNestLogger } from './logger';
import { buildOpenApiDocument } from './openapi';
import { installJsonBodyParser } from './json-body';
import { defaultProblem } from './problem';
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
  options: { preview?: boolean } = {},
): Promise<NestFastifyApplication> {
  const logger = createPinoLogger(config);
  const app = await NestFactory.create<NestFastifyApplication>(root.forRoot(config), fastifyAdapter(config, logger), {
    logger: new PinoNestLogger(logger),
    preview: options.preview,
    abortOnError: false,
    // JSON only: Fastify's own JSON parser (bodyLimit, prototype-poisoning checks) and nothing
    // else, so any other content type is a 415 instead of a body the DTOs half-understand.
    bodyParser: false,
  });
  app.setGlobalPrefix(API_PREFIX);
  app.enableShutdownHooks();
  await installHttpConventions(app, config);
  // Production hides the docs unless DOCS_ENABLED says otherwise (AppConfig.docsEnabled).
  if (!options.preview && config.docsEnabled) {
    SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
      jsonDocumentUrl: 'docs/openapi.json',
      yamlDocumentUrl: 'docs/openapi.yaml',
      customSiteTitle: 'Quartermaster API',
    });
  }
  return app;
}

/** The Fastify server: body limit, TRUST_PROXY and timeouts, request ids, problem+json for router errors. */
function fastifyAdapter(config: AppConfig, logger: ReturnType<typeof createPinoLogger>): FastifyAdapter {
  return new FastifyAdapter({
    loggerInstance: logger,
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

/** Body parsing (JSON only, depth-limited), the request-id echo, helmet headers and the CORS allow-list. */
async function installHttpConventions(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeContentTypeParser('text/plain');
  installJsonBodyParser(fastify);
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
  });
  await app.register(helmet, {
    // Swagger UI needs inline styles and scripts; the API itself serves only JSON.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  await app.register(cors, {
    origin: config.CORS_ORIGINS.length ? config.CORS_ORIGINS : false,
    exposedHeaders: ['X-Request-Id', 'Idempotent-Replayed', 'Retry-After'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-API-Key', 'Idempotency-Key', 'X-Request-Id'],
  });
}
