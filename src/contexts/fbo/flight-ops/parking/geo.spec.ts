import { coordinateErrors, polygonErrors } from './geo';

const square = [
  [-114.09, 46.91],
  [-114.08, 46.91],
  [-114.08, 46.92],
  [-114.09, 46.92],
  [-114.09, 46.91],
];

describe('polygonErrors', () => {
  it('accepts a closed ring, and a hole', () => {
    expect(polygonErrors({ type: 'Polygon', coordinates: [square] })).toEqual([]);
    expect(polygonErrors({ type: 'Polygon', coordinates: [square, square] })).toEqual([]);
  });

  it('names the open ring', () => {
    const open = [...square.slice(0, 4), [-114.1, 46.9]];
    expect(polygonErrors({ type: 'Polygon', coordinates: [square, open] })).toEqual([
      { path: 'polygon.coordinates.1', message: 'a ring must end at its first position' },
    ]);
  });

  it('names a position out of range or swapped', () => {
    const swapped = square.map((p) => [...p]);
    swapped[2] = [46.92, -114.08];
    const errors = polygonErrors({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [0, 91],
          [1, 1],
          [0, 0],
        ],
      ],
    });
    expect(errors).toEqual([{ path: 'polygon.coordinates.0.1', message: expect.stringContaining('latitude') }]);
    expect(polygonErrors({ type: 'Polygon', coordinates: [swapped] })[0].path).toBe('polygon.coordinates.0.2');
  });

  it('refuses other geometries, short rings, extra members and non-objects', () => {
    expect(polygonErrors({ type: 'Point', coordinates: [square] })).toEqual([
      { path: 'polygon.type', message: 'type must be "Polygon"' },
    ]);
    expect(polygonErrors({ type: 'Polygon', coordinates: [square.slice(0, 3)] })[0].path).toBe('polygon.coordinates.0');
    expect(polygonErrors({ type: 'Polygon', coordinates: [] })[0].path).toBe('polygon.coordinates');
    expect(polygonErrors({ type: 'Polygon', coordinates: [square], bbox: [] })[0].path).toBe('polygon.bbox');
    expect(polygonErrors([square])[0].path).toBe('polygon');
    expect(
      polygonErrors({
        type: 'Polygon',
        coordinates: [
          [
            [0, '1'],
            [0, 1],
            [1, 1],
            [0, 0],
          ],
        ],
      })[0].path,
    ).toBe('polygon.coordinates.0.0');
  });
});

describe('coordinateErrors', () => {
  it('accepts the edges and refuses beyond them', () => {
    expect(coordinateErrors({ latitude: '-90.000000', longitude: '180.000000' })).toEqual([]);
    expect(coordinateErrors({ latitude: '90.000001', longitude: '-180.000001' }).map((e) => e.path)).toEqual([
      'latitude',
      'longitude',
    ]);
    expect(coordinateErrors({ latitude: null })).toEqual([]);
  });
});
