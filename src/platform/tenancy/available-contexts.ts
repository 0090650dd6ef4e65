/**
 * Injection token: names of the business contexts this deployment runs, which orgs may enable:
 * the app's context definitions minus CONTEXTS_DISABLED (see `PlatformModule.forRoot`).
 */
export const AVAILABLE_CONTEXTS = Symbol('AVAILABLE_CONTEXTS');
