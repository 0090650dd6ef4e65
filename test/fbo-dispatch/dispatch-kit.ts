import { ContextKit, createContextKit } from '../support/context-kit';
import { HttpResult } from '../support/http';
import { TestApp, TestUser, unique } from '../support/test-app';

export { errorPaths } from '../support/context-kit';

/**
 * The fuel dispatch test org: the shared context kit below `/api/v1/orgs/{org}/fbo`, a `dispatcher`
 * member (front desk), a jet A course every fueler made here holds, and factories for fuelers,
 * stocked trucks and orders.
 */
export interface DispatchOrg extends ContextKit {
  dispatcher: TestUser;
  jetCourseId: string;
  tankId: string;
}

export async function createDispatchOrg(t: TestApp): Promise<DispatchOrg> {
  const kit = await createContextKit(t, 'fbo');
  const officer = kit.org.at('officer');
  const dispatcher = await kit.org.addUser('member', ['dispatcher']);
  const course = await kit.ok(officer, 'POST', '/training-courses', {
    body: { name: unique('Jet A'), kind: 'initial', validityCalendarMonths: 24, fuelTypes: ['jet_a', 'avgas_100ll'] },
  });
  const tank = await kit.ok(officer, 'POST', '/tanks', {
    body: {
      tankId: unique('T').slice(0, 32),
      name: 'Jet A tank',
      fuelType: 'jet_a',
      capacityGallons: '100000',
      minLevelInches: '0',
      maxLevelInches: '100',
      usableMinInches: '0',
      usableMaxInches: '100',
      calibrationTable: [
        { inches: '0', gallons: '0' },
        { inches: '100', gallons: '100000' },
      ],
      lowLevelGallons: '3000',
      criticalLevelGallons: '1000',
    },
  });
  await kit.ok(officer, 'POST', '/fuel/receipts', { body: { tankId: tank.id, gallons: '90000' } });
  return { ...kit, dispatcher, jetCourseId: course.id, tankId: tank.id };
}

export interface LineFueler {
  user: TestUser;
  id: string;
}

/** A member made a fueler and certified on the org's jet A course (unless `certified` is false). */
export async function createLineFueler(d: DispatchOrg, certified = true): Promise<LineFueler> {
  const user = await d.org.addUser('member');
  const officer = d.org.at('officer');
  const fueler = await d.ok(officer, 'POST', '/fuelers', {
    body: { userId: user.id, fuelerName: `Fueler ${user.username}`, employeeId: unique('E').slice(0, 32) },
  });
  if (certified)
    await d.ok(officer, 'POST', '/certifications/complete', {
      body: { fuelerId: fueler.id, courseId: d.jetCourseId, completedOn: new Date().toISOString().slice(0, 10) },
    });
  return { user, id: fueler.id };
}

/** A fuel truck of the org holding `gallons` of jet A (transferred from the org's tank). */
export async function createTruck(d: DispatchOrg, gallons = '5000', capacityGallons = '5000'): Promise<string> {
  const officer = d.org.at('officer');
  const truck = await d.ok(officer, 'POST', '/equipment', {
    body: { equipmentId: unique('FT').slice(0, 32), name: 'Fuel truck', type: 'fuel_truck', capacityGallons },
  });
  if (gallons !== '0')
    await d.ok(officer, 'POST', '/fuel/transfers', { body: { fromTankId: d.tankId, toTruckId: truck.id, gallons } });
  return truck.id;
}

/** The gallons a truck holds now. */
export async function truckStock(d: DispatchOrg, truckId: string): Promise<string | undefined> {
  const stock = await d.ok(d.org.at('readonly'), 'GET', '/fuel/stock', { query: { holderKind: 'truck' } });
  return stock.find((s: { holderId: string }) => s.holderId === truckId)?.gallons;
}

export const orderBody = (extra: Record<string, unknown> = {}) => ({
  tailNumber: 'n123ab',
  fuelType: 'jet_a',
  requestedGallons: '100',
  ...extra,
});

/** A requested order booked by the dispatcher. */
export const createOrder = (d: DispatchOrg, extra: Record<string, unknown> = {}) =>
  d.ok(d.dispatcher, 'POST', '/fuel-orders', { body: orderBody(extra) });

/** A move of an order (`acknowledge`, `en-route`, `fueling`, `complete`, `review`, `cancel`, `assign`, ...). */
export const act = (
  d: DispatchOrg,
  who: TestUser | null,
  id: string,
  action: string,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<HttpResult> => d.call(who, 'POST', `/fuel-orders/${id}/${action}`, { body, headers });

/** An order on `truck`, assigned to `fueler` and taken to `until` (acknowledged, en_route, fueling). */
export async function orderUpTo(
  d: DispatchOrg,
  fueler: LineFueler,
  truckId: string,
  until: 'dispatched' | 'acknowledged' | 'en_route' | 'fueling',
  extra: Record<string, unknown> = {},
) {
  const order = await createOrder(d, { truckId, ...extra });
  const steps: [string, string, unknown?][] = [
    ['dispatched', 'assign', { fuelerId: fueler.id }],
    ['acknowledged', 'acknowledge'],
    ['en_route', 'en-route'],
    ['fueling', 'fueling', {}],
  ];
  let last = order;
  for (const [state, action, body] of steps) {
    const who = action === 'assign' ? d.dispatcher : fueler.user;
    const res = await act(d, who, order.id, action, body);
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
    last = res.body;
    if (state === until) break;
  }
  return last;
}
