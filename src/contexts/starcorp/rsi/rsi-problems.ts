import type { ProblemDefinition } from '../../../platform/http/problem-catalogue';

/** The problems the rsi module throws (see `ContextDefinition.problems`). */
export const RSI_PROBLEMS: readonly ProblemDefinition[] = [
  {
    slug: 'upstream-unavailable',
    status: 502,
    description:
      'The Star Citizen API could not be reached, timed out, or answered with an error, an oversized or malformed body, or `success: 0`; nothing was changed. Try again later.',
    example: { detail: 'The Star Citizen API is unavailable (the API answered 500); nothing was changed' },
  },
  {
    slug: 'rsi-api-not-configured',
    status: 503,
    description: 'The Star Citizen API is not configured on this server (`SC_API_BASE_URL`).',
    example: { detail: 'The Star Citizen API is not configured on this server (SC_API_BASE_URL)' },
  },
  {
    slug: 'rsi-sid-missing',
    status: 409,
    description: "The org's RSI profile has no SID: an admin sets it with `PATCH profile` before syncing.",
    example: { detail: 'Set the RSI SID of the org first (PATCH profile)' },
  },
  {
    slug: 'rsi-already-linked',
    status: 409,
    description:
      'One RSI handle per member per org: `field` is `userId` when the member already has a handle, `handle` when another member holds the handle.',
    extensions: { field: { type: 'string', enum: ['userId', 'handle'] } },
    required: ['field'],
    example: { detail: 'That member already has an RSI handle in this org', field: 'userId' },
  },
  {
    slug: 'rsi-claim-code-missing',
    status: 422,
    description:
      "The handle's RSI bio (fetched now) does not contain the caller's claim code (`code`): add it to the bio and claim again.",
    extensions: { code: { type: 'string' } },
    required: ['code'],
    example: { detail: 'The RSI bio of Jane_Doe does not contain your claim code QM-7KQ2MZ4P', code: 'QM-7KQ2MZ4P' },
  },
];
