import { contextKit, ContextKit } from '../support/context-kit';
import { http } from '../support/http';
import { createTestOrg, TestOrg } from '../support/org-kit';
import { TestApp } from '../support/test-app';

/**
 * The RSI tests' org: `starcorp` enabled with its public site on (the profile is a public route), a
 * user at every tier, and the shared context kit's calls below /api/v1/orgs/{slug}/starcorp.
 */
export type RsiOrg = TestOrg &
  Pick<ContextKit, 'call' | 'ok' | 'fails' | 'expectNotFound' | 'forbidden' | 'events' | 'audits'>;

export async function createRsiOrg(t: TestApp): Promise<RsiOrg> {
  const org = await createTestOrg(t, { contexts: ['starcorp'] });
  const on = await http(t, org.owner, 'PATCH', `/api/v1/orgs/${org.slug}`, { body: { publicSite: true } });
  if (on.status !== 200) throw new Error(`could not open the public site: ${on.status}`);
  await http(t, org.outsider, 'PATCH', `/api/v1/orgs/${org.outsiderSlug}`, { body: { publicSite: true } });
  const { call, ok, fails, expectNotFound, forbidden, events, audits } = contextKit(t, org, 'starcorp');
  return Object.assign(org, { call, ok, fails, expectNotFound, forbidden, events, audits });
}
