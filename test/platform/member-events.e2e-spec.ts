import { unwrap } from '@quartermaster/sdk';
import type { EntityManager } from 'typeorm';
import { OutboxDispatcher } from '../../src/platform/events/outbox-dispatcher';
import { WebhookDeliverer } from '../../src/platform/events/webhook-deliverer';
import type { MemberChangeCause } from '../../src/platform/tenancy/members/member-directory';
import { MembersService } from '../../src/platform/tenancy/members/members.service';
import { webhookApi } from '../support/webhook-api';
import { WebhookReceiver } from '../support/webhook-receiver';
import {
  addMember,
  createOrg,
  problemOf,
  registerUser,
  startTestApp,
  TestApp,
  TestUser,
  unique,
} from '../support/test-app';

interface RecordedEvent {
  type: string;
  subjectId: string | null;
  payload: Record<string, unknown>;
}

/** Far enough past any retry backoff (at most 1 h) that every pending delivery is due. */
const LATER_MS = 2 * 3_600_000;

describe('membership events (e2e)', () => {
  let t: TestApp;
  let members: MembersService;
  beforeAll(async () => {
    t = await startTestApp();
    members = t.app.get(MembersService);
  });
  afterAll(() => t.close());

  /** The org's `platform.member.*` events in recording order (the outbox is not reachable over HTTP). */
  const memberEvents = async (orgId: string): Promise<RecordedEvent[]> =>
    t.db.query(
      `SELECT type, subject_id AS "subjectId", payload FROM outbox_events
        WHERE org_id = $1 AND type LIKE 'platform.member.%' ORDER BY seq`,
      [orgId],
    );

  const update = (as: TestUser, org: string, userId: string, body: { tier?: string; grants?: string[] }) =>
    as.api.PATCH('/api/v1/orgs/{org}/members/{userId}', { params: { path: { org, userId } }, body: body as never });

  async function orgWithOwner() {
    const owner = await registerUser(t, 'evowner');
    const org = await createOrg(owner);
    return { owner, org };
  }

  describe('over the members and invitations routes', () => {
    it('records a join when an admin adds a member', async () => {
      const { owner, org } = await orgWithOwner();
      const user = await registerUser(t);
      await addMember(owner, org.slug, user, 'member', ['recruiter']);
      expect(await memberEvents(org.id)).toEqual([
        {
          type: 'platform.member.joined',
          subjectId: user.id,
          payload: {
            userId: user.id,
            tier: 'member',
            grants: ['recruiter'],
            via: 'added',
            reason: 'platform.members.add',
            actorUserId: owner.id,
          },
        },
      ]);
    });

    it('records tier and grants changes, one event each, and nothing for a no-op', async () => {
      const { owner, org } = await orgWithOwner();
      const user = await registerUser(t);
      await addMember(owner, org.slug, user, 'member');
      await unwrap(update(owner, org.slug, user.id, { tier: 'officer', grants: ['treasurer'] }));
      await unwrap(update(owner, org.slug, user.id, { tier: 'officer', grants: ['treasurer'] }));
      await unwrap(update(owner, org.slug, user.id, { grants: [] }));

      const events = (await memberEvents(org.id)).slice(1);
      expect(events.map((e) => [e.type, e.payload.from, e.payload.to])).toEqual([
        ['platform.member.tier_changed', 'member', 'officer'],
        ['platform.member.grants_changed', [], ['treasurer']],
        ['platform.member.grants_changed', ['treasurer'], []],
      ]);
      expect(
        events.every(
          (e) =>
            e.subjectId === user.id &&
            e.payload.actorUserId === owner.id &&
            e.payload.reason === 'platform.members.update',
        ),
      ).toBe(true);
    });

    it('records removal by an admin and leaving', async () => {
      const { owner, org } = await orgWithOwner();
      const removed = await registerUser(t);
      const leaving = await registerUser(t);
      await addMember(owner, org.slug, removed, 'trial');
      await addMember(owner, org.slug, leaving, 'member');
      await owner.api.DELETE('/api/v1/orgs/{org}/members/{userId}', {
        params: { path: { org: org.slug, userId: removed.id } },
      });
      await leaving.api.DELETE('/api/v1/orgs/{org}/membership', { params: { path: { org: org.slug } } });

      const events = (await memberEvents(org.id)).filter((e) => e.type === 'platform.member.removed');
      expect(events.map((e) => e.payload)).toEqual([
        { userId: removed.id, tier: 'trial', reason: 'platform.members.remove', actorUserId: owner.id },
        { userId: leaving.id, tier: 'member', reason: 'platform.members.leave', actorUserId: leaving.id },
      ]);
    });

    it('records a join when an invitation is accepted', async () => {
      const { owner, org } = await orgWithOwner();
      const invitee = await registerUser(t);
      const invitation = await unwrap(
        owner.api.POST('/api/v1/orgs/{org}/invitations', {
          params: { path: { org: org.slug } },
          body: { tier: 'trial', grants: ['recruiter'] },
        }),
      );
      await unwrap(
        invitee.api.POST('/api/v1/invitations/{code}/accept', { params: { path: { code: invitation.code } } }),
      );
      expect(await memberEvents(org.id)).toEqual([
        {
          type: 'platform.member.joined',
          subjectId: invitee.id,
          payload: {
            userId: invitee.id,
            tier: 'trial',
            grants: ['recruiter'],
            via: 'invitation',
            reason: 'platform.invitations.accept',
            actorUserId: invitee.id,
          },
        },
      ]);
    });

    it('records nothing for a refused change', async () => {
      const { owner, org } = await orgWithOwner();
      const admin = await registerUser(t);
      await addMember(owner, org.slug, admin, 'admin');
      const before = await memberEvents(org.id);

      expect((await problemOf(update(admin, org.slug, owner.id, { tier: 'member' }))).status).toBe(403);
      expect((await problemOf(update(owner, org.slug, owner.id, { tier: 'admin' }))).body.type).toMatch(/last-owner$/);
      expect(
        (await problemOf(owner.api.DELETE('/api/v1/orgs/{org}/membership', { params: { path: { org: org.slug } } })))
          .status,
      ).toBe(409);
      const again = await problemOf(
        owner.api.POST('/api/v1/orgs/{org}/members', {
          params: { path: { org: org.slug } },
          body: { userId: admin.id, tier: 'member' },
        }),
      );
      expect(again.body.type).toMatch(/already-member$/);

      expect(await memberEvents(org.id)).toEqual(before);
    });
  });

  describe('from a context, in its transaction', () => {
    const cause: MemberChangeCause = { actorUserId: null, reason: 'test.context' };

    it('raiseTier joins or raises, keeps a higher tier, and records what changed', async () => {
      const { owner, org } = await orgWithOwner();
      const user = await registerUser(t);
      const raise = (tier: 'applicant' | 'trial' | 'member') =>
        t.db.transaction((tx) => members.raiseTier(tx, org.id, user.id, tier, cause));

      expect(await raise('trial')).toBe('trial');
      expect(await raise('member')).toBe('member');
      expect(await raise('applicant')).toBe('member');

      const events = await memberEvents(org.id);
      expect(events.map((e) => e.type)).toEqual(['platform.member.joined', 'platform.member.tier_changed']);
      expect(events[0].payload).toEqual({
        userId: user.id,
        tier: 'trial',
        grants: [],
        via: 'context',
        reason: 'test.context',
        actorUserId: null,
      });
      expect(events[1]).toEqual({
        type: 'platform.member.tier_changed',
        subjectId: user.id,
        payload: { userId: user.id, from: 'trial', to: 'member', reason: 'test.context', actorUserId: null },
      });
      const got = await unwrap(
        owner.api.GET('/api/v1/orgs/{org}/members/{userId}', { params: { path: { org: org.slug, userId: user.id } } }),
      );
      expect(got.tier).toBe('member');
    });

    it('records nothing when the caller rolls back', async () => {
      const { org } = await orgWithOwner();
      const user = await registerUser(t);
      await expect(
        t.db.transaction(async (tx) => {
          await members.raiseTier(tx, org.id, user.id, 'member', cause);
          throw new Error('the context changed its mind');
        }),
      ).rejects.toThrow('changed its mind');
      expect(await memberEvents(org.id)).toEqual([]);
      expect(await members.tierOf(org.id, user.id)).toBeNull();
    });

    it('lowerTier respects unlessAtLeast, ensureMembership keeps a tier, removeMember removes', async () => {
      const { owner, org } = await orgWithOwner();
      const trial = await registerUser(t);
      const officer = await registerUser(t);
      await addMember(owner, org.slug, trial, 'trial');
      await addMember(owner, org.slug, officer, 'officer');
      const inTx = <T>(work: (tx: EntityManager) => Promise<T>) => t.db.transaction(work);

      expect(
        await inTx((tx) => members.lowerTier(tx, org.id, trial.id, 'guest', cause, { unlessAtLeast: 'member' })),
      ).toBe('guest');
      expect(
        await inTx((tx) => members.lowerTier(tx, org.id, officer.id, 'guest', cause, { unlessAtLeast: 'member' })),
      ).toBe('officer');
      expect(await inTx((tx) => members.ensureMembership(tx, org.id, officer.id, 'applicant', cause))).toEqual({
        tier: 'officer',
        created: false,
      });
      expect(await inTx((tx) => members.removeMember(tx, org.id, trial.id, cause))).toBe(true);
      expect(await inTx((tx) => members.removeMember(tx, org.id, trial.id, cause))).toBe(false);
      expect(await inTx((tx) => members.lowerTier(tx, org.id, trial.id, 'guest', cause))).toBeNull();

      const events = (await memberEvents(org.id)).slice(2);
      expect(events.map((e) => [e.type, e.subjectId])).toEqual([
        ['platform.member.tier_changed', trial.id],
        ['platform.member.removed', trial.id],
      ]);
    });
  });

  describe('webhook delivery', () => {
    let receiver: WebhookReceiver;
    let clock = Date.now();
    const later = () => new Date((clock += LATER_MS));
    beforeAll(async () => {
      receiver = await WebhookReceiver.start();
    });
    afterAll(() => receiver.close());

    it('refuses a platform pattern that selects no platform event', async () => {
      const { owner, org } = await orgWithOwner();
      const refused = await webhookApi(t, owner.token, org.slug).create({
        url: receiver.url(unique('typo')),
        eventTypes: ['platform.members.*'],
      });
      expect(refused.status).toBe(400);
    });

    it('delivers the events of one subject in recording order, even when the first is retried', async () => {
      const { owner, org } = await orgWithOwner();
      const path = unique('order');
      const created = await webhookApi(t, owner.token, org.slug).create({
        url: receiver.url(path),
        eventTypes: ['platform.member.*'],
      });
      expect(created.status).toBe(201);
      const subject = await registerUser(t);
      const bystander = await registerUser(t);
      await addMember(owner, org.slug, subject, 'trial');
      await unwrap(update(owner, org.slug, subject.id, { tier: 'member' }));
      await addMember(owner, org.slug, bystander, 'member');

      const dispatcher = t.app.get(OutboxDispatcher);
      const deliverer = t.app.get(WebhookDeliverer);
      while ((await dispatcher.dispatchBatch()).events > 0);
      receiver.failNext(path, 1, 503);
      const received = (who: TestUser) =>
        receiver
          .to(path)
          .map((request) => ({
            body: JSON.parse(request.body) as { type: string; data: { userId: string } },
            status: request.status,
          }))
          .filter((request) => request.body.data.userId === who.id)
          .map((request) => [request.body.type, request.status]);

      // The subject's join fails; its tier change waits behind it, while another subject's event goes.
      const start = new Date();
      await deliverer.deliverDue(start);
      await deliverer.deliverDue(start);
      expect(received(subject)).toEqual([['platform.member.joined', 503]]);
      expect(received(bystander)).toEqual([['platform.member.joined', 204]]);

      while ((await deliverer.deliverDue(later())).claimed > 0);
      expect(received(subject)).toEqual([
        ['platform.member.joined', 503],
        ['platform.member.joined', 204],
        ['platform.member.tier_changed', 204],
      ]);
    });
  });
});
