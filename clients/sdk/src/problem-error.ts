/** One invalid field, as the API reports it. */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * An API error (RFC 9457 problem+json) as an exception. Switch on `type` (stable) or `status`;
 * `errors` lists invalid fields for validation problems.
 */
export class ProblemError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail?: string;
  readonly errors: FieldError[];
  readonly requestId?: string;
  /** The whole problem body, extensions included (e.g. `currentStatus` of a 409). */
  readonly body: Record<string, unknown>;

  constructor(status: number, body: unknown) {
    const problem = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const title = typeof problem.title === 'string' ? problem.title : `HTTP ${status}`;
    super(typeof problem.detail === 'string' ? `${title}: ${problem.detail}` : title);
    this.name = 'ProblemError';
    this.status = status;
    this.type = typeof problem.type === 'string' ? problem.type : 'about:blank';
    this.title = title;
    this.detail = typeof problem.detail === 'string' ? problem.detail : undefined;
    this.errors = Array.isArray(problem.errors) ? (problem.errors as FieldError[]) : [];
    this.requestId = typeof problem.requestId === 'string' ? problem.requestId : undefined;
    this.body = problem;
  }

  /** The last segment of `type`, e.g. `validation` or `refresh-token-reused`. */
  get slug(): string {
    return this.type.slice(this.type.lastIndexOf('/') + 1);
  }
}
