import { csvCell, csvLines, csvRecord } from './csv';

async function text(pieces: AsyncIterable<string>): Promise<string> {
  let all = '';
  for await (const piece of pieces) all += piece;
  return all;
}

async function* batches<T>(...lists: T[][]) {
  for (const list of lists) yield list;
}

describe('export CSV', () => {
  it('quotes commas, quotes and line breaks; empties null; ISO instants; JSON for structures', () => {
    expect(csvCell('Prime, Inc.')).toBe('"Prime, Inc."');
    expect(csvCell('12" ribeye')).toBe('"12"" ribeye"');
    expect(csvCell('line 1\nline 2')).toBe('"line 1\nline 2"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(false)).toBe('false');
    expect(csvCell(new Date('2026-11-30T12:00:00.000Z'))).toBe('2026-11-30T12:00:00.000Z');
    expect(csvCell({ city: 'Omaha', country: 'US' })).toBe('"{""city"":""Omaha"",""country"":""US""}"');
    expect(csvCell(['a', 'b'])).toBe('"[""a"",""b""]"');
  });

  it('defuses spreadsheet formulas but keeps negative amounts', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-12.50')).toBe('-12.50');
    expect(csvCell('+1 402 555 0100')).toBe("'+1 402 555 0100");
  });

  it('a file is the header then one CRLF record per row, in column order, counted', async () => {
    let rows = 0;
    const lines = csvLines(
      ['id', 'name', 'total'],
      batches(
        [{ id: '1', name: 'Beef, trim', total: '10.00', extra: 'x' }],
        [],
        [{ id: '2', name: null, total: '-1.00' }],
      ),
      () => rows++,
    );
    expect(await text(lines)).toBe('id,name,total\r\n1,"Beef, trim",10.00\r\n2,,-1.00\r\n');
    expect(rows).toBe(2);
    expect(csvRecord([])).toBe('\r\n');
  });
});
