import { HttpException, HttpStatus } from '@nestjs/common';

/** Problem types are stable URIs; clients switch on `type`, never on `title` or `detail`. */
export const PROBLEM_BASE = 'https://quartermaster.dev/problems/';

export interface FieldError {
  /** Dotted path of the offending field, e.g. `grants.1` or `items.0.name`. */
  path: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  /** The last segment of `type` (see the problem catalogue, `ProblemSlug` in the contract). */
  slug: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const TITLES: Record<number, [slug: string, title: string]> = {
  400: ['bad-request', 'Bad request'],
  401: ['unauthenticated', 'Authentication required'],
  403: ['forbidden', 'Forbidden'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  409: ['conflict', 'Conflict'],
  413: ['payload-too-large', 'Payload too large'],
  414: ['uri-too-long', 'URI too long'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  422: ['unprocessable', 'Unprocessable request'],
  429: ['rate-limited', 'Too many requests'],
  500: ['internal', 'Internal server error'],
  503: ['unavailable', 'Service unavailable'],
};

/** Seconds a client is asked to wait (Retry-After) before retrying a 503. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

export function defaultProblem(status: number): { type: string; slug: string; title: string } {
  const [slug, title] = TITLES[status] ?? [String(status), HttpStatus[status] ?? 'Error'];
  return { type: PROBLEM_BASE + slug, slug, title };
}

/**
 * Throw this from services for any client error. `slug` names the problem type
 * (`https://quartermaster.dev/problems/<slug>`) and must be in the problem catalogue
 * (src/platform/http/platform-problems.ts, or the context's `problems`; a test checks);
 * `extensions` are extra members such as the current status of a resource in a 409.
 */
export class Problem extends HttpException {
  constructor(
    status: number,
    detail: string,
    options: { slug?: string; title?: string; errors?: FieldError[]; extensions?: Record<string, unknown> } = {},
  ) {
    const base = defaultProblem(status);
    // Extensions come first so that none can replace a member RFC 9457 defines.
    const body: ProblemBody = {
      ...options.extensions,
      type: options.slug ? PROBLEM_BASE + options.slug : base.type,
      slug: options.slug ?? base.slug,
      title: options.title ?? base.title,
      status,
      detail,
      ...(options.errors ? { errors: options.errors } : {}),
    };
    super(body, status);
  }

  static notFound(what: string): Problem {
    return new Problem(404, `${what} not found`);
  }

  static conflict(detail: string, slug = 'conflict', extensions?: Record<string, unknown>): Problem {
    return new Problem(409, detail, { slug, extensions });
  }

  static forbidden(detail: string): Problem {
    return new Problem(403, detail);
  }

  /** The database is down, unreachable or too slow: the client should retry after a pause. */
  static databaseUnavailable(): Problem {
    return new Problem(503, 'The database is not available right now; retry after the time in Retry-After', {
      slug: 'database-unavailable',
      title: 'Database unavailable',
    });
  }

  static validation(errors: FieldError[]): Problem {
    return new Problem(400, 'The request is invalid; see errors[] for each field', {
      slug: 'validation',
      title: 'Validation failed',
      errors,
    });
  }
}
