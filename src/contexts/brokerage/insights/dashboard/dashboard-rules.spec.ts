import { byCurrency, countsByStatus, lastDays, marginTotals, monthOf } from './dashboard-rules';

describe('brokerage dashboard rules', () => {
  it('the month of a day, leap years and December included; the last n days with today', () => {
    expect(monthOf('2026-11-30')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(monthOf('2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthOf('2026-12-01')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(lastDays('2026-11-30', 90)).toEqual({ from: '2026-09-02', to: '2026-11-30' });
    expect(lastDays('2026-03-01', 1)).toEqual({ from: '2026-03-01', to: '2026-03-01' });
  });

  it('sums margins per currency as each sales order computes its own; losses count negative', () => {
    expect(
      marginTotals([
        { total: '1631.00', currency: 'USD', costs: ['240.00', '100.50'] },
        { total: '100.00', currency: 'USD', costs: [] },
        { total: '50.00', currency: 'USD', costs: ['80.25'] },
        { total: '10.00', currency: 'CAD', costs: ['4.00'] },
      ]),
    ).toEqual([
      { currency: 'USD', sales: '1781.00', cost: '420.75', margin: '1360.25', orders: 3 },
      { currency: 'CAD', sales: '10.00', cost: '4.00', margin: '6.00', orders: 1 },
    ]);
    expect(marginTotals([])).toEqual([]);
  });

  it("puts the org's currency first, zero when absent, the others by code", () => {
    const zero = () => ({ currency: 'USD', amount: '0.00' });
    expect(byCurrency([], 'USD', zero)).toEqual([{ currency: 'USD', amount: '0.00' }]);
    expect(
      byCurrency(
        [
          { currency: 'EUR', amount: '1.00' },
          { currency: 'CAD', amount: '2.00' },
          { currency: 'USD', amount: '3.00' },
        ],
        'USD',
        zero,
      ).map((r) => r.currency),
    ).toEqual(['USD', 'CAD', 'EUR']);
  });

  it('counts every status in order, zero for the missing ones', () => {
    expect(countsByStatus(['draft', 'approved', 'closed'] as const, [{ status: 'approved', count: 2 }])).toEqual([
      { status: 'draft', count: 0 },
      { status: 'approved', count: 2 },
      { status: 'closed', count: 0 },
    ]);
  });
});
