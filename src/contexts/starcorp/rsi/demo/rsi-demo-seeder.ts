import type { INestApplicationContext } from '@nestjs/common';
import type { DemoOrg, DemoUser } from '../../../../platform/contexts/context-definition';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { RsiService } from '../rsi.service';
import type { RsiCitizenListing, RsiOrganization } from '../upstream/rsi-api-parse';

const SID = 'FAROUTCORP';

const RANKS: [rank: string, stars: number][] = [
  ['Founder', 5],
  ['Director', 4],
  ['Officer', 3],
  ['Senior Member', 2],
  ['Member', 1],
  ['Recruit', 0],
];

const CALLSIGNS = [
  'Nova',
  'Drifter',
  'Quasar',
  'Vector',
  'Halcyon',
  'Ember',
  'Talon',
  'Zenith',
  'Orbit',
  'Comet',
  'Raptor',
  'Solace',
  'Vortex',
  'Aurora',
  'Nebula',
  'Pulsar',
  'Flint',
  'Kestrel',
  'Mirage',
  'Onyx',
  'Rook',
  'Sable',
  'Tempest',
  'Umbra',
  'Wraith',
  'Yonder',
  'Zephyr',
  'Cinder',
  'Gale',
  'Harbor',
];

/** The Far Out Corporation's RSI page as a sync would have mirrored it (no call to the real API). */
function farOutOrganization(): RsiOrganization {
  const raw = {
    sid: SID,
    name: 'Far Out Corporation',
    archetype: 'Corporation',
    commitment: 'Regular',
    lang: 'English',
    recruiting: true,
    members: String(CALLSIGNS.length + 4),
    headline: { plaintext: 'Far out, and further still.', html: '<p>Far out, and further still.</p>' },
  };
  return {
    sid: SID,
    name: raw.name,
    archetype: raw.archetype,
    commitment: raw.commitment,
    primaryLanguage: raw.lang,
    recruiting: true,
    memberCount: Number(raw.members),
    headline: raw.headline.plaintext,
    description: 'A multi-role corporation: mining, hauling, exploration and the odd bounty.',
    history: 'Founded by a handful of pilots who met in a Port Olisar hangar.',
    manifesto: 'Fly together, share the haul, leave nobody stranded.',
    charter: 'Be civil. Show up for ops you sign up for. Pay your fuel.',
    logoUrl: 'https://robertsspaceindustries.com/media/faroutcorp-logo.png',
    bannerUrl: 'https://robertsspaceindustries.com/media/faroutcorp-banner.jpg',
    raw,
  };
}

/** 30 citizens over the ranks, plus one handle per demo user (linked to them below). */
function farOutCitizens(demoUsers: DemoUser[]): RsiCitizenListing[] {
  const citizen = (handle: string, i: number): RsiCitizenListing => {
    const [rank, stars] = RANKS[Math.min(i, RANKS.length - 1)];
    return { handle, displayName: handle.replace(/_/g, ' '), rank, stars, avatarUrl: null };
  };
  return [
    ...demoUsers.map((u, i) => citizen(`FarOut_${u.username.replace(/[^A-Za-z0-9_-]/g, '_')}`.slice(0, 64), i)),
    ...CALLSIGNS.map((name, i) => citizen(`${name}_Pilot`, 1 + (i % RANKS.length))),
  ];
}

/**
 * RSI mirror demo data: the FAROUTCORP profile and ~30 listed citizens (as after a sync), two of
 * them departed (listed once, then no more), and the demo owner, officer and member linked to
 * handles of their own.
 */
export async function seedRsiDemo(app: INestApplicationContext, demo: DemoOrg): Promise<void> {
  const rsi = app.get(RsiService);
  const orgId = demo.org.id;
  await rsi.updateProfile(orgId, { sid: SID });
  const users = [demo.owner, demo.officer, demo.member];
  const citizens = farOutCitizens(users);
  const organization = farOutOrganization();
  // A first sync listed two pilots who have left since: the second one marks them departed.
  await rsi.applySync(orgId, SID, { organization, listed: citizens }, 'demo');
  await rsi.applySync(orgId, SID, { organization, listed: citizens.slice(0, -2) }, 'demo');
  const owner: OrgAccess = {
    org: { id: orgId, slug: demo.org.slug, name: demo.org.name } as OrgAccess['org'],
    tier: 'owner',
    grants: [],
    userId: demo.owner.id,
  };
  for (const [i, user] of users.entries()) await rsi.link(owner, citizens[i].handle, user.id);
}
