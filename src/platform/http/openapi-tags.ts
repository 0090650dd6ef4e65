import type { ContextDefinition } from '../contexts/context-definition';

/**
 * Swagger UI's tags, derived from each operation's URL rather than from the controller that
 * happens to serve it (the bot's `/dkp/discord/...` routes live in three controllers): one tag per
 * context and aggregate, in the order an admin reads them, grouped by `x-tagGroups`. The platform
 * declares its own below; each context declares its group and tags in its definition
 * (`ContextDefinition.openapi`, paths relative to `/orgs/{org}/<context>`).
 *
 * A path belongs to the entry with the longest matching prefix (`prefixes`: the path itself or
 * anything below it) or to an entry listing it in `exact`. Paths are written relative to the
 * base path `/api/v1`, with `{org}` for the org slug. The spec test checks that every operation
 * lands in one of these tags, so a new route without an entry fails CI instead of hiding.
 */
export interface TagEntry {
  group: string;
  name: string;
  description: string;
  prefixes?: string[];
  exact?: string[];
}

/** Every tag of the API and the order of their groups: the platform's, then each context's in registry order. */
export interface TagTable {
  entries: readonly TagEntry[];
  groupOrder: readonly string[];
}

const ORG = '/orgs/{org}';
const PLATFORM_GROUP = 'Platform';

/** The platform's own tags (paths relative to `/api/v1`). */
const PLATFORM_TAGS: readonly TagEntry[] = [
  {
    group: PLATFORM_GROUP,
    name: 'Platform · Service',
    description: 'Where the docs are, and the liveness and readiness probes for load balancers and orchestrators.',
    exact: ['/', ''],
    prefixes: ['/health'],
  },
  {
    group: PLATFORM_GROUP,
    name: 'Platform · Auth',
    description:
      'Log in with a username and password or with Discord, refresh the access token (rotating the refresh ' +
      'token), log out, and link or unlink a Discord account. Demo: `demo-officer` / `quartermaster-demo`.',
    prefixes: ['/auth', '/me/discord'],
  },
  {
    group: PLATFORM_GROUP,
    name: 'Platform · My account',
    description: 'The caller: profile, memberships and tiers in each org.',
    exact: ['/me'],
  },
  {
    group: PLATFORM_GROUP,
    name: 'Platform · API keys',
    description:
      'Personal API keys (act as their user) and bot keys (act for one org with explicit scopes). ' +
      'A key is shown once, at creation or rotation; send it as `Authorization: Bearer <key>` or `X-API-Key`.',
    prefixes: ['/me/api-keys', `${ORG}/bot-keys`],
  },
  {
    group: PLATFORM_GROUP,
    name: 'Platform · Orgs',
    description:
      'Organizations (tenants): create one, read and update its profile and enabled contexts, switch its public ' +
      'site on, and read the public profile (without a login, once the site is on).',
    exact: ['/orgs', ORG, `${ORG}/public`],
  },
  {
    group: PLATFORM_GROUP,
    name: 'Platform · Members',
    description: "An org's memberships: tiers on the ladder owner > admin > officer > member > ..., and grants.",
    prefixes: [`${ORG}/members`, `${ORG}/membership`],
  },
  {
    group: PLATFORM_GROUP,
    name: 'Platform · Invitations',
    description: 'Invitation codes that let a user join an org at a given tier.',
    prefixes: [`${ORG}/invitations`, '/invitations'],
  },
  {
    group: PLATFORM_GROUP,
    name: 'Platform · Webhooks',
    description: 'Signed webhook subscriptions to domain events, their deliveries, retries and secret rotation.',
    prefixes: [`${ORG}/webhooks`],
  },
  {
    group: PLATFORM_GROUP,
    name: 'Platform · Files',
    description:
      "An org's documents and images: uploaded as raw bytes for a purpose (type checked by content, size " +
      'limited per purpose), downloaded only through these routes, deleted by a background job.',
    prefixes: [`${ORG}/files`],
  },
  {
    group: PLATFORM_GROUP,
    name: 'Platform · Audit log',
    description: 'The append-only record of every mutation in an org: who did what, when.',
    prefixes: [`${ORG}/audit-log`],
  },
  {
    group: PLATFORM_GROUP,
    name: 'Platform · Administration',
    description: 'Platform administrators only: every org across tenants, and the background job queues.',
    prefixes: ['/admin'],
  },
];

/** The platform's tags followed by each context's, named `<group> · <tag>`, with absolute paths. */
export function openApiTags(contexts: readonly Pick<ContextDefinition, 'name' | 'openapi'>[]): TagTable {
  const entries: TagEntry[] = [...PLATFORM_TAGS];
  for (const { name, openapi } of contexts) {
    const root = `${ORG}/${name}`;
    for (const tag of openapi.tags) {
      entries.push({
        group: openapi.group,
        name: `${openapi.group} · ${tag.name}`,
        description: tag.description,
        prefixes: tag.prefixes?.map((path) => root + path),
        exact: tag.exact?.map((path) => root + path),
      });
    }
  }
  return { entries, groupOrder: [PLATFORM_GROUP, ...new Set(contexts.map((c) => c.openapi.group))] };
}

/** The path as the table writes it: without the `/api/v1` base path. */
function relativePath(path: string): string {
  return path.startsWith('/api/v1') ? path.slice('/api/v1'.length) : path;
}

/** The tag entry for a spec path (`/api/v1/orgs/{org}/dkp/raids`), or undefined when none matches. */
export function tagForPath(entries: readonly TagEntry[], path: string): TagEntry | undefined {
  const relative = relativePath(path);
  let best: { entry: TagEntry; length: number } | undefined;
  for (const entry of entries) {
    if (entry.exact?.includes(relative)) return entry;
    for (const prefix of entry.prefixes ?? []) {
      const matches = relative === prefix || relative.startsWith(prefix + '/');
      if (matches && (!best || prefix.length > best.length)) best = { entry, length: prefix.length };
    }
  }
  return best?.entry;
}
