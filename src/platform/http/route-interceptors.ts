import {
  type DynamicModule,
  type ForwardReference,
  type NestInterceptor,
  RequestMethod,
  type Type,
} from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA, MODULE_METADATA } from '@nestjs/common/constants';

/** A route as the platform's interceptor rules see it: its HTTP method and its handler. */
export interface RouteHandler {
  method: RequestMethod;
  handler: (...args: unknown[]) => unknown;
}

/** An interceptor and the routes it wraps. */
export interface RouteInterceptorRule {
  interceptor: Type<NestInterceptor>;
  appliesTo(route: RouteHandler): boolean;
}

/** Routes that change something: every method but GET, HEAD and OPTIONS. */
export const isMutation = (route: RouteHandler): boolean =>
  route.method !== RequestMethod.GET && route.method !== RequestMethod.HEAD && route.method !== RequestMethod.OPTIONS;

type ModuleImport = Type | DynamicModule | ForwardReference | Promise<DynamicModule> | undefined;

/**
 * Puts each rule's interceptor on the routes it applies to, as `@UseInterceptors` on the handler
 * would (the rules' order is the wrapping order, outermost first, around the handler's own
 * interceptors), for every controller of `root`'s module graph. Call it before `NestFactory.create`:
 * Nest's scan then registers the interceptors in each controller's module, like any other.
 *
 * Why not global interceptors: Nest wraps every request of every route in an rxjs chain per global
 * interceptor, even when the interceptor only returns `next.handle()`. The audit and idempotency
 * interceptors act on mutations only, and that chain was a measured ~0.08 ms of Node CPU on each
 * read (about 10 %: bench/RESULTS.md). Applied per route by rule, a read has no interceptor at
 * all, and no mutation can be left out by forgetting a decorator.
 *
 * Idempotent: calling it again (tests build many apps in one process) leaves the routes as they are.
 */
export async function applyRouteInterceptors(
  root: ModuleImport,
  rules: readonly RouteInterceptorRule[],
): Promise<void> {
  const ours = new Set<unknown>(rules.map((rule) => rule.interceptor));
  for (const controller of await controllersOf(root)) {
    for (const handler of methodsOf(controller)) {
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined) continue;
      const own = ((Reflect.getMetadata(INTERCEPTORS_METADATA, handler) as unknown[] | undefined) ?? []).filter(
        (interceptor) => !ours.has(interceptor),
      );
      const applied = rules.filter((rule) => rule.appliesTo({ method, handler })).map((rule) => rule.interceptor);
      Reflect.defineMetadata(INTERCEPTORS_METADATA, [...applied, ...own], handler);
    }
  }
}

/** Every controller class of the module graph under `root` (static and dynamic modules, forward references). */
async function controllersOf(root: ModuleImport): Promise<Set<Type>> {
  const controllers = new Set<Type>();
  const seen = new Set<unknown>();
  const visit = async (ref: ModuleImport): Promise<void> => {
    const resolved = await ref;
    if (!resolved || seen.has(resolved)) return;
    seen.add(resolved);
    if ('forwardRef' in resolved) return visit(resolved.forwardRef() as ModuleImport);
    const dynamic = 'module' in resolved ? resolved : undefined;
    const moduleClass = dynamic ? dynamic.module : (resolved as Type);
    const staticMeta = (key: string) => (Reflect.getMetadata(key, moduleClass) as unknown[] | undefined) ?? [];
    for (const controller of [...staticMeta(MODULE_METADATA.CONTROLLERS), ...(dynamic?.controllers ?? [])])
      controllers.add(controller as Type);
    for (const imported of [...staticMeta(MODULE_METADATA.IMPORTS), ...(dynamic?.imports ?? [])])
      await visit(imported as ModuleImport);
  };
  await visit(root);
  return controllers;
}

/** The methods of a controller, inherited ones included (an override hides its base's), as Nest routes them. */
function methodsOf(controller: Type): Set<RouteHandler['handler']> {
  const methods = new Set<RouteHandler['handler']>();
  const names = new Set<string>();
  for (
    let proto = controller.prototype as object | null;
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === 'constructor' || names.has(name)) continue;
      names.add(name);
      const value = Object.getOwnPropertyDescriptor(proto, name)?.value as unknown;
      if (typeof value === 'function') methods.add(value as RouteHandler['handler']);
    }
  }
  return methods;
}
