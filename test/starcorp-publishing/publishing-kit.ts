import { contextKit, ContextKit } from '../support/context-kit';
import { http } from '../support/http';
import { createTestOrg, TestOrg } from '../support/org-kit';
import { TestApp, TestUser } from '../support/test-app';

export { errorPaths } from '../support/context-kit';

/**
 * The publishing tests' org: `starcorp` enabled with its public site on, a user at every tier, a
 * member holding the `editor` grant, and the shared context kit's calls below
 * /api/v1/orgs/{slug}/starcorp (this org unless `slug` is given).
 */
export interface PublishingOrg
  extends TestOrg, Pick<ContextKit, 'call' | 'ok' | 'fails' | 'expectNotFound' | 'forbidden' | 'events' | 'audits'> {
  editor: TestUser;
}

export async function createPublishingOrg(t: TestApp): Promise<PublishingOrg> {
  const org = await createTestOrg(t, { contexts: ['starcorp'] });
  const editor = await org.addUser('member', ['editor' as never]); // the SDK's Grant type predates `editor`
  const on = await http(t, org.owner, 'PATCH', `/api/v1/orgs/${org.slug}`, { body: { publicSite: true } });
  if (on.status !== 200) throw new Error(`could not open the public site: ${on.status}`);
  // The outsider's org gets a public site too, so that "another org" refusals are about ids, not the site.
  await http(t, org.outsider, 'PATCH', `/api/v1/orgs/${org.outsiderSlug}`, { body: { publicSite: true } });
  const { call, ok, fails, expectNotFound, forbidden, events, audits } = contextKit(t, org, 'starcorp');
  return Object.assign(org, { editor, call, ok, fails, expectNotFound, forbidden, events, audits });
}
