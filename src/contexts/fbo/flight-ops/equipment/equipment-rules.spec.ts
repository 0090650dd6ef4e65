import { Problem } from '../../../../platform/http/problem';
import {
  EQUIPMENT_MACHINE,
  EQUIPMENT_STATUSES,
  EquipmentStatus,
  maintenanceDue,
  maintenancePath,
  nextDueOn,
  unusable,
  equipmentHolder,
  handReleaseRefusal,
} from './equipment-rules';

describe('equipment transitions', () => {
  const allowed = new Set([
    'available>in_use',
    'in_use>available',
    'available>maintenance',
    'in_use>maintenance',
    'maintenance>available',
    'available>out_of_service',
    'in_use>out_of_service',
    'maintenance>out_of_service',
    'out_of_service>maintenance',
  ]);

  it('allows exactly the moves of the issue', () => {
    for (const from of EQUIPMENT_STATUSES)
      for (const to of EQUIPMENT_STATUSES)
        expect({ move: `${from}>${to}`, ok: EQUIPMENT_MACHINE.can(from, to) }).toEqual({
          move: `${from}>${to}`,
          ok: allowed.has(`${from}>${to}`),
        });
  });

  it('a maintenance log frees a unit from any state along allowed moves', () => {
    for (const status of EQUIPMENT_STATUSES) {
      let at: EquipmentStatus = status;
      for (const next of maintenancePath(status)) {
        expect(EQUIPMENT_MACHINE.can(at, next)).toBe(true);
        at = next;
      }
      expect(at).toBe('available');
    }
  });
});

describe('unusable', () => {
  const slug = (status: EquipmentStatus) =>
    (unusable({ equipmentId: 'TUG-1', status })?.getResponse() as { slug?: string } | undefined)?.slug;

  it('only an available unit can be put to use', () => {
    expect(unusable({ equipmentId: 'TUG-1', status: 'available' })).toBeNull();
    expect(slug('in_use')).toBe('equipment-in-use');
    expect(slug('maintenance')).toBe('equipment-unavailable');
    expect(slug('out_of_service')).toBe('equipment-unavailable');
    expect(unusable({ equipmentId: 'TUG-1', status: 'in_use' })).toBeInstanceOf(Problem);
  });
});

describe('handReleaseRefusal', () => {
  const unit = (status: EquipmentStatus, inUseBy: Parameters<typeof handReleaseRefusal>[0]['inUseBy']) => ({
    equipmentId: 'TRK-1',
    status,
    inUseBy,
  });

  it('a hand frees what a hand set in use, never what a job holds', () => {
    expect(handReleaseRefusal(unit('in_use', 'manual'))).toBeNull();
    expect(handReleaseRefusal(unit('available', null))).toBeNull();
    const held = handReleaseRefusal(unit('in_use', equipmentHolder('fuel_order', 'o-1')));
    expect(held?.getResponse()).toMatchObject({
      slug: 'equipment-in-use',
      currentState: 'in_use',
      detail: expect.stringContaining('fuel order o-1'),
    });
    expect(handReleaseRefusal(unit('in_use', equipmentHolder('line_service', 's-1')))?.getResponse()).toMatchObject({
      detail: expect.stringContaining('line service s-1'),
    });
  });
});

describe('maintenance dates', () => {
  it('daily is due the next day, annual a year on (clamped to the month end), others have no date', () => {
    expect(nextDueOn('daily', '2026-12-31')).toBe('2027-01-01');
    expect(nextDueOn('annual', '2024-02-29')).toBe('2025-02-28');
    expect(nextDueOn('100hr', '2026-01-01')).toBeNull();
    expect(nextDueOn('repair', '2026-01-01')).toBeNull();
  });

  it('is overdue before today, due soon within a week, ok after', () => {
    expect(maintenanceDue('2026-07-03', '2026-07-04')).toBe('overdue');
    expect(maintenanceDue('2026-07-04', '2026-07-04')).toBe('due_soon');
    expect(maintenanceDue('2026-07-11', '2026-07-04')).toBe('due_soon');
    expect(maintenanceDue('2026-07-12', '2026-07-04')).toBe('ok');
    expect(maintenanceDue(null, '2026-07-04')).toBeNull();
  });
});
