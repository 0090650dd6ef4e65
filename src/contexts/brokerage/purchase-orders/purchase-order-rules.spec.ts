import { Problem } from '../../../platform/http/problem';
import {
  assertMayApprove,
  billedWeight,
  lineTotal,
  orderTotal,
  PURCHASE_ORDER_LIFECYCLE,
  weightUnitProblem,
} from './purchase-order-rules';

const line = {
  cases: 10,
  weight: '600.000',
  weightUnit: 'LBS' as const,
  priceBasis: 'per_lb' as const,
  unitPrice: '2.1350',
  weightType: 'net' as const,
};

describe('purchase order rules', () => {
  it('prices by the pound, kilogram or case, to the cent (half away from zero)', () => {
    expect(lineTotal(line)).toBe('1281.00');
    expect(lineTotal({ ...line, weight: '0.333', unitPrice: '1.0050' })).toBe('0.33');
    expect(lineTotal({ ...line, weight: '1.000', unitPrice: '0.0050' })).toBe('0.01');
    expect(lineTotal({ ...line, priceBasis: 'per_case', unitPrice: '87.5000' })).toBe('875.00');
    expect(lineTotal({ ...line, priceBasis: 'per_kg', weightUnit: 'KG', weight: '272.155', unitPrice: '4.7000' })).toBe(
      '1279.13',
    );
  });

  it('catch weight bills the weight received; net weight the ordered one', () => {
    expect(billedWeight({ ...line, weightType: 'catch', receivedWeight: '612.400' })).toBe('612.400');
    expect(billedWeight({ ...line, weightType: 'net', receivedWeight: '612.400' })).toBe('600.000');
    expect(billedWeight({ ...line, weightType: 'catch', receivedWeight: null })).toBe('600.000');
    expect(lineTotal({ ...line, weightType: 'catch', receivedWeight: '612.400' })).toBe('1307.47');
  });

  it('sums line totals exactly', () => {
    expect(orderTotal(['0.10', '0.20', '1281.00'])).toBe('1281.30');
    expect(orderTotal([])).toBe('0.00');
  });

  it('a weight price needs the weight in its unit', () => {
    expect(weightUnitProblem({ priceBasis: 'per_lb', weightUnit: 'KG' })).toMatch(/LBS/);
    expect(weightUnitProblem({ priceBasis: 'per_kg', weightUnit: 'KG' })).toBeNull();
    expect(weightUnitProblem({ priceBasis: 'per_case', weightUnit: 'KG' })).toBeNull();
  });

  it('the lifecycle: draft → pending_approval → approved → received → closed; cancel until received', () => {
    expect(PURCHASE_ORDER_LIFECYCLE.can('draft', 'pending_approval')).toBe(true);
    expect(PURCHASE_ORDER_LIFECYCLE.can('approved', 'cancelled')).toBe(true);
    expect(PURCHASE_ORDER_LIFECYCLE.can('received', 'cancelled')).toBe(false);
    expect(PURCHASE_ORDER_LIFECYCLE.can('draft', 'approved')).toBe(false);
    expect(PURCHASE_ORDER_LIFECYCLE.isFinal('closed')).toBe(true);
    expect(() => PURCHASE_ORDER_LIFECYCLE.assert('closed', 'cancelled')).toThrow(Problem);
  });

  it('officers do not approve their own orders unless the org allows it', () => {
    expect(() => assertMayApprove({ createdById: 'u1' }, 'u1', false)).toThrow(Problem);
    expect(() => assertMayApprove({ createdById: 'u1' }, 'u1', true)).not.toThrow();
    expect(() => assertMayApprove({ createdById: 'u1' }, 'u2', false)).not.toThrow();
  });
});
