import { levelCrossing, TankShape, tankShapeErrors, tankStatus, usableGallons } from './tank-rules';

const tank: TankShape = {
  capacityGallons: '12000.00',
  minLevelInches: '0.00',
  maxLevelInches: '100.00',
  usableMinInches: '10.00',
  usableMaxInches: '90.00',
  calibrationTable: [
    { inches: '0.00', gallons: '0.00' },
    { inches: '100.00', gallons: '10000.00' },
  ],
  lowLevelGallons: '3000.00',
  criticalLevelGallons: '1000.00',
};

describe('tank rules', () => {
  it('derives the status from the low and critical levels (inclusive)', () => {
    expect(tankStatus('3000.01', tank)).toBe('ok');
    expect(tankStatus('3000.00', tank)).toBe('low');
    expect(tankStatus('1000.00', tank)).toBe('critical');
  });

  it('raises an alert once per fall, none when rising or staying', () => {
    expect(levelCrossing('ok', 'low')).toBe('low');
    expect(levelCrossing('low', 'critical')).toBe('critical');
    expect(levelCrossing('ok', 'critical')).toBe('critical');
    expect(levelCrossing('low', 'low')).toBeNull();
    expect(levelCrossing('critical', 'low')).toBeNull();
    expect(levelCrossing('low', 'ok')).toBeNull();
  });

  it('counts usable gallons between the usable bottom and top', () => {
    expect(usableGallons(tank, '50.00')).toBe('4000.00');
    expect(usableGallons(tank, '95.00')).toBe('8000.00');
    expect(usableGallons(tank, '5.00')).toBe('0.00');
  });

  it('accepts a consistent tank', () => {
    expect(tankShapeErrors(tank)).toEqual([]);
  });

  it('names the inconsistent fields', () => {
    const paths = (shape: Partial<TankShape>) => tankShapeErrors({ ...tank, ...shape }).map((e) => e.path);
    expect(paths({ lowLevelGallons: '500.00' })).toEqual(['lowLevelGallons']);
    expect(paths({ usableMaxInches: '101.00' })).toEqual(['usableMaxInches']);
    expect(paths({ maxLevelInches: '120.00', usableMaxInches: '90.00' })).toEqual(['maxLevelInches']);
    expect(paths({ capacityGallons: '9000.00', lowLevelGallons: '3000.00' })).toEqual(['calibrationTable.1.gallons']);
  });
});
