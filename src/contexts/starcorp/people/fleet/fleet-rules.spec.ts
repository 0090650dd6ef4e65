import type { Problem } from '../../../../platform/http/problem';
import { FLEET_SHIP_LIFECYCLE, FLEET_STATUSES, isAvailableAt, mayManageHull } from './fleet-rules';

describe('fleet rules', () => {
  it('allows exactly the declared moves', () => {
    const allowed = FLEET_STATUSES.flatMap((from) =>
      FLEET_STATUSES.filter((to) => FLEET_SHIP_LIFECYCLE.can(from, to)).map((to) => `${from}->${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        'pledged->active',
        'pledged->sold',
        'active->on_loan',
        'active->sold',
        'on_loan->active',
        'on_loan->sold',
      ].sort(),
    );
    expect(FLEET_SHIP_LIFECYCLE.isFinal('sold')).toBe(true);
    const refusal = (() => {
      try {
        FLEET_SHIP_LIFECYCLE.assert('sold', 'active');
      } catch (error) {
        return error as Problem;
      }
    })();
    expect(refusal?.getStatus()).toBe(409);
    expect(refusal?.getResponse()).toMatchObject({ slug: 'invalid-transition', currentState: 'sold' });
  });

  it('counts a hull available when flagged, active and inside its window', () => {
    const at = new Date('2026-06-01T00:00:00Z');
    const hull = { status: 'active' as const, availableForMissions: true, availableFrom: null, availableUntil: null };
    expect(isAvailableAt(hull, at)).toBe(true);
    expect(isAvailableAt({ ...hull, availableForMissions: false }, at)).toBe(false);
    expect(isAvailableAt({ ...hull, status: 'on_loan' }, at)).toBe(false);
    expect(isAvailableAt({ ...hull, availableFrom: new Date('2026-07-01') }, at)).toBe(false);
    expect(isAvailableAt({ ...hull, availableUntil: new Date('2026-05-01') }, at)).toBe(false);
  });

  it('lets owners, officers and bots manage a hull, nobody else', () => {
    expect(mayManageHull({ userId: 'a', isOfficer: false }, 'a')).toBe(true);
    expect(mayManageHull({ userId: 'b', isOfficer: false }, 'a')).toBe(false);
    expect(mayManageHull({ userId: 'b', isOfficer: true }, 'a')).toBe(true);
    expect(mayManageHull({ userId: null, isOfficer: false }, 'a')).toBe(true);
  });
});
