import { Problem } from '../../../../platform/http/problem';
import {
  creditApplied,
  daysOverdue,
  INVOICE_LIFECYCLE,
  invoiceDueDate,
  invoiceTotals,
  isOverdue,
  statusForOutstanding,
  todayIn,
} from './invoice-rules';

describe('invoice rules', () => {
  it('the lifecycle: draft → issued ↔ partly_paid ↔ paid; draft → cancelled; issued → void', () => {
    expect(INVOICE_LIFECYCLE.can('draft', 'issued')).toBe(true);
    expect(INVOICE_LIFECYCLE.can('draft', 'cancelled')).toBe(true);
    expect(INVOICE_LIFECYCLE.can('issued', 'void')).toBe(true);
    expect(INVOICE_LIFECYCLE.can('partly_paid', 'void')).toBe(false);
    expect(INVOICE_LIFECYCLE.can('paid', 'partly_paid')).toBe(true);
    expect(INVOICE_LIFECYCLE.can('issued', 'cancelled')).toBe(false);
    expect(INVOICE_LIFECYCLE.isFinal('void')).toBe(true);
    expect(() => INVOICE_LIFECYCLE.assert('void', 'issued')).toThrow(Problem);
  });

  it('totals: subtotal, tax at a percentage to the cent, total', () => {
    expect(invoiceTotals(['1281.00', '350.00'], '0')).toEqual({ subtotal: '1631.00', tax: '0.00', total: '1631.00' });
    expect(invoiceTotals(['100.00'], '8.875')).toEqual({ subtotal: '100.00', tax: '8.88', total: '108.88' });
    expect(invoiceTotals(['0.05'], '10')).toEqual({ subtotal: '0.05', tax: '0.01', total: '0.06' });
    expect(invoiceTotals([], '5')).toEqual({ subtotal: '0.00', tax: '0.00', total: '0.00' });
  });

  it('the due date follows the customer terms; without terms it is due at once', () => {
    expect(invoiceDueDate({ netDays: 30 }, '2026-01-15')).toBe('2026-02-14');
    expect(invoiceDueDate(null, '2026-01-15')).toBe('2026-01-15');
  });

  it("today is the org's calendar date", () => {
    const now = new Date('2026-11-30T03:00:00Z');
    expect(todayIn('UTC', now)).toBe('2026-11-30');
    expect(todayIn('America/Chicago', now)).toBe('2026-11-29');
    expect(todayIn('Pacific/Auckland', new Date('2026-11-30T12:00:00Z'))).toBe('2026-12-01');
  });

  it('overdue: open, money outstanding, due date before today', () => {
    const inv = { status: 'issued' as const, dueDate: '2026-11-29', outstanding: '10.00' };
    expect(isOverdue(inv, '2026-11-30')).toBe(true);
    expect(isOverdue(inv, '2026-11-29')).toBe(false);
    expect(isOverdue({ ...inv, outstanding: '0.00' }, '2026-12-30')).toBe(false);
    expect(isOverdue({ ...inv, status: 'void' }, '2026-12-30')).toBe(false);
    expect(isOverdue({ ...inv, status: 'draft', dueDate: null }, '2026-12-30')).toBe(false);
    expect(isOverdue({ ...inv, status: 'partly_paid' }, '2026-12-30')).toBe(true);
    expect(daysOverdue('2026-11-29', '2026-12-30')).toBe(31);
    expect(daysOverdue('2026-12-30', '2026-12-30')).toBe(0);
  });

  it('the status follows what is owed; a credit may not exceed it', () => {
    expect(statusForOutstanding('100.00', '100.00')).toBe('issued');
    expect(statusForOutstanding('100.00', '0.01')).toBe('partly_paid');
    expect(statusForOutstanding('100.00', '0.00')).toBe('paid');
    expect(creditApplied('100.00', '40.00')).toBe('60.00');
    expect(creditApplied('100.00', '100.01')).toBeNull();
  });
});
