import { RequestMethod } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA, PATH_METADATA, SSE_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { ACCESS_POLICY, AccessPolicy } from '../../src/platform/auth/access.decorator';
import { API_PREFIX } from '../../src/platform/http/create-app';
import { ROOT_ROUTES } from '../../src/platform/http/root.controller';

export interface RouteInfo {
  method: string;
  /** Full path with Nest-style parameters, e.g. `/api/v1/orgs/:org/members/:userId`. */
  path: string;
  controller: string;
  handler: string;
  /** The effective @Access policy (handler over class), or undefined when none is declared. */
  policy: AccessPolicy | undefined;
  /** A server-sent events stream: it answers with headers, then stays open. */
  stream: boolean;
  /** The handler method itself (its metadata). */
  handlerFunction: (...args: unknown[]) => unknown;
  /** The handler's interceptors (class names), outermost first. */
  interceptors: string[];
}

const join = (...parts: string[]) =>
  '/' +
  parts
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');
const asList = (value: unknown): string[] => (Array.isArray(value) ? value : [value ?? '']).map(String);

/** Every route the app registered, read from the controllers' metadata as Nest itself does. */
export function listRoutes(app: INestApplication): RouteInfo[] {
  const discovery = app.get(DiscoveryService, { strict: false });
  const scanner = app.get(MetadataScanner, { strict: false });
  const reflector = app.get(Reflector, { strict: false });
  const routes: RouteInfo[] = [];
  for (const wrapper of discovery.getControllers()) {
    const metatype = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
    if (!metatype?.prototype) continue;
    const proto = metatype.prototype as Record<string, (...args: unknown[]) => unknown>;
    for (const controllerPath of asList(Reflect.getMetadata(PATH_METADATA, metatype))) {
      for (const name of scanner.getAllMethodNames(proto)) {
        const handler = proto[name];
        const methodPath = Reflect.getMetadata(PATH_METADATA, handler);
        if (methodPath === undefined) continue; // not a route handler
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const policy = reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [handler, metatype]);
        for (const p of asList(methodPath)) {
          routes.push({
            method,
            path: prefixed(method, join(controllerPath, p)),
            controller: metatype.name,
            handler: name,
            handlerFunction: handler,
            policy,
            stream: Boolean(Reflect.getMetadata(SSE_METADATA, handler)),
            interceptors: ((Reflect.getMetadata(INTERCEPTORS_METADATA, handler) as { name: string }[]) ?? []).map(
              (interceptor) => interceptor.name,
            ),
          });
        }
      }
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/** Policy JSON with keys in a stable order, for the reviewed snapshot. */
export function policyJson(policy: AccessPolicy | undefined): string {
  if (!policy) return 'NONE';
  const ordered = Object.fromEntries(
    Object.keys(policy)
      .sort()
      .map((k) => [k, (policy as Record<string, unknown>)[k]]),
  );
  return JSON.stringify(ordered);
}

/** The served path: under the global prefix, except the routes `createApp` excludes from it. */
function prefixed(method: string, path: string): string {
  const bare = path.replace(/^\/+|\/+$/g, '');
  const excluded = ROOT_ROUTES.some(
    (r) => RequestMethod[r.method] === method && r.path.replace(/^\/+|\/+$/g, '') === bare,
  );
  return excluded ? `/${bare}` : join(API_PREFIX, path);
}
