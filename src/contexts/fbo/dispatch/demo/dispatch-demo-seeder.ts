import type { INestApplicationContext } from '@nestjs/common';
import type { DemoOrg } from '../../../../platform/contexts/context-definition';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { EquipmentService } from '../../flight-ops/equipment/equipment.service';
import { FlightsService } from '../../flight-ops/flights/flights.service';
import { FuelersService } from '../../fuel/fuelers/fuelers.service';
import { FuelStockService } from '../../fuel/stock/fuel-stock.service';
import { FuelTanksService } from '../../fuel/tanks/tanks.service';
import type { CreateFuelOrderDto, FuelOrderDto } from '../fuel-orders/dto/fuel-order.dto';
import type { FuelOrderStatus } from '../fuel-orders/fuel-order-rules';
import { FuelOrdersService } from '../fuel-orders/fuel-orders.service';

type Access = OrgAccess;

const accessOf = (orgId: string, userId: string, tier: 'officer' | 'member', grants: string[] = []): Access => ({
  org: { id: orgId } as OrgAccess['org'],
  tier,
  grants: grants as OrgAccess['grants'],
  userId,
});

/**
 * The demo orders: the state each reaches, the truck (by equipment id) and what was asked. Closed
 * orders come first: a truck and a fueler are out on one order at a time, so the orders still out
 * (en route, fueling) come last, on different trucks and fuelers.
 */
// prettier-ignore
const ORDERS: { to: FuelOrderStatus; truck?: string; fuelType?: 'jet_a' | 'avgas_100ll'; gallons?: string; notes?: string; meters?: [string, string] }[] = [
  { to: 'requested', gallons: '300', notes: 'Top wings only; customer on board' },
  { to: 'requested', fuelType: 'avgas_100ll', gallons: '40' },
  { to: 'completed', truck: 'FT-02', gallons: '600', meters: ['47000.00', '47612.40'] },
  { to: 'completed', truck: 'FT-02', gallons: '350', meters: ['47612.40', '47960.10'] },
  { to: 'reviewed', truck: 'FT-02', gallons: '120', meters: ['47960.10', '48078.85'] },
  { to: 'reviewed', truck: 'FT-02', gallons: '180', meters: ['48078.85', '48260.00'] },
  { to: 'cancelled', truck: 'FT-01', gallons: '200', notes: 'Crew changed plans' },
  { to: 'dispatched', truck: 'FT-01', gallons: '500' },
  { to: 'acknowledged', truck: 'FT-01', gallons: '250', notes: 'Prist additive requested' },
  { to: 'en_route', truck: 'FT-01', gallons: '400' },
  { to: 'fueling', truck: 'FT-02', gallons: '800', meters: ['48260.00', ''] },
];

const PATH: FuelOrderStatus[] = ['dispatched', 'acknowledged', 'en_route', 'fueling', 'completed', 'reviewed'];

/**
 * Fuel orders of the demo org in every state, on the demo flights, trucks and fuelers (run after the
 * flight-ops and fuel demo data). The Jet A trucks are filled from the farm first, so completed
 * orders dispense real stock. The front desk is the demo dispatcher (or the officer); fuelers move
 * their own orders.
 */
export async function seedDispatchDemo(app: INestApplicationContext, demo: DemoOrg): Promise<void> {
  const orgId = demo.org.id;
  const officer = accessOf(orgId, demo.officer.id, 'officer');
  const desk = demo.grantHolders.dispatcher
    ? accessOf(orgId, demo.grantHolders.dispatcher.id, 'member', ['dispatcher'])
    : officer;
  const trucks = await demoTrucks(app, orgId);
  if (!trucks.size) return;
  await fillTrucks(app, officer, trucks);
  const fuelers = (await app.get(FuelersService).list(orgId, { status: 'active', limit: 20 } as never)).items;
  const flights = (await app.get(FlightsService).list(orgId, { limit: 50 } as never)).items.filter((f) => f.aircraftId);
  const orders = app.get(FuelOrdersService);
  for (const [i, spec] of ORDERS.entries()) {
    const fueler = fuelers[i % Math.min(fuelers.length, 4)];
    const body: CreateFuelOrderDto = {
      fuelType: spec.fuelType ?? 'jet_a',
      requestedGallons: spec.gallons,
      truckId: spec.truck ? (trucks.get(spec.truck) ?? null) : null,
      csrNotes: spec.notes,
      priority: i === 0 ? 'high' : 'normal',
      ...(flights[i] ? { flightId: flights[i].id } : { tailNumber: `N${100 + i}MS` }),
    };
    let order = await orders.create(desk, body);
    if (spec.to === 'requested' || !fueler) continue;
    const line = accessOf(orgId, fueler.userId, 'member');
    for (const step of PATH) {
      if (spec.to === 'cancelled' && step === 'acknowledged') break;
      order = await move(orders, { desk, line }, order, step, fueler.id, spec.meters);
      if (step === spec.to) break;
    }
    if (spec.to === 'cancelled') await orders.cancel(desk, order.id);
  }
}

async function move(
  orders: FuelOrdersService,
  who: { desk: Access; line: Access },
  order: FuelOrderDto,
  step: FuelOrderStatus,
  fuelerId: string,
  meters?: [string, string],
): Promise<FuelOrderDto> {
  if (step === 'dispatched') return orders.assign(who.desk, order.id, { fuelerId });
  if (step === 'acknowledged') return orders.acknowledge(who.line, order.id, undefined);
  if (step === 'en_route') return orders.enRoute(who.line, order.id, undefined);
  if (step === 'fueling') return orders.startFueling(who.line, order.id, { meterStart: meters?.[0] });
  if (step === 'completed') return orders.complete(who.line, order.id, { meterEnd: meters?.[1] });
  return orders.review(who.desk, order.id);
}

/** The demo fuel trucks by equipment id (FT-01, ...). */
async function demoTrucks(app: INestApplicationContext, orgId: string): Promise<Map<string, string>> {
  const units = (await app.get(EquipmentService).list(orgId, { type: 'fuel_truck', limit: 50 } as never)).items;
  return new Map(units.map((u) => [u.equipmentId, u.id]));
}

/** Fills the Jet A trucks from the fullest Jet A tank, so completions dispense booked stock. */
async function fillTrucks(app: INestApplicationContext, officer: Access, trucks: Map<string, string>): Promise<void> {
  const tanks = (await app.get(FuelTanksService).list(officer.org.id, { fuelType: 'jet_a', limit: 50 } as never)).items;
  const tank = tanks[0];
  if (!tank) return;
  const stock = app.get(FuelStockService);
  for (const [code, gallons] of [
    ['FT-01', '2500'],
    ['FT-02', '4000'],
  ] as const) {
    const truckId = trucks.get(code);
    if (truckId) await stock.transfer(officer, { fromTankId: tank.id, toTruckId: truckId, gallons });
  }
}
