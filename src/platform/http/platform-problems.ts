import type { ProblemDefinition } from './problem-catalogue';

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;

/**
 * The problems the platform itself sends (auth, tenancy, HTTP conventions, events, health). Each
 * context adds its own through `ContextDefinition.problems`. A slug is part of the contract:
 * renaming or removing one is a breaking change (see scripts/openapi-breaking.mjs).
 */
export const PLATFORM_PROBLEMS: readonly ProblemDefinition[] = [
  // --- Generic problems, one per status (what an error without a more precise slug carries). ---
  {
    slug: 'bad-request',
    status: 400,
    description: 'The request could not be read (malformed JSON, a value out of range).',
    example: { detail: 'Body is not valid JSON' },
  },
  {
    slug: 'unauthenticated',
    status: 401,
    description: 'No credential, or one that is invalid, expired or revoked.',
    example: { detail: 'This route needs a bearer token or an API key' },
  },
  {
    slug: 'forbidden',
    status: 403,
    description:
      'The caller may not do this (platform administrators only, bot keys outside org routes, a rule of the resource).',
    example: { detail: 'Only platform administrators may do this' },
  },
  {
    slug: 'not-found',
    status: 404,
    description: 'No such resource, or it belongs to another org (not told apart, so existence does not leak).',
    extensions: {
      missingIds: {
        type: 'array',
        items: { type: 'string', format: 'uuid' },
        description: 'Ids of a batch that were not found.',
      },
    },
    example: { detail: 'Raid not found' },
  },
  {
    slug: 'method-not-allowed',
    status: 405,
    description: 'The path exists but not with this method.',
    example: { detail: 'Method not allowed' },
  },
  {
    slug: 'conflict',
    status: 409,
    description: 'The request clashes with the current state (a unique value, a resource still in use).',
    example: { detail: 'A resource with the same unique value already exists' },
  },
  {
    slug: 'payload-too-large',
    status: 413,
    description: 'The body is larger than the server accepts.',
    example: { detail: 'Request body is too large' },
  },
  {
    slug: 'request-timeout',
    status: 408,
    description: 'The request was not received in time.',
    example: { detail: 'The request was not received in time' },
  },
  {
    slug: 'headers-too-large',
    status: 431,
    description: 'The request headers are too large.',
    example: { detail: 'The request headers are too large' },
  },
  {
    slug: 'uri-too-long',
    status: 414,
    description: 'The URL is longer than the server accepts.',
    example: { detail: 'URI too long' },
  },
  {
    slug: 'unsupported-media-type',
    status: 415,
    description: 'The body is not JSON.',
    example: { detail: 'Unsupported Media Type: text/plain' },
  },
  {
    slug: 'unprocessable',
    status: 422,
    description: 'The request is well-formed but cannot be carried out.',
    example: { detail: 'Unprocessable request' },
  },
  {
    slug: 'rate-limited',
    status: 429,
    description: 'Too many requests; wait for Retry-After (seconds).',
    example: { detail: 'Too many requests' },
  },
  {
    slug: 'internal',
    status: 500,
    description: 'A fault of the server; quote requestId when reporting it.',
    example: { detail: 'An unexpected error occurred; quote the requestId when reporting it' },
  },
  {
    slug: 'unavailable',
    status: 503,
    description: 'The service is temporarily unavailable; retry after Retry-After.',
    example: { detail: 'Service unavailable' },
  },

  // --- HTTP conventions. ---
  {
    slug: 'validation',
    status: 400,
    title: 'Validation failed',
    description:
      'Invalid input: `errors[]` names each offending field (body, query, path or header) by its dotted path.',
    extensions: { errors: { type: 'array', items: { $ref: '#/components/schemas/FieldErrorDto' } } },
    required: ['errors'],
    example: {
      detail: 'The request is invalid; see errors[] for each field',
      errors: [{ path: 'amount', message: 'amount must be a decimal with up to two places' }],
    },
  },
  {
    slug: 'duplicate-value',
    status: 409,
    description: 'Another record of the org has that value; `field` names the field that must be unique.',
    extensions: { field: { type: 'string' } },
    required: ['field'],
    example: { detail: 'A supplier named Acme Packing exists', field: 'name' },
  },
  {
    slug: 'in-use',
    status: 409,
    description: 'Other records refer to this one, so it stays: archive it (or deactivate it) instead.',
    example: { detail: 'The plant is in use; archive it instead' },
  },
  {
    slug: 'invalid-transition',
    status: 409,
    title: 'Invalid transition',
    description:
      'The resource is in a state that does not allow this move; `currentState` is its state now and `attemptedState` the one asked for.',
    extensions: { currentState: { type: 'string' }, attemptedState: { type: 'string' } },
    required: ['currentState'],
    example: { detail: 'The invoice is paid; it cannot become void', currentState: 'paid', attemptedState: 'void' },
  },
  {
    slug: 'body-too-deep',
    status: 400,
    description: 'The JSON body nests arrays or objects too deeply.',
    example: { detail: 'The body nests arrays or objects deeper than 32 levels' },
  },
  {
    slug: 'idempotency-key-reused',
    status: 422,
    description: 'The Idempotency-Key was already used for a different request (method, path or body); use a new key.',
    example: { detail: 'This Idempotency-Key was used for a different request' },
  },
  {
    slug: 'idempotency-in-progress',
    status: 409,
    description: 'A request with this Idempotency-Key is still running; retry after Retry-After to get its response.',
    example: { detail: 'A request with this Idempotency-Key is still being processed; retry shortly' },
  },
  {
    slug: 'precondition-failed',
    status: 412,
    description:
      "The `If-Match` ETag is not the resource's current one: it changed since it was read. Fetch it again " +
      'and reapply the change.',
    extensions: { currentRevision: int, etag: str },
    required: ['currentRevision', 'etag'],
    example: { detail: 'The fuel order changed since you read it; fetch it again', currentRevision: 4, etag: '"4"' },
  },
  {
    slug: 'precondition-required',
    status: 428,
    description:
      "This change needs the resource's ETag in `If-Match`, so that it cannot overwrite a change it has not seen.",
    example: { detail: "Send the fuel order's ETag in If-Match to change it" },
  },
  {
    slug: 'database-unavailable',
    status: 503,
    title: 'Database unavailable',
    description: 'The database is down or too slow; nothing was written. Retry after Retry-After.',
    example: { detail: 'The database is not available right now; retry after the time in Retry-After' },
  },
  {
    slug: 'not-ready',
    status: 503,
    description: 'A dependency is not available; `checks` says which.',
    extensions: { checks: { type: 'object', additionalProperties: true } },
    required: ['checks'],
    example: { detail: 'A dependency is not available', checks: { database: { status: 'down' } } },
  },

  // --- Authentication. ---
  {
    slug: 'invalid-credentials',
    status: 401,
    description: 'Unknown username or wrong password.',
    example: { detail: 'Unknown username or wrong password' },
  },
  {
    slug: 'invalid-api-key',
    status: 401,
    description: 'The API key is unknown, revoked or expired.',
    example: { detail: 'The API key is unknown, revoked or expired' },
  },
  {
    slug: 'token-expired',
    status: 401,
    description: 'The access token has expired: refresh it.',
    example: { detail: 'The access token has expired; refresh it' },
  },
  {
    slug: 'session-ended',
    status: 401,
    description: "The token's session ended (logout or password change): log in again.",
    example: { detail: 'The session of this token has ended (logout or password change)' },
  },
  {
    slug: 'refresh-token-reused',
    status: 401,
    description: 'A rotated refresh token was used again: the whole session is revoked.',
    example: { detail: 'This refresh token was already used; the session has been revoked' },
  },
  {
    slug: 'login-locked',
    status: 429,
    title: 'Login temporarily locked',
    description:
      'Too many failed logins for this account; `retryAfter` (seconds, also the Retry-After header) says when to try again.',
    extensions: { retryAfter: { ...int, minimum: 1 } },
    required: ['retryAfter'],
    example: { detail: 'Too many failed logins for this account; try again in 60 s', retryAfter: 60 },
  },
  {
    slug: 'password-reset-token-invalid',
    status: 400,
    description: 'The password-reset token is unknown, expired or already used: ask for a new one.',
    example: { detail: 'The password-reset token is unknown, expired or already used; ask for a new one' },
  },
  {
    slug: 'registration-closed',
    status: 403,
    description: 'This server does not let anyone register.',
    example: { detail: 'Registration is closed on this server' },
  },
  {
    slug: 'insufficient-scope',
    status: 403,
    description: "The API key's scopes do not include one this route needs.",
    example: { detail: 'The API key lacks scope dkp:write' },
  },
  {
    slug: 'discord-code-rejected',
    status: 400,
    description: 'Discord refused the authorization code.',
    example: { detail: 'Discord refused the authorization code' },
  },
  {
    slug: 'oauth-state-mismatch',
    status: 400,
    description: 'The Discord sign-in was started in another browser (or its cookie expired).',
    example: { detail: 'This sign-in was started in another browser (or its cookie expired); start again here' },
  },
  {
    slug: 'oauth-state-invalid',
    status: 400,
    description: 'The OAuth state is unknown, expired or already used.',
    example: { detail: 'The OAuth state is unknown, expired or already used; start again' },
  },
  {
    slug: 'discord-error',
    status: 502,
    description: 'Discord answered with an error or an invalid user.',
    example: { detail: 'Discord answered 500' },
  },
  {
    slug: 'discord-unreachable',
    status: 502,
    description: 'Discord could not be reached.',
    example: { detail: 'Discord could not be reached' },
  },
  {
    slug: 'discord-not-configured',
    status: 503,
    description: 'Discord login is not configured on this server.',
    example: { detail: 'Discord login is not configured on this server' },
  },

  // --- Users and API keys. ---
  {
    slug: 'username-taken',
    status: 409,
    description: 'That username is taken.',
    extensions: { field: str },
    example: { detail: 'That username is already taken', field: 'username' },
  },
  {
    slug: 'email-taken',
    status: 409,
    description: 'That email is taken.',
    extensions: { field: str },
    example: { detail: 'That email is already taken', field: 'email' },
  },
  {
    slug: 'discord-id-taken',
    status: 409,
    description: 'That Discord account is linked to another user.',
    extensions: { field: str },
    example: { detail: 'That Discord account is linked to another user' },
  },
  {
    slug: 'already-linked',
    status: 409,
    description: 'The user is linked to another Discord account; unlink it first.',
    extensions: { discordId: str },
    example: {
      detail: 'The user is linked to another Discord account; unlink it first',
      discordId: '80351110224678912',
    },
  },
  {
    slug: 'would-lock-out',
    status: 409,
    description: 'Unlinking Discord would leave the user no way to log in.',
    example: { detail: 'Set a password before unlinking Discord, or you could not log in any more' },
  },
  {
    slug: 'user-disabled',
    status: 409,
    description: 'The user is disabled.',
    example: { detail: 'The user is disabled' },
  },
  {
    slug: 'api-key-revoked',
    status: 409,
    description: 'A revoked key cannot be rotated.',
    example: { detail: 'A revoked key cannot be rotated' },
  },

  // --- Tenancy. ---
  {
    slug: 'insufficient-tier',
    status: 403,
    description: "The caller's tier in the org is below the route's (and they hold none of its grants).",
    example: { detail: 'This needs the officer tier; you are member' },
  },
  {
    slug: 'tier-above-own',
    status: 403,
    description: 'Nobody can grant, or change a member holding, a tier above their own.',
    example: { detail: 'You cannot grant the owner tier, which is above your own (admin)' },
  },
  {
    slug: 'slug-taken',
    status: 409,
    description: 'An org with that slug exists.',
    example: { detail: 'That slug is taken' },
  },
  {
    slug: 'already-member',
    status: 409,
    description: 'The user is already a member; `tier` is their tier.',
    extensions: { tier: { $ref: '#/components/schemas/Tier' } },
    example: { detail: 'That user is already a member', tier: 'member' },
  },
  {
    slug: 'last-owner',
    status: 409,
    description: 'The last owner cannot leave or be demoted.',
    example: { detail: 'The last owner cannot leave or be demoted; make someone else owner first' },
  },

  // --- Events. ---
  {
    slug: 'too-many-streams',
    status: 429,
    description: 'Too many open event streams for this credential or org; `limit` is the cap.',
    extensions: { limit: int },
    required: ['limit'],
    example: { detail: 'Too many open event streams for this credential (5); close one first', limit: 5 },
  },
  {
    slug: 'webhook-delivery-not-failed',
    status: 409,
    description: 'Only failed deliveries can be retried.',
    extensions: { deliveryStatus: { $ref: '#/components/schemas/WebhookDeliveryStatus' } },
    required: ['deliveryStatus'],
    example: { detail: 'Only failed deliveries can be retried; this one is delivered', deliveryStatus: 'delivered' },
  },
];
