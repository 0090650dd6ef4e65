import type { INestApplicationContext } from '@nestjs/common';
import type { DemoOrg, DemoUser } from '../../../../platform/contexts/context-definition';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import type { Tier } from '../../../../platform/tenancy/tiers';
import { StarcorpFleetService } from '../../people/fleet/fleet.service';
import { StarcorpSquadronsService } from '../../people/squadrons/squadrons.service';
import type { MissionStatus, MissionType, ParticipantStatus } from '../mission-rules';
import { StarcorpMissionsService } from '../missions.service';

const DAY = 86_400_000;

type Who = 'owner' | 'officer' | 'member';

/** One step of a demo mission's story: a lifecycle move, a sign-up, or the runner moving a participant. */
type Step = ['move', MissionStatus] | ['signUp', Who] | ['set', Who, ParticipantStatus];

interface DemoMission {
  title: string;
  type: MissionType;
  /** Days from now. */
  inDays: number;
  steps: Step[];
  /** The Vanguard squadron's mission, run by its commander. */
  squadron?: boolean;
  maxParticipants?: number;
}

/** Missions in every state, crewed by the demo users with their own hulls. */
const MISSIONS: DemoMission[] = [
  { title: 'Stanton Cargo Run', type: 'trading', inDays: 14, steps: [] },
  {
    title: 'Jumptown Security Detail',
    type: 'security',
    inDays: 5,
    maxParticipants: 8,
    steps: [
      ['move', 'scheduled'],
      ['signUp', 'member'],
      ['signUp', 'officer'],
      ['set', 'officer', 'confirmed'],
    ],
  },
  {
    title: 'Vanguard Patrol',
    type: 'combat',
    inDays: 3,
    squadron: true,
    steps: [
      ['move', 'scheduled'],
      ['signUp', 'member'],
      ['set', 'member', 'confirmed'],
    ],
  },
  {
    title: 'Aaron Halo Mining Shift',
    type: 'mining',
    inDays: 0,
    steps: [
      ['move', 'scheduled'],
      ['signUp', 'member'],
      ['signUp', 'owner'],
      ['set', 'member', 'confirmed'],
      ['set', 'owner', 'confirmed'],
      ['move', 'in_progress'],
      ['set', 'owner', 'attended'],
    ],
  },
  {
    title: 'Operation Far Out',
    type: 'combat',
    inDays: -7,
    steps: [
      ['move', 'scheduled'],
      ['signUp', 'owner'],
      ['signUp', 'member'],
      ['signUp', 'officer'],
      ['set', 'owner', 'confirmed'],
      ['set', 'member', 'confirmed'],
      ['set', 'officer', 'confirmed'],
      ['move', 'in_progress'],
      ['set', 'owner', 'attended'],
      ['set', 'member', 'attended'],
      ['set', 'officer', 'no_show'],
      ['move', 'completed'],
    ],
  },
  {
    title: 'Old Vanderval Race Night',
    type: 'racing',
    inDays: 10,
    steps: [
      ['move', 'scheduled'],
      ['signUp', 'member'],
      ['set', 'member', 'declined'],
      ['move', 'cancelled'],
    ],
  },
];

/**
 * Missions demo data, through the services (so every rule holds): a mission in each state, one of
 * them the Vanguard squadron's (run by its commander, the officer), crewed by the demo users with
 * their own available hulls; the completed one leaves service records. Runs after the people seeder.
 */
export async function seedMissionsDemo(app: INestApplicationContext, demo: DemoOrg): Promise<void> {
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
  const fleet = app.get(StarcorpFleetService);
  const hullOf = async (who: Who) =>
    (await fleet.list(demo.org.id, { owner: access[who].userId!, available: true, limit: 1 })).items[0]?.id ?? null;
  const vanguard = (await app.get(StarcorpSquadronsService).list(demo.org.id, { limit: 200 })).items.find(
    (s) => s.name === 'Vanguard',
  );
  const missions = app.get(StarcorpMissionsService);
  for (const plan of MISSIONS) {
    const squadronId = plan.squadron && vanguard ? vanguard.id : null;
    const commander = squadronId ? vanguard?.commanderUserId : null;
    const runner = commander === demo.officer.id ? access.officer : access.owner;
    const { id } = await missions.create(runner, {
      title: plan.title,
      type: plan.type,
      scheduledAt: new Date(Date.now() + plan.inDays * DAY),
      maxParticipants: plan.maxParticipants ?? null,
      squadronId,
    });
    for (const step of plan.steps) {
      if (step[0] === 'move') await missions.move(runner, id, step[1]);
      else if (step[0] === 'signUp') await missions.signUp(access[step[1]], id, { fleetShipId: await hullOf(step[1]) });
      else await missions.updateParticipant(runner, id, access[step[1]].userId!, { status: step[2] });
    }
  }
}
