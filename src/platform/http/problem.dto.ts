/** One invalid field of a request. */
export class FieldErrorDto {
  /** Dotted path of the field, e.g. `grants.1` */
  path: string;
  message: string;
}

/**
 * RFC 9457 problem details, served as `application/problem+json`. `slug` and `type` are
 * documented from the problem catalogue (`ProblemSlug`) when the document is built.
 */
export class ProblemDto {
  /** Stable URI that identifies the kind of problem. */
  type: string;
  /** The problem type in short: the last segment of `type`. Switch on this. */
  slug: string;
  title: string;
  status: number;
  detail?: string;
  /** The request path. */
  instance?: string;
  /** Echo of the X-Request-Id header, for support. */
  requestId?: string;
  /** Validation failures, one per field. */
  errors?: FieldErrorDto[];
}
