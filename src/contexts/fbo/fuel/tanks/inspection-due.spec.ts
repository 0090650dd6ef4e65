import { inspectionCutoff, isInspectionDue, truckInspectionDue } from './inspection-due';

describe('inspection due', () => {
  it('is 3 calendar months back, clamped to the month end', () => {
    expect(inspectionCutoff(new Date('2026-05-31T10:00:00Z')).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(inspectionCutoff(new Date('2026-01-15T00:00:00Z')).toISOString()).toBe('2025-10-15T00:00:00.000Z');
  });

  it('is due only when older than the cutoff', () => {
    const now = new Date('2026-04-10T12:00:00Z');
    expect(isInspectionDue(new Date('2026-01-10T12:00:00Z'), now)).toBe(false);
    expect(isInspectionDue(new Date('2026-01-10T11:59:59Z'), now)).toBe(true);
  });

  it('covers fuel trucks: by their last inspection or registration; never out of service; null for other units', () => {
    const now = new Date('2026-04-10T12:00:00Z');
    const truck = { type: 'fuel_truck', status: 'available', lastInspectedAt: null, createdAt: new Date('2025-12-01') };
    expect(truckInspectionDue(truck, now)).toBe(true);
    expect(truckInspectionDue({ ...truck, status: 'in_use' }, now)).toBe(true);
    expect(truckInspectionDue({ ...truck, lastInspectedAt: new Date('2026-03-01T00:00:00Z') }, now)).toBe(false);
    expect(truckInspectionDue({ ...truck, createdAt: new Date('2026-02-01T00:00:00Z') }, now)).toBe(false);
    expect(truckInspectionDue({ ...truck, status: 'out_of_service' }, now)).toBe(false);
    expect(truckInspectionDue({ ...truck, type: 'tug' }, now)).toBeNull();
  });
});
