import { decimalPattern, divideRounded, fromUnits, multiply, normalizeDecimal, rescale, toUnits } from './decimal';

describe('decimal', () => {
  it('parses and formats exactly', () => {
    expect(toUnits('12.345', 3)).toBe(12345n);
    expect(toUnits('12', 2)).toBe(1200n);
    expect(toUnits('-0.5', 2)).toBe(-50n);
    expect(toUnits('1.50', 1)).toBe(15n); // trailing zeros beyond the scale are harmless
    expect(fromUnits(12345n, 3)).toBe('12.345');
    expect(fromUnits(-50n, 2)).toBe('-0.50');
    expect(fromUnits(0n, 2)).toBe('0.00');
    expect(fromUnits(7n, 0)).toBe('7');
    expect(fromUnits(5n, 3)).toBe('0.005');
    expect(normalizeDecimal('5', 2)).toBe('5.00');
    // Beyond 2^53: no float in between.
    expect(fromUnits(toUnits('90071992547409931.23', 2), 2)).toBe('90071992547409931.23');
  });

  it('refuses malformed values and extra places', () => {
    expect(() => toUnits('1.234', 2)).toThrow(RangeError);
    expect(() => toUnits('1e3', 2)).toThrow(RangeError);
    expect(() => toUnits('', 2)).toThrow(RangeError);
    expect(() => toUnits('--1', 2)).toThrow(RangeError);
  });

  it('rounds half away from zero', () => {
    expect(divideRounded(5n, 2n)).toBe(3n);
    expect(divideRounded(-5n, 2n)).toBe(-3n);
    expect(divideRounded(4n, 3n)).toBe(1n);
    expect(rescale(12345n, 3, 2)).toBe(1235n);
    expect(rescale(-12345n, 3, 2)).toBe(-1235n);
    expect(rescale(12n, 0, 2)).toBe(1200n);
    expect(() => divideRounded(1n, 0n)).toThrow(RangeError);
  });

  it('multiplies at mixed scales', () => {
    // 1234.5 gal × 6.70 lb/gal = 8271.15 lb
    expect(fromUnits(multiply(toUnits('1234.5', 1), 1, toUnits('6.70', 2), 2, 2), 2)).toBe('8271.15');
    // 3 cases × $12.345 rounded to cents
    expect(fromUnits(multiply(3n, 0, 12345n, 3, 2), 2)).toBe('37.04');
  });

  it('builds the request pattern', () => {
    const money = decimalPattern({ scale: 2, integerDigits: 10 });
    expect(money.test('10.5')).toBe(true);
    expect(money.test('-10.5')).toBe(false);
    expect(money.test('10.555')).toBe(false);
    expect(decimalPattern({ scale: 2, integerDigits: 10, signed: true }).test('-10.5')).toBe(true);
    expect(decimalPattern({ scale: 0, integerDigits: 4 }).test('12.5')).toBe(false);
  });
});
