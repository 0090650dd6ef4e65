import { createTestOrg, TestOrg } from '../support/org-kit';
import { http, HttpResult } from '../support/http';
import { TestApp, TestUser } from '../support/test-app';

/**
 * The publishing tests' org: `starcorp` enabled with its public site on, a user at every tier, and
 * a member holding the `editor` grant. Raw calls: the SDK does not know these routes yet.
 */
export interface PublishingOrg extends TestOrg {
  editor: TestUser;
  /** A raw call below /api/v1/orgs/{slug}/starcorp (this org unless `slug` is given). */
  call(who: Parameters<typeof http>[1], method: string, path: string, opts?: CallOptions): Promise<HttpResult>;
  /** The org's outbox events of a type, oldest first. */
  events(type: string): Promise<{ subject_id: string | null; payload: Record<string, unknown> }[]>;
  /** The org's audit entries of an action (a handler name). */
  audits(action: string): Promise<{ target_id: string | null; actor_user_id: string | null }[]>;
}

type CallOptions = Parameters<typeof http>[4] & { slug?: string };

export async function createPublishingOrg(t: TestApp): Promise<PublishingOrg> {
  const org = await createTestOrg(t, { contexts: ['starcorp'] });
  const editor = await org.addUser('member', ['editor' as never]); // the SDK's Grant type predates `editor`
  const on = await http(t, org.owner, 'PATCH', `/api/v1/orgs/${org.slug}`, { body: { publicSite: true } });
  if (on.status !== 200) throw new Error(`could not open the public site: ${on.status}`);
  // The outsider's org gets a public site too, so that "another org" refusals are about ids, not the site.
  await http(t, org.outsider, 'PATCH', `/api/v1/orgs/${org.outsiderSlug}`, { body: { publicSite: true } });
  return Object.assign(org, {
    editor,
    call: (who: Parameters<typeof http>[1], method: string, path: string, opts: CallOptions = {}) =>
      http(t, who, method, `/api/v1/orgs/${opts.slug ?? org.slug}/starcorp${path}`, opts),
    events: (type: string) =>
      t.db.query('SELECT subject_id, payload FROM outbox_events WHERE org_id = $1 AND type = $2 ORDER BY created_at', [
        org.id,
        type,
      ]),
    audits: (action: string) =>
      t.db.query('SELECT target_id, actor_user_id FROM audit_log WHERE org_id = $1 AND action = $2', [org.id, action]),
  });
}

/** The field paths of a 400 problem, each once, sorted. */
export const errorPaths = (res: HttpResult): string[] =>
  [...new Set((res.body.errors as { path: string }[]).map((e) => e.path))].sort();
