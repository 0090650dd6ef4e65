import {
  ageingBucket,
  allocationApplied,
  allocationsByInvoice,
  csvField,
  daysBetween,
  dueReminderStep,
  sumAmounts,
} from './payment-rules';

describe('payment rules', () => {
  it('allocations never take an invoice below zero', () => {
    expect(allocationApplied('100.00', '40.00')).toBe('60.00');
    expect(allocationApplied('100.00', '100.00')).toBe('0.00');
    expect(allocationApplied('100.00', '100.01')).toBeNull();
  });

  it('sums amounts exactly and groups allocations by invoice', () => {
    expect(sumAmounts(['0.10', '0.20', '0.30'])).toBe('0.60');
    expect(
      allocationsByInvoice([
        { invoiceId: 'a', amount: '1.10' },
        { invoiceId: 'b', amount: '2' },
        { invoiceId: 'a', amount: '0.90' },
      ]),
    ).toEqual(
      new Map([
        ['a', '2.00'],
        ['b', '2.00'],
      ]),
    );
  });

  it('buckets by days', () => {
    expect([-5, 0, 30, 31, 60, 61, 90, 91, 120, 121, 400].map(ageingBucket)).toEqual([
      '0-30',
      '0-30',
      '0-30',
      '31-60',
      '31-60',
      '61-90',
      '61-90',
      '91-120',
      '91-120',
      '121+',
      '121+',
    ]);
    expect(daysBetween('2026-01-31', '2026-03-01')).toBe(29);
  });

  it('the reminder step is the latest one reached', () => {
    const schedule = [-3, 0, 7, 14, 30];
    expect(dueReminderStep('2026-03-10', schedule, '2026-03-06')).toBeNull();
    expect(dueReminderStep('2026-03-10', schedule, '2026-03-07')).toBe(-3);
    expect(dueReminderStep('2026-03-10', schedule, '2026-03-10')).toBe(0);
    expect(dueReminderStep('2026-03-10', schedule, '2026-03-20')).toBe(7);
    expect(dueReminderStep('2026-03-10', schedule, '2027-01-01')).toBe(30);
    expect(dueReminderStep('2026-03-10', [], '2027-01-01')).toBeNull();
  });

  it('csv fields are quoted and defused', () => {
    expect(csvField('Acme, Inc.')).toBe('"Acme, Inc."');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('-12.50')).toBe('-12.50');
  });
});
