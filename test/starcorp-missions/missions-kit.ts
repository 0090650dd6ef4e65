import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StarcorpShipImportService } from '../../src/contexts/starcorp/people/catalog/ship-import.service';
import { createPeopleOrg, PeopleOrg } from '../starcorp-people/people-kit';
import { TestApp, TestUser, unique } from '../support/test-app';

/** The missions fixture: the starcorp kit, the test catalog's ships by name, and small factories. */
export interface MissionsOrg extends PeopleOrg {
  ship: Record<'Avenger Titan' | 'Cutlass Black' | 'Carrack', string>;
  /** A draft mission (officer by default). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  mission(body?: Record<string, unknown>, who?: TestUser): Promise<any>;
  /** A scheduled mission. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  scheduled(body?: Record<string, unknown>, who?: TestUser): Promise<any>;
  /** A hull of `owner`, available for missions unless the body says otherwise. */
  hull(owner: TestUser, ship?: keyof MissionsOrg['ship'], body?: Record<string, unknown>): Promise<{ id: string }>;
  /** A squadron with a commander (an officer creates it). */
  squadron(commander: TestUser | null, body?: Record<string, unknown>): Promise<{ id: string }>;
}

export const IN_A_WEEK = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

export async function createMissionsOrg(t: TestApp): Promise<MissionsOrg> {
  const p = await createPeopleOrg(t);
  await t.app
    .get(StarcorpShipImportService)
    .importExport(
      JSON.parse(readFileSync(join(__dirname, '../starcorp-people/fixtures/fleetyards-ships.json'), 'utf8')),
    );
  const ship = {} as MissionsOrg['ship'];
  for (const name of ['Avenger Titan', 'Cutlass Black', 'Carrack'] as const) {
    const page = await p.ok(p.org.at('readonly'), 'GET', '/ships', { query: { search: name } });
    ship[name] = page.items.find((s: { name: string }) => s.name === name).id;
  }
  const officer = p.org.at('officer');
  const mission: MissionsOrg['mission'] = (body = {}, who = officer) =>
    p.ok(who, 'POST', '/missions', {
      body: { title: unique('Op'), type: 'combat', scheduledAt: IN_A_WEEK(), ...body },
    });
  return {
    ...p,
    ship,
    mission,
    async scheduled(body, who = officer) {
      const m = await mission(body, who);
      return p.ok(who, 'POST', `/missions/${m.id}/schedule`);
    },
    hull: (owner, model = 'Avenger Titan', body = {}) =>
      p.ok(owner, 'POST', '/fleet', {
        body: { shipId: ship[model], acquiredVia: 'pledge', availableForMissions: true, ...body },
      }),
    squadron: (commander, body = {}) => {
      const name = unique('Wing');
      return p.ok(officer, 'POST', '/squadrons', {
        body: { name, callsign: name.toUpperCase(), recruiting: true, commanderUserId: commander?.id ?? null, ...body },
      });
    },
  };
}
