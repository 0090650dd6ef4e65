import type { INestApplicationContext } from '@nestjs/common';
import type { DemoOrg, DemoUser } from '../../../../platform/contexts/context-definition';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import type { Tier } from '../../../../platform/tenancy/tiers';
import type { MessagePriority } from '../messages/message-rules';
import { StarcorpMessagesService } from '../messages/messages.service';

type Who = 'owner' | 'officer' | 'member';

/** A demo thread: its first message, then replies, each from one demo user to the others named. */
interface DemoThread {
  subject: string;
  priority?: MessagePriority;
  posts: { from: Who; to: Who[]; body: string }[];
  /** Who has read the whole thread. */
  readBy?: Who[];
}

const THREADS: DemoThread[] = [
  {
    subject: 'Mining op this weekend',
    posts: [
      {
        from: 'officer',
        to: ['member', 'owner'],
        body: 'Aaron Halo on Saturday 19:00 UTC. Bring a Prospector if you have one.',
      },
      { from: 'member', to: ['officer', 'owner'], body: 'Count me in. My Prospector is parked at Everus Harbor.' },
      { from: 'owner', to: ['officer', 'member'], body: 'Good. I will fly escort in the Vanguard.' },
    ],
    readBy: ['owner', 'officer'],
  },
  {
    subject: 'Fleet review',
    priority: 'high',
    posts: [
      { from: 'owner', to: ['officer'], body: 'Please review the fleet list before the org meeting on Friday.' },
      { from: 'officer', to: ['owner'], body: 'Done: two ships were missing their loaners, fixed now.' },
    ],
  },
  {
    subject: 'Welcome to Far Out',
    posts: [{ from: 'officer', to: ['member'], body: 'Welcome aboard! Ping me on Discord for your first flight.' }],
  },
];

/** Message threads between the demo users of far-out, a system message and an announcement from the officer. */
export async function seedCommunicationsDemo(app: INestApplicationContext, demo: DemoOrg): Promise<void> {
  const messages = app.get(StarcorpMessagesService);
  const as = (user: DemoUser, tier: Tier): OrgAccess => ({
    org: { id: demo.org.id, slug: demo.org.slug, name: demo.org.name } as OrgAccess['org'],
    tier,
    grants: [],
    userId: user.id,
  });
  const access: Record<Who, OrgAccess> = {
    owner: as(demo.owner, 'owner'),
    officer: as(demo.officer, 'officer'),
    member: as(demo.member, 'member'),
  };
  for (const thread of THREADS) {
    let parentMessageId: string | undefined;
    const ids: string[] = [];
    for (const post of thread.posts) {
      const sent = await messages.send(access[post.from], {
        recipientUserIds: post.to.map((who) => access[who].userId!),
        subject: parentMessageId ? `Re: ${thread.subject}` : thread.subject,
        body: post.body,
        priority: thread.priority,
        parentMessageId,
      });
      parentMessageId = sent.id;
      ids.push(sent.id);
    }
    for (const who of thread.readBy ?? []) {
      const received = (await Promise.all(ids.map((id) => messages.get(access[who], id)))).filter(
        (m) => m.sender.userId !== access[who].userId,
      );
      for (const message of received) await messages.markRead(access[who], message.id);
    }
  }
  await messages.sendSystem(demo.org.id, [{ userId: demo.member.id, name: demo.member.username }], {
    subject: 'Your Far Out account is ready',
    body: 'Set up your member profile and register your ships to join squadrons and missions.',
  });
  await messages.announce(access.officer, {
    subject: 'Org meeting on Friday',
    body: 'All hands in the Far Out Discord, Friday 20:00 UTC: fleet review and the next mining season.',
    priority: 'high',
    attachments: [{ name: 'Agenda', url: 'https://robertsspaceindustries.com/orgs/FAROUT' }],
  });
}
