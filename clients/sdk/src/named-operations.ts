import type { ClientForPath } from 'openapi-fetch';
import type { QuartermasterClient } from './client';
import { OPERATIONS } from './operations';
import type { paths } from './schema';

type Operations = typeof OPERATIONS;

/** The contract's operationIds (`listRaids`, `placeBid`, ...). */
export type OperationId = keyof Operations;

/**
 * The call of one operation: openapi-fetch's call of its path and method, without the path, so
 * the parameters, body and `{ data, error, response }` are typed exactly as `client.GET(path, ...)`.
 */
export type OperationFunction<Id extends OperationId> = ClientForPath<
  paths[Operations[Id]['path']],
  `${string}/${string}`
>[Uppercase<Operations[Id]['method']>];

/** Every operation of the contract as a function named by its operationId. */
export type OperationFunctions = { [Id in OperationId]: OperationFunction<Id> };

/**
 * Named functions over a client, for callers who think in operations rather than paths:
 * `const ops = createOperations(api); await unwrap(ops.listRaids({ params: { path: { org } } }))`.
 * Each goes through the client, so its authentication, retries, timeouts and idempotency keys
 * apply. The table behind them (OPERATIONS) is generated from the contract's operationIds.
 */
export function createOperations(client: QuartermasterClient): OperationFunctions {
  const functions: Record<string, unknown> = {};
  for (const [id, { method, path }] of Object.entries(OPERATIONS)) {
    functions[id] = (init?: Record<string, unknown>) =>
      (client.request as (m: string, p: string, i?: Record<string, unknown>) => Promise<unknown>)(method, path, init);
  }
  return functions as OperationFunctions;
}
