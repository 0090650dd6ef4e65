import { Problem } from '../../../../platform/http/problem';
import {
  acknowledgeTarget,
  assertAcknowledged,
  assertMayMove,
  FUEL_ORDER_MACHINE,
  FUEL_ORDER_STATUSES,
  meteredGallons,
  poundsOf,
  versionAfterEdit,
} from './fuel-order-rules';

const slugOf = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error instanceof Problem ? (error.getResponse() as { slug: string }).slug : error;
  }
  return null;
};

describe('fuel order transitions', () => {
  const allowed = new Set([
    'requested>dispatched',
    'dispatched>acknowledged',
    'acknowledged>en_route',
    'en_route>fueling',
    'fueling>completed',
    'completed>reviewed',
    'requested>cancelled',
    'dispatched>cancelled',
    'acknowledged>cancelled',
    'en_route>cancelled',
  ]);

  it('allows exactly the moves of the issue; nothing is cancelled once fuel flows', () => {
    for (const from of FUEL_ORDER_STATUSES)
      for (const to of FUEL_ORDER_STATUSES)
        expect({ move: `${from}>${to}`, ok: FUEL_ORDER_MACHINE.can(from, to) }).toEqual({
          move: `${from}>${to}`,
          ok: allowed.has(`${from}>${to}`),
        });
    expect(slugOf(() => FUEL_ORDER_MACHINE.assert('fueling', 'cancelled'))).toBe('invalid-transition');
  });
});

describe('meters and pounds', () => {
  it('gallons are end minus start, exactly', () => {
    expect(meteredGallons('1000.25', '1250.50')).toBe('250.25');
    expect(meteredGallons('10.00', '10.00')).toBe('0.00');
  });

  it('needs both meters, and end not below start (400 naming the field)', () => {
    const paths = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return ((error as Problem).getResponse() as { errors: { path: string }[] }).errors.map((e) => e.path);
      }
      return [];
    };
    expect(paths(() => meteredGallons(null, null))).toEqual(['meterStart', 'meterEnd']);
    expect(paths(() => meteredGallons('5.00', null))).toEqual(['meterEnd']);
    expect(paths(() => meteredGallons('5.00', '4.99'))).toEqual(['meterEnd']);
  });

  it('pounds are gallons times the density, rounded half away from zero to the hundredth', () => {
    expect(poundsOf('100.00', '6.700')).toBe('670.00');
    expect(poundsOf('250.25', '6.015')).toBe('1505.25'); // 1505.25375
    expect(poundsOf('0.05', '6.010')).toBe('0.30'); // 0.3005
    expect(poundsOf('0.00', '6.700')).toBe('0.00');
  });
});

describe('acknowledgements', () => {
  const order = (status: string, changeVersion: number, acknowledgedVersion: number | null) =>
    ({ status, changeVersion, acknowledgedVersion }) as Parameters<typeof acknowledgeTarget>[0];

  it('an edit before acknowledgement bumps nothing; after it, the version goes up', () => {
    expect(versionAfterEdit(order('dispatched', 0, null))).toBe(0);
    expect(versionAfterEdit(order('acknowledged', 0, 0))).toBe(1);
    expect(versionAfterEdit(order('en_route', 1, 0))).toBe(2);
  });

  it('acknowledging moves a dispatched order, or re-acknowledges a changed one in place', () => {
    expect(acknowledgeTarget(order('dispatched', 0, null))).toBe('acknowledged');
    expect(acknowledgeTarget(order('acknowledged', 1, 0))).toBe('acknowledged');
    expect(acknowledgeTarget(order('en_route', 2, 1))).toBe('en_route');
    for (const status of ['requested', 'fueling', 'completed', 'reviewed', 'cancelled'])
      expect(slugOf(() => acknowledgeTarget(order(status, 0, null)))).toBe('invalid-transition');
    expect(slugOf(() => acknowledgeTarget(order('acknowledged', 0, 0)))).toBe('invalid-transition');
    expect(slugOf(() => acknowledgeTarget(order('en_route', 0, 0)))).toBe('invalid-transition');
  });

  it('fueling needs the current version acknowledged', () => {
    expect(slugOf(() => assertAcknowledged(order('en_route', 0, 0)))).toBeNull();
    expect(slugOf(() => assertAcknowledged(order('en_route', 1, 0)))).toBe('unacknowledged-change');
  });
});

describe('assertMayMove', () => {
  it('lets assigned fuelers and officers move an order, nobody else', () => {
    expect(slugOf(() => assertMayMove({ userId: 'u1', tier: 'member' }, ['u1']))).toBeNull();
    expect(slugOf(() => assertMayMove({ userId: 'u9', tier: 'officer' }, ['u1']))).toBeNull();
    expect(slugOf(() => assertMayMove({ userId: 'u2', tier: 'member' }, ['u1']))).toBe('forbidden');
    expect(slugOf(() => assertMayMove({ userId: null, tier: null }, ['u1']))).toBe('forbidden');
  });
});
