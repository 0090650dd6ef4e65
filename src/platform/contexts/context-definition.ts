import type { DynamicModule, INestApplicationContext, Type } from '@nestjs/common';
import type { ProblemDefinition } from '../http/problem-catalogue';
import type { Grant } from '../tenancy/tiers';

/** One of the demo org's log-in users. */
export interface DemoUser {
  id: string;
  username: string;
}

/**
 * A context's demo org and its log-in users (owner, officer, member, and one member per grant
 * the context adds), handed to the context's demo seeder.
 */
export interface DemoOrg {
  org: { id: string; slug: string; name: string };
  owner: DemoUser;
  officer: DemoUser;
  member: DemoUser;
  /** Per grant of the context: a member holding it. */
  grantHolders: Partial<Record<Grant, DemoUser>>;
}

/** Where a context's demo lives: its org, and the prefix of its users' names (`<prefix>-owner`, ...). */
export interface DemoOrgName {
  slug: string;
  name: string;
  usernamePrefix: string;
}

/**
 * Loads a context's demo data into its demo org. It runs once, when `npm run seed:demo` or
 * `npm start -- --demo` first creates the org, and resolves what it needs from the app
 * (`app.get(DataSource)`, the context's own services, platform services).
 */
export type DemoSeeder = (app: INestApplicationContext, demo: DemoOrg) => Promise<void>;

/**
 * Everything the platform needs to know about one business context. Each context exports one
 * from its own folder (`src/contexts/<name>/<name>.context.ts`) and `src/contexts/index.ts` lists
 * them; the app hands that list to the platform (`PlatformModule.forRoot`), which never imports a
 * context itself.
 */
export interface ContextDefinition {
  /**
   * The context's name everywhere: `@OrgContext(name)`, the route prefix `orgs/:org/<name>/`,
   * an org's `contexts`, `CONTEXTS_DISABLED`.
   */
  name: string;
  /** The context's root module. It is not loaded when CONTEXTS_DISABLED names the context. */
  module: Type | DynamicModule;
  /** What the context is for, in a sentence or two, for the docs. */
  description: string;
  /**
   * The grants the context adds beside the platform's (used as `orGrant` in its policies). They
   * join the one `Grant` enum of the contract; declare them in the `Grant` type too (see
   * `ContextGrants` in `src/platform/tenancy/tiers.ts`).
   */
  grants: readonly Grant[];
  /**
   * The API-key scopes its routes name. API keys accept any scope some route uses (ScopeCatalog);
   * this list documents them, and a test checks that it matches the context's routes.
   */
  scopes: readonly string[];
  /**
   * The problem types (slugs) the context's code throws beside the platform's: they join the
   * `ProblemSlug` enum of the contract, and handlers name them in `@ApiProblem(status, [slugs])`.
   * A test fails when code throws a slug no catalogue defines.
   */
  problems?: readonly ProblemDefinition[];
  /**
   * The context's demo org; by default `demo-<name>` ("Demo <name>") with users `demo-<name>-owner`,
   * and so on. Every enabled context gets one, with or without a seeder.
   */
  demo?: DemoOrgName;
  /** Demo data for the context's demo org; optional. */
  seedDemo?: DemoSeeder;
  /** How Swagger UI groups and tags the context's routes (see src/platform/http/openapi-tags.ts). */
  openapi: ContextOpenApi;
}

/** A context's group in Swagger UI (`x-tagGroups`) and its tags, one per aggregate, in reading order. */
export interface ContextOpenApi {
  /** The group's name, also the prefix of its tags' names ("FBO" gives "FBO · Flights"). */
  group: string;
  tags: readonly ContextTag[];
}

/** One tag: the operations whose paths (relative to `/orgs/{org}/<context>`) match it. */
export interface ContextTag {
  name: string;
  description: string;
  /** The path itself or anything below it, e.g. `/raids`; the longest matching prefix wins. */
  prefixes?: string[];
  /** Paths matched exactly. */
  exact?: string[];
}
