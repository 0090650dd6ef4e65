import type { AppConfig } from '../config/app-config';
import { registerContextGrants } from '../tenancy/tiers';
import type { ContextDefinition } from './context-definition';

/** Injection token: the definitions of the contexts this deployment runs (see `enabledContexts`). */
export const CONTEXT_DEFINITIONS = Symbol('CONTEXT_DEFINITIONS');

const CONTEXT_NAME = /^[a-z][a-z0-9-]{0,31}$/;

/** The contexts a deployment runs: every defined one except those CONTEXTS_DISABLED names. */
export function enabledContexts(contexts: readonly ContextDefinition[], config: AppConfig): ContextDefinition[] {
  return contexts.filter((context) => !config.CONTEXTS_DISABLED.includes(context.name));
}

/**
 * Takes the app's list of contexts into the platform: checks the names and registers every
 * context's grants (see `GRANTS`). Runs when the root module is built, before Nest creates the
 * app, so validation and the OpenAPI document already see the grants.
 */
export function registerContexts(contexts: readonly ContextDefinition[]): void {
  const seen = new Set<string>();
  for (const { name } of contexts) {
    if (!CONTEXT_NAME.test(name))
      throw new Error(`Context name "${name}" must be lower-case letters, digits and dashes`);
    if (seen.has(name)) throw new Error(`Context "${name}" is listed twice`);
    seen.add(name);
  }
  registerContextGrants(contexts.flatMap((context) => context.grants));
}
