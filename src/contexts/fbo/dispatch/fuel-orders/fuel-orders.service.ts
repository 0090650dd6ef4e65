import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../../../platform/audit/audit.service';
import { DomainEvents } from '../../../../platform/events/domain-events';
import { LiveEvents } from '../../../../platform/events/live-events';
import { keysetPage, Page, timeAndId } from '../../../../platform/http/pagination';
import { Problem } from '../../../../platform/http/problem';
import { DocumentNumbers } from '../../../../platform/numbering/document-numbers';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { AircraftService } from '../../flight-ops/aircraft/aircraft.service';
import { equipmentHolder } from '../../flight-ops/equipment/equipment-rules';
import { EquipmentService } from '../../flight-ops/equipment/equipment.service';
import { FlightsService } from '../../flight-ops/flights/flights.service';
import { FboSettingsService } from '../../flight-ops/settings/fbo-settings.service';
import { FuelersService } from '../../fuel/fuelers/fuelers.service';
import { FuelStockService } from '../../fuel/stock/fuel-stock.service';
import type { FuelType } from '../../fuel/tanks/tank.entity';
import { CertificationsService } from '../../fuel/training/certifications.service';
import {
  AssignFuelerDto,
  CompleteFuelOrderDto,
  CreateFuelOrderDto,
  FuelOrderDto,
  ListFuelOrdersQueryDto,
  ListMyFuelOrdersQueryDto,
  StartFuelingDto,
  UpdateFuelOrderDto,
} from './dto/fuel-order.dto';
import { FuelOrder } from './fuel-order.entity';
import {
  acknowledgeTarget,
  assertAcknowledged,
  assertMayMove,
  BUSY_STATUSES,
  FUEL_ORDER_EVENTS,
  FUEL_ORDER_MACHINE,
  FuelOrderStatus,
  meteredGallons,
  OPEN_STATUSES,
  poundsOf,
  STATE_TIME,
  versionAfterEdit,
} from './fuel-order-rules';
import { FuelerAssignment } from './fueler-assignment.entity';
import { FuelOrdersRepository, truckBusy } from './fuel-orders.repository';
import { conflictProblem } from '../../../../platform/database/unique-conflict';
import { assertIfMatch } from '../../../../platform/http/conditional-requests';

/** The topic of the org's dispatch stream (`fuel-orders/dispatch/events`). */
export const dispatchTopic = (orgId: string) => `fbo-dispatch:${orgId}`;

const TICKET_SEQUENCE = 'fbo.ticket';
const TICKET_PREFIX = 'FT-';

/** Who acts: the request's caller, or the demo seeder's stand-in. */
export type Dispatcher = OrgAccess;

function toFuelOrderDto(o: FuelOrder, assignments: FuelerAssignment[]): FuelOrderDto {
  return {
    id: o.id,
    ticketNumber: o.ticketNumber,
    flightId: o.flightId,
    aircraftId: o.aircraftId,
    tailNumber: o.tailNumber,
    aircraftType: o.aircraftType,
    fuelType: o.fuelType,
    requestedGallons: o.requestedGallons,
    topOff: o.topOff,
    truckId: o.truckId,
    priority: o.priority,
    csrNotes: o.csrNotes,
    lineNotes: o.lineNotes,
    meterStart: o.meterStart,
    meterEnd: o.meterEnd,
    gallons: o.gallons,
    density: o.density,
    pounds: o.pounds,
    chargeFlags: o.chargeFlags,
    status: o.status,
    changeVersion: o.changeVersion,
    acknowledgedVersion: o.acknowledgedVersion,
    revision: o.revision,
    fuelers: assignments
      .filter((a) => a.fuelOrderId === o.id)
      .map((a) => ({ fuelerId: a.fuelerId, userId: a.userId, busy: a.busy, assignedAt: a.createdAt })),
    dispatchedAt: o.dispatchedAt,
    acknowledgedAt: o.acknowledgedAt,
    enRouteAt: o.enRouteAt,
    fuelingAt: o.fuelingAt,
    completedAt: o.completedAt,
    reviewedAt: o.reviewedAt,
    cancelledAt: o.cancelledAt,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}

/** Whether `error` is the problem `slug`. */
const isSlug = (error: unknown, slug: string) =>
  error instanceof Problem && (error.getResponse() as { slug?: string }).slug === slug;

/** An order's hold on its truck while it is out (en_route, fueling): only the order frees it. */
const truckHolder = (order: FuelOrder) => equipmentHolder('fuel_order', order.id);

const fieldProblem = (path: string, message: string) => Problem.validation([{ path, message }]);

/** 409 for changing an order whose fuel already flows (or that is closed). */
function closed(order: FuelOrder): Problem {
  return Problem.conflict(`The fuel order is ${order.status}; it can no longer change`, 'fuel-order-closed', {
    currentState: order.status,
  });
}

/** A change of one order under its row lock: the order, its fuelers, and the event to announce. */
interface Change {
  order: FuelOrder;
  assignments: FuelerAssignment[];
  from: FuelOrderStatus;
}

/**
 * Fuel orders (Fuel Dispatch). Every change runs under the order's row lock and bumps `revision`
 * (the ETag). The truck and each fueler are out (en route or fueling) on one order at a time: going en
 * route puts the truck in use under its equipment row lock (so line services cannot take it, and it
 * cannot take a unit a line service holds), completing or cancelling an order out frees it; the
 * partial unique indexes back this up (409 `truck-busy`, `fueler-busy`).
 * Completing books the dispense from the truck in the same transaction (409 `insufficient-fuel`
 * rolls the completion back). Committed changes are also published on the org's dispatch stream.
 */
@Injectable()
export class FuelOrdersService {
  constructor(
    private readonly orders: FuelOrdersRepository,
    private readonly flights: FlightsService,
    private readonly aircraft: AircraftService,
    private readonly equipment: EquipmentService,
    private readonly settings: FboSettingsService,
    private readonly fuelers: FuelersService,
    private readonly certifications: CertificationsService,
    private readonly stock: FuelStockService,
    private readonly numbers: DocumentNumbers,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
    private readonly live: LiveEvents,
  ) {}

  async list(orgId: string, q: ListFuelOrdersQueryDto): Promise<Page<FuelOrderDto>> {
    const rows = await this.orders.page(orgId, q, q);
    const assignments = await this.orders.assignmentsOf(
      orgId,
      rows.map((o) => o.id),
    );
    return keysetPage(
      rows,
      q.limit,
      (o) => timeAndId(o.createdAt, o.id),
      (o) => toFuelOrderDto(o, assignments),
    );
  }

  /** The caller's orders (none when the caller is not a fueler). */
  async listMine(access: OrgAccess, q: ListMyFuelOrdersQueryDto): Promise<Page<FuelOrderDto>> {
    if (!access.userId) return { items: [], nextCursor: null };
    return this.list(access.org.id, { ...q, userId: access.userId } as ListFuelOrdersQueryDto);
  }

  async get(orgId: string, id: string): Promise<FuelOrderDto> {
    const order = await this.orders.load(orgId, id);
    return toFuelOrderDto(order, await this.orders.assignmentsOf(orgId, [id]));
  }

  /** A new order (requested); the ticket number is the org's next unless given. */
  async create(access: Dispatcher, dto: CreateFuelOrderDto): Promise<FuelOrderDto> {
    const orgId = access.org.id;
    return this.write(orgId, 'fbo.fuel_order.created', async (tx) => {
      const order = Object.assign(new FuelOrder(), { orgId, createdById: access.userId, status: 'requested' });
      await this.resolveAircraft(tx, orgId, order, dto);
      this.applyRequest(order, dto);
      order.fuelType = dto.fuelType;
      if (dto.truckId) await this.loadTruck(tx, orgId, dto.truckId);
      order.truckId = dto.truckId ?? null;
      order.priority = dto.priority ?? 'normal';
      order.csrNotes = dto.csrNotes ?? '';
      order.chargeFlags = [...new Set(dto.chargeFlags ?? [])];
      order.ticketNumber =
        dto.ticketNumber ?? (await this.numbers.next(tx, orgId, TICKET_SEQUENCE, TICKET_PREFIX)).formatted;
      return { order: await this.orders.save(tx, order), assignments: [], from: 'requested' };
    });
  }

  /**
   * Changes the front desk's part of an order before fuel flows. Needs `If-Match` (428; stale: 412).
   * After the fueler acknowledged, the change bumps `changeVersion`: they acknowledge again before fueling.
   */
  update(access: Dispatcher, id: string, dto: UpdateFuelOrderDto, ifMatch: string | undefined): Promise<FuelOrderDto> {
    const orgId = access.org.id;
    return this.change(orgId, id, ifMatch, true, async (tx, { order, assignments }) => {
      if (!OPEN_STATUSES.includes(order.status)) throw closed(order);
      const out = BUSY_STATUSES.includes(order.status);
      if (out && dto.truckId !== undefined && dto.truckId !== order.truckId)
        throw fieldProblem('truckId', 'the truck cannot change while it is out with the order');
      if (out && dto.fuelType !== undefined && dto.fuelType !== order.fuelType)
        throw fieldProblem('fuelType', 'the fuel type cannot change while the truck is out with the order');
      if (dto.truckId) await this.loadTruck(tx, orgId, dto.truckId);
      if (dto.fuelType && dto.fuelType !== order.fuelType)
        for (const a of assignments)
          await this.assertCertified(tx, orgId, a.fuelerId, dto.fuelType, order.aircraftType);
      const before = JSON.stringify(editable(order));
      this.applyRequest(order, dto, true);
      if (dto.fuelType !== undefined) order.fuelType = dto.fuelType;
      if (dto.truckId !== undefined) order.truckId = dto.truckId;
      if (dto.priority !== undefined) order.priority = dto.priority;
      if (dto.csrNotes !== undefined) order.csrNotes = dto.csrNotes;
      if (dto.chargeFlags !== undefined) order.chargeFlags = [...new Set(dto.chargeFlags)];
      if (JSON.stringify(editable(order)) !== before) order.changeVersion = versionAfterEdit(order);
    });
  }

  /** Assigns a fueler (active and certified, else 409 `fueler-not-certified`); a requested order becomes dispatched. */
  assign(access: Dispatcher, id: string, dto: AssignFuelerDto): Promise<FuelOrderDto> {
    const orgId = access.org.id;
    return this.change(orgId, id, undefined, false, async (tx, change) => {
      const { order, assignments } = change;
      if (!OPEN_STATUSES.includes(order.status)) throw closed(order);
      const fueler = await this.fuelers.get(orgId, dto.fuelerId, tx);
      await this.assertCertified(tx, orgId, fueler.id, order.fuelType, order.aircraftType);
      if (assignments.some((a) => a.fuelerId === fueler.id)) return;
      const assignment = await this.orders.addAssignment(tx, {
        orgId,
        fuelOrderId: order.id,
        fuelerId: fueler.id,
        userId: fueler.userId,
        busy: BUSY_STATUSES.includes(order.status),
        assignedById: access.userId,
      });
      assignments.push(assignment);
      if (order.status === 'requested') this.enter(order, 'dispatched');
    });
  }

  /**
   * Takes a fueler off an order. The last one off a dispatched or acknowledged order returns it to
   * requested (it needs dispatching again); the last one off an order out on the ramp is refused.
   */
  unassign(access: Dispatcher, id: string, dto: AssignFuelerDto): Promise<FuelOrderDto> {
    const orgId = access.org.id;
    return this.change(orgId, id, undefined, false, async (tx, change) => {
      const { order, assignments } = change;
      if (!OPEN_STATUSES.includes(order.status)) throw closed(order);
      const index = assignments.findIndex((a) => a.fuelerId === dto.fuelerId);
      if (index < 0) throw Problem.notFound('Fueler assignment');
      if (assignments.length === 1 && order.status === 'en_route')
        throw Problem.conflict('The order is en route; it keeps at least one fueler', 'invalid-transition', {
          currentState: order.status,
          attemptedState: 'requested',
        });
      await this.orders.removeAssignment(tx, assignments[index]);
      assignments.splice(index, 1);
      if (!assignments.length) {
        order.status = 'requested';
        order.acknowledgedVersion = null;
      }
    });
  }

  /** The fueler acknowledges the order (dispatched → acknowledged), or re-acknowledges a changed one. */
  acknowledge(access: OrgAccess, id: string, ifMatch: string | undefined): Promise<FuelOrderDto> {
    return this.change(access.org.id, id, ifMatch, false, async (_tx, { order, assignments }) => {
      assertMayMove(access, userIds(assignments));
      const to = acknowledgeTarget(order);
      if (to !== order.status) this.enter(order, to);
      order.acknowledgedVersion = order.changeVersion;
      order.acknowledgedAt = new Date();
    });
  }

  /** The fueler drives out with the truck: the truck and the fuelers are out on this order only. */
  enRoute(access: OrgAccess, id: string, ifMatch: string | undefined): Promise<FuelOrderDto> {
    const orgId = access.org.id;
    return this.change(orgId, id, ifMatch, false, async (tx, { order, assignments }) => {
      assertMayMove(access, userIds(assignments));
      FUEL_ORDER_MACHINE.assert(order.status, 'en_route');
      if (!order.truckId) throw fieldProblem('truckId', 'the order needs a truck before it goes en route');
      await this.loadTruck(tx, orgId, order.truckId);
      // Locks: the order row, then the truck's equipment row (as line services do), then the fuelers.
      await this.claimTruck(tx, order);
      this.enter(order, 'en_route');
      await this.orders.save(tx, order);
      await this.orders.setBusy(tx, assignments, true);
    });
  }

  /** Fuel starts flowing: needs the current instructions acknowledged (409 `unacknowledged-change`). */
  startFueling(access: OrgAccess, id: string, dto: StartFuelingDto, ifMatch?: string): Promise<FuelOrderDto> {
    return this.change(access.org.id, id, ifMatch, false, async (_tx, { order, assignments }) => {
      assertMayMove(access, userIds(assignments));
      FUEL_ORDER_MACHINE.assert(order.status, 'fueling');
      assertAcknowledged(order);
      if (dto.meterStart !== undefined) order.meterStart = dto.meterStart;
      if (dto.lineNotes !== undefined) order.lineNotes = dto.lineNotes;
      this.enter(order, 'fueling');
    });
  }

  /**
   * Completes the order: both meters (end ≥ start, else 400) give the gallons, the settings' density
   * the pounds, and the gallons are dispensed from the truck in the same transaction.
   */
  complete(access: OrgAccess, id: string, dto: CompleteFuelOrderDto, ifMatch?: string): Promise<FuelOrderDto> {
    const orgId = access.org.id;
    return this.change(orgId, id, ifMatch, false, async (tx, { order, assignments }) => {
      assertMayMove(access, userIds(assignments));
      FUEL_ORDER_MACHINE.assert(order.status, 'completed');
      const gallons = meteredGallons(dto.meterStart ?? order.meterStart, dto.meterEnd ?? order.meterEnd);
      order.meterStart = dto.meterStart ?? order.meterStart;
      order.meterEnd = dto.meterEnd ?? order.meterEnd;
      order.gallons = gallons;
      order.density = await this.settings.density(orgId, order.fuelType, tx);
      order.pounds = poundsOf(gallons, order.density);
      if (dto.lineNotes !== undefined) order.lineNotes = dto.lineNotes;
      if (dto.chargeFlags !== undefined) order.chargeFlags = [...new Set(dto.chargeFlags)];
      if (gallons !== '0.00')
        await this.stock.dispense(tx, access, {
          truckId: order.truckId!,
          fuelType: order.fuelType,
          gallons,
          reference: order.ticketNumber,
        });
      this.enter(order, 'completed');
      await this.orders.setBusy(tx, assignments, false);
      await this.equipment.release(tx, orgId, order.truckId!, truckHolder(order));
    });
  }

  /** A dispatcher reviews a completed order (completed → reviewed). */
  review(access: Dispatcher, id: string): Promise<FuelOrderDto> {
    return this.change(access.org.id, id, undefined, false, async (_tx, { order }) => {
      FUEL_ORDER_MACHINE.assert(order.status, 'reviewed');
      this.enter(order, 'reviewed');
    });
  }

  /** A dispatcher cancels an order before fuel flows; its truck and fuelers are free again. */
  cancel(access: Dispatcher, id: string): Promise<FuelOrderDto> {
    return this.change(access.org.id, id, undefined, false, async (tx, { order, assignments }) => {
      FUEL_ORDER_MACHINE.assert(order.status, 'cancelled');
      const out = BUSY_STATUSES.includes(order.status);
      this.enter(order, 'cancelled');
      await this.orders.save(tx, order);
      await this.orders.setBusy(tx, assignments, false);
      if (out && order.truckId) await this.equipment.release(tx, access.org.id, order.truckId, truckHolder(order));
    });
  }

  /**
   * Puts the order's truck in use under its equipment row lock (`EquipmentService.claimForUse`).
   * A truck out on another fuel order is 409 `truck-busy`; one in use elsewhere (a line service)
   * `equipment-in-use`; in maintenance or out of service `equipment-unavailable`.
   */
  private async claimTruck(tx: EntityManager, order: FuelOrder): Promise<void> {
    const truckId = order.truckId!;
    try {
      await this.equipment.claimForUse(tx, order.orgId, truckId, truckHolder(order));
    } catch (error) {
      if (
        isSlug(error, 'equipment-in-use') &&
        (await this.orders.truckOutElsewhere(tx, order.orgId, truckId, order.id))
      )
        throw conflictProblem(truckBusy(truckId));
      throw error;
    }
  }

  /** Moves the order to `to` and stamps the time (the machine was checked by the caller). */
  private enter(order: FuelOrder, to: FuelOrderStatus): void {
    order.status = to;
    if (to !== 'requested') (order as unknown as Record<string, Date>)[STATE_TIME[to]] = new Date();
  }

  /**
   * Runs `work` on the locked order and its fuelers (If-Match checked first), then bumps the
   * revision, saves, audits, records the event of the state reached (if any) and publishes the
   * committed change on the dispatch stream.
   */
  private change(
    orgId: string,
    id: string,
    ifMatch: string | undefined,
    ifMatchRequired: boolean,
    work: (tx: EntityManager, change: Change) => Promise<void>,
  ): Promise<FuelOrderDto> {
    return this.write(orgId, 'fbo.fuel_order.changed', async (tx) => {
      const order = await this.orders.load(orgId, id, { tx, lock: true });
      assertIfMatch(ifMatch, order.revision, { required: ifMatchRequired, what: 'fuel order' });
      const assignments = await this.orders.assignmentsOf(orgId, [id], tx);
      const change = { order, assignments, from: order.status };
      await work(tx, change);
      order.revision += 1;
      change.order = await this.orders.save(tx, order);
      return change;
    });
  }

  private async write(orgId: string, liveType: string, work: (tx: EntityManager) => Promise<Change>) {
    const { dto, type } = await this.orders.transaction(async (tx) => {
      const { order, assignments, from } = await work(tx);
      const result = toFuelOrderDto(order, assignments);
      await this.audit.recordInTransaction(tx, result);
      const event = from !== order.status ? FUEL_ORDER_EVENTS[order.status] : undefined;
      if (event)
        await this.events.record(tx, {
          orgId,
          type: event,
          subjectId: order.id,
          payload: eventPayload(order, assignments, from),
        });
      return { dto: result, type: event ?? liveType };
    });
    this.live.publish(dispatchTopic(orgId), type, { order: dto });
    return dto;
  }

  /** The flight, aircraft and tail of a new order: from the flight, else the aircraft, else the tail given. */
  private async resolveAircraft(tx: EntityManager, orgId: string, order: FuelOrder, dto: CreateFuelOrderDto) {
    const flight = dto.flightId ? await this.flights.load(tx, orgId, dto.flightId) : null;
    const aircraftId = dto.aircraftId ?? flight?.aircraftId ?? null;
    const aircraft = aircraftId ? await this.aircraft.load(tx, orgId, aircraftId) : null;
    order.flightId = flight?.id ?? null;
    order.aircraftId = aircraft?.id ?? null;
    order.aircraftType = aircraft?.typeIcao ?? null;
    const tail = aircraft?.tailNumber ?? dto.tailNumber?.toUpperCase();
    if (!tail) throw fieldProblem('tailNumber', 'give a flight or aircraft with a tail number, or the tailNumber');
    order.tailNumber = tail;
  }

  /** Gallons or top off: exactly one (400 otherwise); on an edit, either replaces the other. */
  private applyRequest(order: FuelOrder, dto: UpdateFuelOrderDto, edit = false): void {
    const gallons = dto.requestedGallons;
    if (gallons !== undefined && dto.topOff === true)
      throw fieldProblem('topOff', 'give requestedGallons or topOff: true, not both');
    if (gallons !== undefined) {
      if (gallons === '0.00') throw fieldProblem('requestedGallons', 'requestedGallons must be more than zero');
      order.requestedGallons = gallons;
      order.topOff = false;
    } else if (dto.topOff === true) {
      order.requestedGallons = null;
      order.topOff = true;
    } else if (!edit || dto.topOff === false) {
      if (!edit || order.requestedGallons === null)
        throw fieldProblem('requestedGallons', 'give requestedGallons or topOff: true');
    }
  }

  /** The org's fuel truck (404 when not the org's unit; 400 when the unit is not a fuel truck). */
  private async loadTruck(tx: EntityManager, orgId: string, truckId: string) {
    const unit = await this.equipment.load(tx, orgId, truckId);
    if (unit.type !== 'fuel_truck') throw fieldProblem('truckId', 'truckId must be a fuel truck');
    return unit;
  }

  private async assertCertified(
    tx: EntityManager,
    orgId: string,
    fuelerId: string,
    fuelType: FuelType,
    aircraftType: string | null,
  ): Promise<void> {
    if (await this.certifications.isCertified(orgId, fuelerId, fuelType, aircraftType, tx)) return;
    throw Problem.conflict(
      `The fueler is inactive or holds no current certification for ${fuelType}${aircraftType ? ` on ${aircraftType}` : ''}`,
      'fueler-not-certified',
      { fuelerId, fuelType, aircraftType },
    );
  }
}

const userIds = (assignments: FuelerAssignment[]) => assignments.map((a) => a.userId);

/** What an edit can change: an edit that changes none of it is not a new version. */
const editable = (o: FuelOrder) => [
  o.fuelType,
  o.requestedGallons,
  o.topOff,
  o.truckId,
  o.priority,
  o.csrNotes,
  [...o.chargeFlags].sort(),
];

function eventPayload(order: FuelOrder, assignments: FuelerAssignment[], from: FuelOrderStatus) {
  return {
    fuelOrderId: order.id,
    ticketNumber: order.ticketNumber,
    from,
    to: order.status,
    flightId: order.flightId,
    tailNumber: order.tailNumber,
    fuelType: order.fuelType,
    truckId: order.truckId,
    fuelerIds: assignments.map((a) => a.fuelerId),
    gallons: order.gallons,
    pounds: order.pounds,
  };
}
