import type { AccessPolicy } from '../auth/access.decorator';

/**
 * The generated part of every operation's description: who may call it (from its `x-access`
 * policy) and what can go wrong (from its documented error responses). Generated from the same
 * metadata the guard enforces, so the prose cannot drift from the code. A hand-written
 * description (`@ApiOperation({ description })`) stays in front of it.
 */
export const WHO_MAY_CALL = '**Who may call:**';

interface ResponseLike {
  description?: string;
}

const code = (values: string[]): string => values.map((value) => `\`${value}\``).join(', ');

/** Who the guard lets through, in one paragraph. */
export function describeAccess(policy: AccessPolicy | undefined): string {
  if (!policy) return `${WHO_MAY_CALL} nobody: the route declares no access policy, so the guard refuses it.`;
  if (policy.public && policy.publicSite) {
    return `${WHO_MAY_CALL} public (when the org's public site is on): anyone, no credential needed; otherwise 404. Counted in the stricter per-IP rate limit of public org routes.`;
  }
  if (policy.public) return `${WHO_MAY_CALL} anyone; no credential needed.`;
  if (policy.platformAdmin) return `${WHO_MAY_CALL} platform administrators only.`;
  if (!policy.tier) {
    return `${WHO_MAY_CALL} any authenticated user (access token or personal API key), for themselves.${scopesSentence(policy)}`;
  }
  const grants = policy.orGrant?.length ? `, or holders of the ${code(policy.orGrant)} grant` : '';
  const members = `members of the org with tier \`${policy.tier}\` or above${grants}`;
  const strangers = policy.openToAnyUser ? ' Any authenticated user who is not a member may call it too.' : '';
  return `${WHO_MAY_CALL} ${members}.${strangers}${scopesSentence(policy)}`;
}

function scopesSentence(policy: AccessPolicy): string {
  if (!policy.scopes?.length) return ' Scope-limited API keys (bot keys) cannot call it.';
  const which = policy.scopes.length === 1 ? 'the scope' : 'one of the scopes';
  return ` Scope-limited API keys (bot keys) need ${which} ${code(policy.scopes)}.`;
}

/** The documented error statuses, one line each, in status order. */
export function describeProblems(responses: Record<string, ResponseLike> | undefined): string {
  const errors = Object.entries(responses ?? {})
    .filter(([status]) => Number(status) >= 400)
    .sort(([a], [b]) => Number(a) - Number(b));
  if (!errors.length) return '';
  // Nest joins the descriptions of one status with newlines; a list item must stay on one line.
  const text = (description = '') =>
    description
      .split(/\s*\n\s*/)
      .filter(Boolean)
      .join('; ');
  const lines = errors.map(([status, response]) => `- \`${status}\` ${text(response.description)}`.trimEnd());
  return ['**What can go wrong** (`application/problem+json`):', ...lines].join('\n');
}

/** The operation's description: the hand-written part (if any), then the generated one. */
export function describeOperation(
  handWritten: string | undefined,
  policy: AccessPolicy | undefined,
  responses: Record<string, ResponseLike> | undefined,
): string {
  // Building the document twice must not repeat the generated part, so cut any earlier one.
  const own = (handWritten ?? '').split(WHO_MAY_CALL)[0].trim();
  return [own, describeAccess(policy), describeProblems(responses)].filter(Boolean).join('\n\n');
}
