import { PROBLEM_SLUGS, type ProblemExtensions, type ProblemSlug } from './problems';

/** One invalid field, as the API reports it. */
export interface FieldError {
  path: string;
  message: string;
}

/** The RFC 9457 members every problem has. */
export interface ProblemBase {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}

/**
 * A problem body typed by its slug: `Problem<'bid-too-low'>` has `minimumBid`. `Problem` (all
 * slugs) is a union discriminated by `slug`, so `switch (problem.slug)` narrows the extensions.
 */
export type Problem<S extends ProblemSlug = ProblemSlug> = {
  [K in S]: ProblemBase & { slug: K } & ProblemExtensions[K];
}[S];

const KNOWN = new Set<string>(PROBLEM_SLUGS);

/** Whether a slug is one this SDK knows (a newer server may send others). */
export function isKnownProblemSlug(slug: string): slug is ProblemSlug {
  return KNOWN.has(slug);
}

/**
 * An API error (RFC 9457 problem+json) as an exception. Switch on `slug` (typed: every problem
 * type of the contract) or `status`; `problem` is the body typed per slug, `errors` lists invalid
 * fields for validation problems. A slug this SDK version does not know (a newer server) still
 * arrives in `slug`: keep a `default` branch.
 *
 *     catch (e) {
 *       if (!(e instanceof ProblemError)) throw e;
 *       switch (e.problem.slug) {
 *         case 'bid-too-low': return retryWith(e.problem.minimumBid);
 *         case 'insufficient-points': return tell(e.problem.balance);
 *         default: throw e;
 *       }
 *     }
 */
export class ProblemError<S extends ProblemSlug = ProblemSlug> extends Error {
  readonly status: number;
  readonly type: string;
  /** The last segment of `type`, e.g. `validation` or `refresh-token-reused`. */
  readonly slug: S;
  readonly title: string;
  readonly detail?: string;
  readonly errors: FieldError[];
  readonly requestId?: string;
  /** The problem body typed by its slug (extensions included). */
  readonly problem: Problem<S>;
  /** The whole problem body, untyped (e.g. `currentStatus` of a 409). */
  readonly body: Record<string, unknown>;

  constructor(status: number, body: unknown) {
    const problem = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const title = typeof problem.title === 'string' ? problem.title : `HTTP ${status}`;
    super(typeof problem.detail === 'string' ? `${title}: ${problem.detail}` : title);
    this.name = 'ProblemError';
    this.status = status;
    this.type = typeof problem.type === 'string' ? problem.type : 'about:blank';
    // Servers before the slug member existed send only `type`, whose last segment is the slug.
    this.slug = (
      typeof problem.slug === 'string' ? problem.slug : this.type.slice(this.type.lastIndexOf('/') + 1)
    ) as S;
    this.title = title;
    this.detail = typeof problem.detail === 'string' ? problem.detail : undefined;
    this.errors = Array.isArray(problem.errors) ? (problem.errors as FieldError[]) : [];
    this.requestId = typeof problem.requestId === 'string' ? problem.requestId : undefined;
    this.body = problem;
    this.problem = { ...problem, type: this.type, title, status, slug: this.slug } as unknown as Problem<S>;
  }

  /** Narrows to one problem type: `if (e.is('bid-too-low')) e.problem.minimumBid`. */
  is<K extends ProblemSlug>(slug: K): this is ProblemError<K> {
    return (this.slug as string) === slug;
  }
}
