import { ProblemError } from './problem-error';

/** What every call of the client returns. */
export interface CallResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The response data of a successful call; throws `ProblemError` for an error response. */
export async function unwrap<T>(call: Promise<CallResult<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ProblemError(response.status, error);
  return data as T;
}
