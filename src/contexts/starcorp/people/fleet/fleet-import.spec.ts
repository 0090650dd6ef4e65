import {
  MAX_HANGAR_ENTRIES,
  normaliseShipName,
  parseHangarExport,
  parsePledgeDate,
  ShipMatcher,
  type HangarEntry,
} from './fleet-import';

const SHIPS = [
  { id: 'titan', name: 'Avenger Titan', manufacturerCode: 'AEGS', manufacturerName: 'Aegis Dynamics' },
  { id: 'cutlass', name: 'Cutlass Black', manufacturerCode: 'DRAK', manufacturerName: 'Drake Interplanetary' },
  { id: 'aurora', name: 'Aurora MR', manufacturerCode: 'RSI', manufacturerName: 'Roberts Space Industries' },
  { id: 'nova-a', name: 'Nova', manufacturerCode: 'TMBL', manufacturerName: 'Tumbril Land Systems' },
  { id: 'nova-b', name: 'Nova', manufacturerCode: 'ORIG', manufacturerName: 'Origin Jumpworks' },
];

const entryOf = (name: string, extra: Partial<HangarEntry> = {}) => ({
  name,
  manufacturerName: null,
  manufacturerCode: null,
  shipCode: null,
  ...extra,
});

describe('parseHangarExport', () => {
  it('reads the array form', () => {
    const parsed = parseHangarExport([
      {
        name: 'Aurora MR',
        manufacturer_name: 'Roberts Space Industries',
        manufacturer_code: 'RSI',
        lti: true,
        pledge_name: 'Package - Aurora MR',
        pledge_date: 'March 12, 2019',
        entity_type: 'ship',
      },
      { name: 'Crimson paint', entity_type: 'skin' },
    ]);
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries).toEqual([
      {
        index: 0,
        name: 'Aurora MR',
        manufacturerName: 'Roberts Space Industries',
        manufacturerCode: 'RSI',
        shipCode: null,
        hullName: null,
        insurance: 'LTI',
        purchasedDate: '2019-03-12',
        status: 'active',
        pledgeName: 'Package - Aurora MR',
        isShip: true,
      },
      expect.objectContaining({ index: 1, name: 'Crimson paint', isShip: false }),
    ]);
  });

  it('reads the object form, with hull name, insurance and status', () => {
    const parsed = parseHangarExport(
      {
        ships: [
          {
            name: ' Aurora MR ',
            ship_code: 'RSI_Aurora_MR',
            ship_name: 'Rusty',
            insurance: '120 months',
            status: 'pledged',
          },
        ],
      },
      'object',
    );
    expect(parsed.entries[0]).toMatchObject({
      name: 'Aurora MR',
      shipCode: 'RSI_Aurora_MR',
      hullName: 'Rusty',
      insurance: '120 months',
      status: 'pledged',
      isShip: true,
    });
  });

  it('refuses the wrong shape for the format', () => {
    expect(parseHangarExport({ ships: [] }, 'array').errors).toEqual([{ path: 'data', message: expect.any(String) }]);
    expect(parseHangarExport([], 'object').errors[0].path).toBe('data');
    expect(parseHangarExport('x').errors[0].path).toBe('data');
    expect(parseHangarExport({ vessels: [] }).errors[0].path).toBe('data.ships');
  });

  it('caps the entries', () => {
    const rows = Array.from({ length: MAX_HANGAR_ENTRIES + 1 }, () => ({ name: 'Nova' }));
    expect(parseHangarExport(rows).errors).toEqual([{ path: 'data', message: expect.stringContaining('1000') }]);
    expect(parseHangarExport(rows.slice(1)).errors).toEqual([]);
  });

  it('names each bad field by its path', () => {
    const parsed = parseHangarExport({
      ships: [
        { name: 'ok' },
        { name: 5 },
        { name: 'x', lti: 'yes', warbond: 1 },
        null,
        { name: '  ' },
        { name: 'x', status: 'sold' },
        { name: 'x'.repeat(201) },
        { name: 'Nova\u202E' },
        {},
      ],
    });
    expect(parsed.entries).toEqual([]);
    expect(parsed.errors.map((e) => e.path)).toEqual([
      'data.ships.1.name',
      'data.ships.2.lti',
      'data.ships.2.warbond',
      'data.ships.3',
      'data.ships.4.name',
      'data.ships.5.status',
      'data.ships.6.name',
      'data.ships.7.name',
      'data.ships.8.name',
    ]);
  });
});

describe('parsePledgeDate', () => {
  it.each([
    ['March 12, 2019', '2019-03-12'],
    ['Mar 12 2019', '2019-03-12'],
    ['12 March 2019', '2019-03-12'],
    ['Sept 1st, 2020', '2020-09-01'],
    ['2021-07-04', '2021-07-04'],
    ['February 30, 2019', null],
    ['someday', null],
    ['March 2019', null],
    [null, null],
  ])('%s → %s', (text, date) => {
    expect(parsePledgeDate(text)).toBe(date);
  });
});

describe('ShipMatcher', () => {
  const matcher = new ShipMatcher(SHIPS);
  const idOf = (name: string, extra: Partial<HangarEntry> = {}) => matcher.match(entryOf(name, extra))?.id ?? null;

  it('ignores case and punctuation', () => {
    expect(normaliseShipName('  Cutlass-BLACK! ')).toBe('cutlass black');
    expect(idOf('cutlass black')).toBe('cutlass');
    expect(idOf('AURORA  M.R.')).toBe(null); // "m r" is not "mr"
    expect(idOf('Aurora-MR')).toBe('aurora');
  });

  it('drops a manufacturer prefix: code, full name or first word', () => {
    expect(idOf('Aegis Avenger Titan')).toBe('titan');
    expect(idOf('AEGS Avenger Titan')).toBe('titan');
    expect(idOf('Aegis Dynamics Avenger Titan')).toBe('titan');
    expect(idOf('Drake Cutlass Black')).toBe('cutlass');
    expect(idOf('Roberts Aurora MR')).toBe('aurora');
  });

  it('falls back to the ship code', () => {
    expect(idOf('Something else', { shipCode: 'RSI_Aurora_MR' })).toBe('aurora');
    expect(idOf('Something else', { shipCode: 'AEGS_Idris_P' })).toBe(null);
  });

  it("lets the entry's manufacturer settle a name two makers use; unsettled is no match", () => {
    expect(idOf('Nova')).toBe(null);
    expect(idOf('Nova', { manufacturerCode: 'TMBL' })).toBe('nova-a');
    expect(idOf('Nova', { manufacturerName: 'Origin Jumpworks' })).toBe('nova-b');
    expect(idOf('Origin Nova')).toBe('nova-b');
  });

  it('takes the first of one model listed twice (two imports of the same ship)', () => {
    const twice = new ShipMatcher([
      { id: 'titan-1', name: 'Avenger Titan', manufacturerCode: 'AEGS', manufacturerName: 'Aegis Dynamics' },
      { id: 'titan-2', name: 'Avenger Titan', manufacturerCode: 'AEGS', manufacturerName: 'Aegis Dynamics' },
      { id: 'nova-a', name: 'Nova', manufacturerCode: 'TMBL', manufacturerName: 'Tumbril Land Systems' },
      { id: 'nova-a2', name: 'Nova', manufacturerCode: 'TMBL', manufacturerName: 'Tumbril Land Systems' },
      { id: 'nova-b', name: 'Nova', manufacturerCode: 'ORIG', manufacturerName: 'Origin Jumpworks' },
    ]);
    const id = (name: string, extra: Record<string, string> = {}) =>
      twice.match({ name, manufacturerName: null, manufacturerCode: null, shipCode: null, ...extra })?.id ?? null;
    expect(id('Avenger Titan')).toBe('titan-1');
    expect(id('Aegis Avenger Titan')).toBe('titan-1');
    expect(id('Nova', { manufacturerCode: 'TMBL' })).toBe('nova-a');
    expect(id('Nova')).toBe(null);
  });

  it('does not match unknown ships', () => {
    expect(idOf('Idris-P')).toBe(null);
    expect(idOf('Titan')).toBe(null);
  });
});
