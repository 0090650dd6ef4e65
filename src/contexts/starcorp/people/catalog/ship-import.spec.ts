import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseShipExport } from './ship-import';

const sample = JSON.parse(
  readFileSync(join(__dirname, '../../../../../test/starcorp-people/fixtures/fleetyards-ships.json'), 'utf8'),
);

describe('ship export parsing', () => {
  it('reads the sample export: nested and flat metrics, dashes and underscores, exact decimals', () => {
    const { ships, errors } = parseShipExport(sample);
    expect(errors).toEqual([]);
    expect(ships).toHaveLength(6);
    const titan = ships.find((s) => s.externalId === 'fy-avenger-titan')!;
    expect(titan).toMatchObject({
      name: 'Avenger Titan',
      manufacturer: { code: 'AEGS', name: 'Aegis Dynamics', logoUrl: 'https://example.com/aegs.png' },
      type: 'transport',
      size: 'small',
      productionStatus: 'flight_ready',
      length: '22.50',
      mass: '49442.00',
      cargoScu: 8,
      minCrew: 1,
      maxCrew: 1,
      pledgePrice: '60.00',
      imageUrl: 'https://example.com/titan.jpg',
    });
    expect(titan.components).toEqual([
      {
        type: 'weapon',
        name: 'CF-337 Panther Repeater',
        size: '3',
        quantity: 1,
        mountName: 'Nose',
        manufacturer: null,
      },
      {
        type: 'shield',
        name: 'FR-66',
        size: '1',
        quantity: 1,
        mountName: null,
        manufacturer: 'Gorgon Defender Industries',
      },
    ]);
    const cutlass = ships.find((s) => s.externalId === 'fy-cutlass-black')!;
    expect(cutlass).toMatchObject({ mass: '155947.75', pledgePrice: '110.00', cargoScu: 46, maxCrew: 3 });
    expect(ships.find((s) => s.externalId === 'fy-galaxy')!.productionStatus).toBe('concept');
  });

  it('accepts a bare array and rounds extra places half away from zero', () => {
    const { ships } = parseShipExport([
      {
        id: 'x',
        name: 'X',
        manufacturer: { code: 'rsi', name: 'RSI' },
        size: 'extra_large',
        productionStatus: 'In Concept',
        length: '10.125',
      },
    ]);
    expect(ships[0]).toMatchObject({
      size: 'capital',
      productionStatus: 'concept',
      length: '10.13',
      manufacturer: { code: 'RSI' },
    });
  });

  it('reports every bad field by path and keeps no bad model', () => {
    const { ships, errors } = parseShipExport({
      models: [
        {
          name: '',
          manufacturer: {},
          size: 'huge',
          productionStatus: 'soon',
          pledgePrice: -5,
          crew: { min: 3, max: 1 },
        },
        { id: 'dup', name: 'A', manufacturer: { code: 'A', name: 'A' }, size: 'small', productionStatus: 'concept' },
        {
          id: 'dup',
          name: 'B',
          manufacturer: { code: 'A', name: 'A' },
          size: 'small',
          productionStatus: 'concept',
          mass: '1e9',
        },
      ],
    });
    expect(errors.map((e) => e.path)).toEqual([
      'models.0.id',
      'models.0.name',
      'models.0.manufacturer.code',
      'models.0.manufacturer.name',
      'models.0.size',
      'models.0.productionStatus',
      'models.0.pledgePrice',
      'models.0.crew',
      'models.2.mass',
    ]);
    expect(ships.map((s) => s.externalId)).toEqual(['dup']);
    expect(parseShipExport({ ships: [] }).errors).toEqual([{ path: 'models', message: expect.any(String) }]);
  });

  it('flags a duplicate id', () => {
    const model = {
      id: 'dup',
      name: 'A',
      manufacturer: { code: 'A', name: 'A' },
      size: 'small',
      productionStatus: 'concept',
    };
    expect(parseShipExport([model, model]).errors).toEqual([{ path: 'models.1.id', message: 'duplicate id dup' }]);
  });
});
