import { calibrationTableErrors, gallonsAt } from './calibration';

const table = [
  { inches: '0.00', gallons: '0.00' },
  { inches: '12.00', gallons: '1000.00' },
  { inches: '24.00', gallons: '2500.00' },
  { inches: '36.50', gallons: '3333.33' },
];

describe('calibration table', () => {
  it('reads a point exactly', () => {
    expect(gallonsAt(table, '12')).toBe('1000.00');
    expect(gallonsAt(table, '0.00')).toBe('0.00');
    expect(gallonsAt(table, '36.50')).toBe('3333.33');
  });

  it('interpolates linearly between the two points around the level', () => {
    expect(gallonsAt(table, '6.00')).toBe('500.00');
    expect(gallonsAt(table, '18.00')).toBe('1750.00');
    // 2500 + 833.33 × 0.01 / 12.5 = 2500.666… → 2500.67 (half away from zero, in exact units)
    expect(gallonsAt(table, '24.01')).toBe('2500.67');
    expect(gallonsAt(table, '0.01')).toBe('0.83');
  });

  it('has no value outside the table', () => {
    expect(gallonsAt(table, '36.51')).toBeNull();
    expect(
      gallonsAt(
        [
          { inches: '5.00', gallons: '10.00' },
          { inches: '9.00', gallons: '90.00' },
        ],
        '4.99',
      ),
    ).toBeNull();
  });

  it('accepts a strictly increasing table', () => {
    expect(calibrationTableErrors(table)).toEqual([]);
  });

  it('names every point that does not rise in inches or gallons', () => {
    const bad = [
      { inches: '0', gallons: '0' },
      { inches: '10', gallons: '100' },
      { inches: '10', gallons: '200' },
      { inches: '20', gallons: '150' },
    ];
    expect(calibrationTableErrors(bad)).toEqual([
      { path: 'calibrationTable.2.inches', message: expect.any(String) },
      { path: 'calibrationTable.3.gallons', message: expect.any(String) },
    ]);
  });

  it('needs two points', () => {
    expect(calibrationTableErrors([{ inches: '1', gallons: '1' }])).toEqual([
      { path: 'calibrationTable', message: expect.any(String) },
    ]);
  });
});
