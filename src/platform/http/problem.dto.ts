/** One invalid field of a request. */
export class FieldErrorDto {
  /** Dotted path of the field, e.g. `grants.1` */
  path: string;
  message: string;
}

/** RFC 9457 problem details, served as `application/problem+json`. */
export class ProblemDto {
  /** Stable URI that identifies the kind of problem; switch on this. */
  type: string;
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
