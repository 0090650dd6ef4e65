import type { DemoOrg, DemoSeeder, DemoUser } from '../../../../platform/contexts/context-definition';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import type { Tier } from '../../../../platform/tenancy/tiers';
import { StarcorpCatalogService } from '../catalog/catalog.service';
import { StarcorpShipImportService } from '../catalog/ship-import.service';
import type { FleetStatus } from '../fleet/fleet-rules';
import { StarcorpFleetService } from '../fleet/fleet.service';
import { StarcorpMembersService } from '../members/members.service';
import { StarcorpRanksService } from '../ranks/ranks.service';
import { StarcorpSquadronsService } from '../squadrons/squadrons.service';
import { DEMO_SHIP_EXPORT } from './demo-ships';

/** The moves from `active` (a new hull's state) to each demo state. */
const PATH_TO: Record<FleetStatus, FleetStatus[]> = {
  pledged: [],
  active: [],
  on_loan: ['on_loan'],
  sold: ['sold'],
};

/**
 * People-and-ships demo data for the demo org, through the services (so every rule holds): the
 * default ranks given to the demo users, a small shared catalog, a dozen hulls in every state,
 * and three squadrons (one full, one closed to recruits, one open).
 */
export const seedPeopleDemo: DemoSeeder = async (app, demo) => {
  const as = (user: DemoUser, tier: Tier): OrgAccess => ({
    org: { id: demo.org.id, slug: demo.org.slug, name: demo.org.name } as OrgAccess['org'],
    tier,
    grants: [],
    userId: user.id,
  });
  const owner = as(demo.owner, 'owner');
  await seedRanks(app, demo, owner);

  await app.get(StarcorpShipImportService).importExport(DEMO_SHIP_EXPORT);
  const shipIds = [
    ...(await app.get(StarcorpCatalogService).idsByExternalId(DEMO_SHIP_EXPORT.models.map((m) => m.id))).values(),
  ];
  const fleet = app.get(StarcorpFleetService);
  const hulls: [DemoUser, FleetStatus][] = [
    [demo.owner, 'active'],
    [demo.owner, 'active'],
    [demo.owner, 'sold'],
    [demo.officer, 'active'],
    [demo.officer, 'on_loan'],
    [demo.officer, 'pledged'],
    [demo.member, 'active'],
    [demo.member, 'pledged'],
    [demo.member, 'on_loan'],
    [demo.member, 'sold'],
  ];
  for (const [i, [user, status]] of hulls.entries()) {
    const hull = await fleet.create(owner, {
      shipId: shipIds[i % shipIds.length],
      ownerUserId: user.id,
      acquiredVia: i % 3 === 0 ? 'ingame' : 'pledge',
      status: status === 'pledged' ? 'pledged' : 'active',
      insurance: i % 2 === 0 ? 'LTI' : '120 months',
      availableForMissions: status === 'active',
      currentLocation: ['Area18', 'Lorville', 'New Babbage', 'Orison'][i % 4],
    });
    for (const next of PATH_TO[status]) await fleet.changeStatus(owner, hull.id, { status: next });
  }

  const squadrons = app.get(StarcorpSquadronsService);
  const full = await squadrons.create(owner, {
    name: 'Vanguard',
    callsign: 'VNGD',
    focus: 'combat',
    recruiting: true,
    maxMembers: 1,
    commanderUserId: demo.officer.id,
    motto: 'First in, last out',
  });
  await squadrons.join(as(demo.member, 'member'), full.id);
  await squadrons.create(owner, { name: 'Deep Horizon', callsign: 'DHZN', focus: 'exploration', recruiting: false });
  await squadrons.create(owner, {
    name: 'Iron Haulers',
    callsign: 'IRON',
    focus: 'trading',
    recruiting: true,
    maxMembers: 20,
  });
};

/** The default ranks, and a rank for each demo user (owner highest). */
async function seedRanks(app: Parameters<DemoSeeder>[0], demo: DemoOrg, owner: OrgAccess): Promise<void> {
  const ranks = (await app.get(StarcorpRanksService).list(demo.org.id, { limit: 200 })).items;
  const members = app.get(StarcorpMembersService);
  const rankOf = (name: string) => ranks.find((r) => r.name === name)?.id ?? null;
  await members.setRank(owner, demo.owner.id, { rankId: rankOf('Fleet Admiral') });
  await members.setRank(owner, demo.officer.id, { rankId: rankOf('Commander') });
  await members.setRank(owner, demo.member.id, { rankId: rankOf('Sergeant') });
  await members.addRecord(owner, demo.member.id, { kind: 'training', title: 'Basic flight', completedAt: new Date() });
}
