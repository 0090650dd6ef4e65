import { contextKit, ContextKit } from '../support/context-kit';
import type { Caller, HttpResult } from '../support/http';
import { createTestOrg, TestOrg } from '../support/org-kit';
import { TestApp, TestUser } from '../support/test-app';

export { errorPaths } from '../support/context-kit';

/**
 * The messages tests' org: `starcorp` enabled, a user at every tier, and the shared context kit's
 * raw calls below /api/v1/orgs/{slug}/starcorp (raw: the SDK learns these routes when the
 * integrator regenerates it), with shortcuts for the message routes.
 */
export interface MessagesOrg
  extends TestOrg, Pick<ContextKit, 'call' | 'ok' | 'fails' | 'expectNotFound' | 'forbidden' | 'events' | 'audits'> {
  /** Sends a message from `from` to `to` (extra fields override the defaults); expects 201. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  send(from: TestUser, to: TestUser[], extra?: Record<string, unknown>): Promise<any>;
  /** The caller's inbox page. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  inbox(who: TestUser, query?: Record<string, unknown>): Promise<{ items: any[]; nextCursor: string | null }>;
  unread(who: TestUser): Promise<number>;
  message(who: Caller, id: string): Promise<HttpResult>;
}

export async function createMessagesOrg(t: TestApp): Promise<MessagesOrg> {
  const org = await createTestOrg(t, { contexts: ['starcorp'] });
  const kit = contextKit(t, org, 'starcorp');
  const { call, ok, fails, expectNotFound, forbidden, events, audits } = kit;
  return Object.assign(org, {
    call,
    ok,
    fails,
    expectNotFound,
    forbidden,
    events,
    audits,
    send: (from: TestUser, to: TestUser[], extra: Record<string, unknown> = {}) =>
      ok(from, 'POST', '/messages', {
        body: { recipientUserIds: to.map((u) => u.id), subject: 'Mining op', body: 'Saturday at 19:00.', ...extra },
      }),
    inbox: (who: TestUser, query: Record<string, unknown> = {}) => ok(who, 'GET', '/messages/inbox', { query }),
    unread: async (who: TestUser) => (await ok(who, 'GET', '/messages/unread-count')).unread as number,
    message: (who: Caller, id: string) => call(who, 'GET', `/messages/${id}`),
  });
}
