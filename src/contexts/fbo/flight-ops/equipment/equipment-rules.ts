import { StateMachine } from '../../../../platform/domain/state-machine';
import { Problem } from '../../../../platform/http/problem';
import { addDays, addMonths } from '../common/local-date';

export const EQUIPMENT_TYPES = [
  'fuel_truck',
  'tug',
  'gpu',
  'air_start',
  'belt_loader',
  'stairs',
  'lavatory_service',
  'water_service',
  'other',
] as const;
export type EquipmentType = (typeof EQUIPMENT_TYPES)[number];

export const EQUIPMENT_STATUSES = ['available', 'in_use', 'maintenance', 'out_of_service'] as const;
export type EquipmentStatus = (typeof EQUIPMENT_STATUSES)[number];

export const MAINTENANCE_KINDS = ['daily', '50hr', '100hr', 'annual', 'repair'] as const;
export type MaintenanceKind = (typeof MAINTENANCE_KINDS)[number];

/** available↔in_use; available|in_use→maintenance→available; any→out_of_service→maintenance. */
export const EQUIPMENT_MACHINE = new StateMachine<EquipmentStatus>('equipment', {
  available: ['in_use', 'maintenance', 'out_of_service'],
  in_use: ['available', 'maintenance', 'out_of_service'],
  maintenance: ['available', 'out_of_service'],
  out_of_service: ['maintenance'],
});

/**
 * Who holds a unit in use: the job that took it (a fuel order out with a truck, a line service in
 * progress), which alone frees it, or `manual` for a unit set in use by hand.
 */
export type EquipmentHolder = `fuel_order:${string}` | `line_service:${string}` | 'manual';

export const equipmentHolder = (kind: 'fuel_order' | 'line_service', id: string): EquipmentHolder => `${kind}:${id}`;

/**
 * The 409 for freeing by hand (in_use → available) a unit that a job holds: only completing or
 * cancelling that job frees it, or another job could take the unit while the first still has
 * it. Null when the move is the hand's to make. Maintenance and out of service stay allowed:
 * a unit breaks down whoever holds it.
 */
export function handReleaseRefusal(unit: {
  equipmentId: string;
  status: EquipmentStatus;
  inUseBy: EquipmentHolder | null;
}): Problem | null {
  if (unit.status !== 'in_use' || !unit.inUseBy || unit.inUseBy === 'manual') return null;
  const [kind, id] = unit.inUseBy.split(':');
  const job = kind === 'fuel_order' ? 'fuel order' : 'line service';
  return Problem.conflict(
    `Equipment ${unit.equipmentId} is held by ${job} ${id}: completing or cancelling it frees the unit`,
    'equipment-in-use',
    { currentState: unit.status },
  );
}

/**
 * The 409 for putting a unit to use that cannot be: busy elsewhere (`equipment-in-use`), or in
 * maintenance / out of service (`equipment-unavailable`); null when it is available.
 */
export function unusable(unit: { equipmentId: string; status: EquipmentStatus }): Problem | null {
  if (unit.status === 'available') return null;
  const slug = unit.status === 'in_use' ? 'equipment-in-use' : 'equipment-unavailable';
  return Problem.conflict(`Equipment ${unit.equipmentId} is ${unit.status}`, slug, { currentState: unit.status });
}

/**
 * The moves a maintenance log makes: through `maintenance` (unless there already) to `available`,
 * so the log "frees" a unit from any state the machine lets reach maintenance.
 */
export function maintenancePath(status: EquipmentStatus): EquipmentStatus[] {
  return status === 'maintenance' ? ['available'] : ['maintenance', 'available'];
}

/**
 * When the next maintenance falls due after one of `kind` on `performedOn`: calendar checks
 * (daily, annual) have a date; hour-based ones (50/100 hr) and repairs have none unless given.
 */
export function nextDueOn(kind: MaintenanceKind, performedOn: string): string | null {
  if (kind === 'daily') return addDays(performedOn, 1);
  if (kind === 'annual') return addMonths(performedOn, 12);
  return null;
}

/** How soon a unit's next maintenance is due, seen on local date `today`. */
export const DUE_SOON_DAYS = 7;
export type MaintenanceDue = 'overdue' | 'due_soon' | 'ok';

export function maintenanceDue(nextDue: string | null, today: string): MaintenanceDue | null {
  if (!nextDue) return null;
  if (nextDue < today) return 'overdue';
  return nextDue <= addDays(today, DUE_SOON_DAYS) ? 'due_soon' : 'ok';
}
