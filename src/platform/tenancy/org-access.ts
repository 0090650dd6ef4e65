import type { Org } from './orgs/org.entity';
import type { Grant, Tier } from './tiers';

/** The org a request addresses and the caller's standing in it, decided once per request. */
export interface OrgAccess {
  org: Org;
  /** The caller's tier; a bot key has none and acts only through its scopes. */
  tier: Tier | null;
  grants: Grant[];
  /**
   * Present for users; bot keys act for the org without being members, and on public routes
   * (`Access.publicOrg()`) the caller is anonymous: null tier, no grants, null user.
   */
  userId: string | null;
}
