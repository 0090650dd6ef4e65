/**
 * @quartermaster/sdk: the typed client of the Quartermaster API, generated from its OpenAPI
 * contract, with pagination, retries, timeouts, idempotency keys, webhook verification and
 * live events. See README.md.
 */
export type { components, operations, paths } from './schema';
export { isKnownProblemSlug, ProblemError, type FieldError, type Problem, type ProblemBase } from './problem-error';
export { PROBLEM_SLUGS, PROBLEM_STATUS, type ProblemExtensions, type ProblemSlug } from './problems';
export { OPERATIONS } from './operations';
export {
  createOperations,
  type OperationFunction,
  type OperationFunctions,
  type OperationId,
} from './named-operations';
export { authHeaders, type Credentials } from './auth';
export {
  createQuartermasterClient,
  DEFAULT_TIMEOUT_MS,
  honoursIdempotencyKey,
  newIdempotencyKey,
  withTimeout,
  type QuartermasterClient,
  type QuartermasterOptions,
  type Schema,
} from './client';
export { unwrap, type CallResult } from './unwrap';
export { pages, paginate, type Page } from './pagination';
export * from './webhooks';
export * from './live-events';
