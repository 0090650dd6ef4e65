import type { DemoSeeder } from '../../../../platform/contexts/context-definition';
import { AircraftService } from '../aircraft/aircraft.service';
import { addDays } from '../common/local-date';
import { EquipmentService } from '../equipment/equipment.service';
import type { EquipmentType } from '../equipment/equipment-rules';
import type { FlightService as FlightServiceName, FlightStatus } from '../flights/flight-rules';
import { FlightsService } from '../flights/flights.service';
import { LineServicesService, LineWorker } from '../line-services/line-services.service';
import { ParkingLocationsService } from '../parking/parking-locations.service';
import { FboSettingsService } from '../settings/fbo-settings.service';
import { localDate } from '../settings/time-zone';

const ZONE = 'America/Denver';
const AIRPORT = 'KMSO';

// prettier-ignore
const TYPES: [icao: string, display: string][] = [
  ['C56X', 'Citation Excel'], ['CL30', 'Challenger 300'], ['GLF4', 'Gulfstream IV'], ['PC12', 'Pilatus PC-12'],
  ['BE20', 'King Air 200'], ['C172', 'Cessna 172'], ['E75L', 'Embraer 175'], ['LJ45', 'Learjet 45'],
];
const ORIGINS = ['KSEA', 'KDEN', 'KSLC', 'KBZN', 'KGPI', 'KBOI', 'KPDX', 'KLAS'];
const SERVICES: FlightServiceName[][] = [['fuel'], ['fuel', 'lav'], ['gpu'], ['fuel', 'water', 'catering'], []];

/** 25 units: 4 fuel trucks (three Jet A, one 100LL) and 21 other units. */
// prettier-ignore
const GSE: [id: string, name: string, type: EquipmentType, capacity?: string][] = [
  ['FT-01', 'Jet A truck 1', 'fuel_truck', '3000.0'], ['FT-02', 'Jet A truck 2', 'fuel_truck', '5000.0'],
  ['FT-03', 'Jet A truck 3 (spare)', 'fuel_truck', '5000.0'], ['FT-04', '100LL truck', 'fuel_truck', '1200.0'],
  ['TUG-01', 'Lektro tug', 'tug'], ['TUG-02', 'Eagle tug', 'tug'], ['TUG-03', 'Lektro tug 2', 'tug'],
  ['TUG-04', 'TLD tug', 'tug'], ['TUG-05', 'Towbarless tug', 'tug'],
  ['GPU-01', 'Hobart GPU', 'gpu'], ['GPU-02', 'Start Pac GPU', 'gpu'], ['GPU-03', 'Hobart GPU 2', 'gpu'],
  ['GPU-04', 'Cart GPU', 'gpu'], ['AS-01', 'Air start cart', 'air_start'], ['AS-02', 'Air start cart 2', 'air_start'],
  ['BL-01', 'Belt loader', 'belt_loader'], ['BL-02', 'Belt loader 2', 'belt_loader'],
  ['ST-01', 'Passenger stairs', 'stairs'], ['ST-02', 'Passenger stairs 2', 'stairs'], ['ST-03', 'Crew stairs', 'stairs'],
  ['LAV-01', 'Lav cart', 'lavatory_service', '80.0'], ['LAV-02', 'Lav cart 2', 'lavatory_service', '80.0'],
  ['WTR-01', 'Water cart', 'water_service', '60.0'], ['WTR-02', 'Water cart 2', 'water_service', '60.0'],
  ['DEI-01', 'Deice cart', 'other'],
];
/** The units line services use, in turn. */
const LINE_UNITS = ['TUG-01', 'GPU-01', 'TUG-03', 'GPU-02', 'TUG-04', 'GPU-03'];
const AIRCRAFT_COUNT = 150;

/** Where a demo flight stands, by its day relative to today (negative: past). */
function demoStatus(day: number, slot: number): FlightStatus {
  if (slot === 5 && day !== 0) return 'cancelled';
  if (day < 0) return 'departed';
  if (day === 0) return (['departed', 'arrived', 'arrived', 'delayed', 'scheduled', 'scheduled'] as const)[slot];
  return day === 1 ? 'scheduled' : 'planned';
}

/** The moves from planned to `status`. */
const PATHS: Record<FlightStatus, FlightStatus[]> = {
  planned: [],
  scheduled: ['scheduled'],
  delayed: ['scheduled', 'delayed'],
  arrived: ['scheduled', 'arrived'],
  departed: ['scheduled', 'arrived', 'departed'],
  cancelled: ['cancelled'],
};

/**
 * Missoula flight operations: KMSO in Mountain time, 30 parking spots, 150 aircraft, a week of
 * flights around today (six a day, in every state), 25 units of GSE with 4 fuel trucks (one unit
 * overdue for maintenance, one out of service) and today's line services in every state. Aircraft
 * and units go in with one insert each, to keep seeding fast.
 */
export const seedFlightOpsDemo: DemoSeeder = async (app, { org, officer, member }) => {
  const orgId = org.id;
  await app
    .get(FboSettingsService)
    .update(orgId, { airports: [AIRPORT], timeZone: ZONE, tags: ['vip', 'medevac', 'based'] });

  const locations = app.get(ParkingLocationsService);
  const spots = [];
  for (let i = 0; i < 30; i++) {
    const row = 'ABC'[Math.floor(i / 10)];
    spots.push(
      await locations.create(orgId, {
        locationCode: `${row}-${(i % 10) + 1}`,
        airport: AIRPORT,
        description: row === 'C' ? 'Hangar 2 apron' : `Ramp ${row}`,
        terminal: row === 'A' ? 'Main' : null,
        displayOrder: i,
      }),
    );
  }

  const aircraft = await app.get(AircraftService).createMany(
    orgId,
    Array.from({ length: AIRCRAFT_COUNT }, (_, i) => {
      const [typeIcao, typeDisplay] = TYPES[i % TYPES.length];
      return { tailNumber: `N${300 + i * 7}MT`, typeIcao, typeDisplay };
    }),
  );

  const equipment = app.get(EquipmentService);
  const today = localDate(new Date(), ZONE);
  const units = await equipment.createMany(
    orgId,
    GSE.map(([equipmentId, name, type, capacityGallons], i) => ({
      equipmentId,
      name,
      type,
      capacityGallons: capacityGallons ?? null,
      // TUG-02 is the overdue one.
      nextMaintenanceOn: addDays(today, equipmentId === 'TUG-02' ? -3 : 10 + i * 3),
    })),
  );
  const unitId = new Map(units.map((u) => [u.equipmentId, u.id]));
  await equipment.changeStatus(orgId, unitId.get('AS-01')!, { to: 'out_of_service' });

  const flights = app.get(FlightsService);
  const todays = [];
  const dayStart = Date.parse(`${today}T14:00:00Z`); // 07:00 or 08:00 in Missoula
  for (let day = -3; day <= 3; day++)
    for (let slot = 0; slot < 6; slot++) {
      const k = (day + 3) * 6 + slot;
      const arrival = new Date(dayStart + day * 86_400_000 + slot * 2 * 3_600_000);
      const flight = await flights.create(orgId, {
        aircraftId: aircraft[k % aircraft.length].id,
        callSign: `MSO${100 + k}`,
        arrivalAt: slot === 4 ? null : arrival,
        departureAt: slot === 2 ? null : new Date(arrival.getTime() + (60 + (k % 4) * 45) * 60_000),
        origin: ORIGINS[k % ORIGINS.length],
        destination: ORIGINS[(k + 3) % ORIGINS.length],
        services: SERVICES[k % SERVICES.length],
        passengerCount: k % 9,
        parkingLocationId: spots[k % spots.length].id,
        tags: k % 7 === 0 ? ['vip'] : [],
      });
      const status = demoStatus(day, slot);
      // A departing-only flight departs straight from scheduled.
      const path = !flight.arrivalAt && status === 'departed' ? ['scheduled', 'departed'] : PATHS[status];
      for (const to of path) await flights.transition(orgId, flight.id, { to: to as Exclude<FlightStatus, 'planned'> });
      if (day === 0) todays.push(flight);
    }

  const line = app.get(LineServicesService);
  const access: LineWorker = { org: { id: orgId }, tier: 'officer', userId: officer.id };
  for (const [i, flight] of todays.entries()) {
    const service = await line.create(orgId, {
      flightId: flight.id,
      serviceType:
        flight.arrivalAt && flight.departureAt
          ? 'turnaround'
          : flight.arrivalAt
            ? 'arrival_service'
            : 'departure_service',
      scheduledAt: new Date(flight.arrivalAt ?? flight.departureAt!),
      personnelUserIds: [member.id],
      equipmentId: unitId.get(LINE_UNITS[i % LINE_UNITS.length])!,
    });
    // One of each state: completed, in progress (its unit in use), cancelled; the rest scheduled.
    if (i === 0) {
      await line.start(access, service.id);
      await line.complete(access, service.id);
    } else if (i === 1) await line.start(access, service.id);
    else if (i === 2) await line.cancel(access, service.id);
  }
};
