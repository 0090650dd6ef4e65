/** Injection token: names of the business contexts this deployment runs (config can disable some). */
export const AVAILABLE_CONTEXTS = Symbol('AVAILABLE_CONTEXTS');
