import { Problem } from '../../../../platform/http/problem';
import { creditExposure, creditLimitExcess, margin, SALES_ORDER_LIFECYCLE } from './sales-order-rules';

describe('sales order rules', () => {
  it('the lifecycle: pending → confirmed → in_transit → delivered; cancel while pending or confirmed', () => {
    expect(SALES_ORDER_LIFECYCLE.can('pending', 'confirmed')).toBe(true);
    expect(SALES_ORDER_LIFECYCLE.can('confirmed', 'in_transit')).toBe(true);
    expect(SALES_ORDER_LIFECYCLE.can('in_transit', 'delivered')).toBe(true);
    expect(SALES_ORDER_LIFECYCLE.can('confirmed', 'cancelled')).toBe(true);
    expect(SALES_ORDER_LIFECYCLE.can('in_transit', 'cancelled')).toBe(false);
    expect(SALES_ORDER_LIFECYCLE.can('pending', 'delivered')).toBe(false);
    expect(SALES_ORDER_LIFECYCLE.isFinal('delivered')).toBe(true);
    expect(() => SALES_ORDER_LIFECYCLE.assert('cancelled', 'confirmed')).toThrow(Problem);
  });

  it('margin is the sales total less the linked purchase orders, exactly, and may be negative', () => {
    expect(margin('1631.00', ['1200.10', '100.00'])).toEqual({ cost: '1300.10', margin: '330.90' });
    expect(margin('100.00', [])).toEqual({ cost: '0.00', margin: '100.00' });
    expect(margin('100.00', ['100.01'])).toEqual({ cost: '100.01', margin: '-0.01' });
  });

  it('credit exposure is open receivables plus open orders', () => {
    expect(creditExposure(['10.10', '0.20'], ['5.00'])).toBe('15.30');
    expect(creditExposure([], [])).toBe('0.00');
  });

  it('the credit limit: no limit passes; at the limit passes; a cent over is refused with the figures', () => {
    expect(creditLimitExcess(null, '1000000.00', '1.00')).toBeNull();
    expect(creditLimitExcess('1000.00', '600.00', '400.00')).toBeNull();
    expect(creditLimitExcess('1000.00', '600.00', '400.01')).toEqual({
      creditLimit: '1000.00',
      exposure: '600.00',
      orderTotal: '400.01',
      excess: '0.01',
    });
    expect(creditLimitExcess('0.00', '0.00', '0.01')?.excess).toBe('0.01');
  });
});
