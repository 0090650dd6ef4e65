import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { decodeKey, KeyColumn, keysetBy } from './keyset';
import { encodeCursor } from './pagination';
import { Problem } from './problem';

/** Records the calls `keysetBy` makes; the SQL itself is exercised by the contexts' e2e tests. */
function fakeQuery() {
  const calls: [string, ...unknown[]][] = [];
  const qb = {
    andWhere: (...args: unknown[]) => (calls.push(['andWhere', ...args]), qb),
    orderBy: (...args: unknown[]) => (calls.push(['orderBy', ...args]), qb),
    addOrderBy: (...args: unknown[]) => (calls.push(['addOrderBy', ...args]), qb),
    limit: (...args: unknown[]) => (calls.push(['limit', ...args]), qb),
  };
  return { qb: qb as unknown as SelectQueryBuilder<ObjectLiteral>, calls };
}

function problemOf(fn: () => unknown): Record<string, unknown> {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(Problem);
    return (error as Problem).getResponse() as Record<string, unknown>;
  }
  throw new Error('expected a Problem');
}

const ID = '3b0f6b9e-0c1c-4f5e-9a53-5a0c2f8e5b11';
const NAME_ID: KeyColumn[] = [
  ['t.name', 'text'],
  ['t.id', 'uuid'],
];

describe('keysetBy', () => {
  it('orders the first page by every column and fetches one row more', () => {
    const { qb, calls } = fakeQuery();
    keysetBy(qb, NAME_ID, { limit: 10 });
    expect(calls).toEqual([
      ['orderBy', 't.name', 'ASC'],
      ['addOrderBy', 't.id', 'ASC'],
      ['limit', 11],
    ]);
  });

  it('continues after the cursor with one row-value comparison, values cast to their types', () => {
    const { qb, calls } = fakeQuery();
    keysetBy(qb, NAME_ID, { limit: 5, cursor: encodeCursor(['Bravo', ID]) });
    expect(calls[0]).toEqual([
      'andWhere',
      '(t.name, t.id) > (:keysetKey0::text, :keysetKey1::uuid)',
      { keysetKey0: 'Bravo', keysetKey1: ID },
    ]);
  });

  it('pages descending with < and DESC order', () => {
    const { qb, calls } = fakeQuery();
    const columns: KeyColumn[] = [
      ['s.price', 'numeric'],
      ['s.id', 'uuid'],
    ];
    keysetBy(qb, columns, { limit: 2, cursor: encodeCursor(['12.50', ID]) }, 'DESC');
    expect(calls).toEqual([
      [
        'andWhere',
        '(s.price, s.id) < (:keysetKey0::numeric, :keysetKey1::uuid)',
        { keysetKey0: '12.50', keysetKey1: ID },
      ],
      ['orderBy', 's.price', 'DESC'],
      ['addOrderBy', 's.id', 'DESC'],
      ['limit', 3],
    ]);
  });
});

describe('decodeKey', () => {
  it.each<[string, KeyColumn['1'], unknown]>([
    ['text', 'text', 'Alpha'],
    ['int', 'int', 7],
    ['numeric', 'numeric', '-3.25'],
    ['uuid', 'uuid', ID],
    ['timestamptz', 'timestamptz', '2024-05-01T10:00:00.000Z'],
    ['date', 'date', '2024-02-29'],
  ])('accepts a %s value of the right shape', (_, type, value) => {
    expect(decodeKey(encodeCursor([value]), [['x', type]])).toEqual([value]);
  });

  it.each<[string, KeyColumn['1'], unknown]>([
    ['a string for an int', 'int', '7'],
    ['a fraction for an int', 'int', 1.5],
    ['a number for text', 'text', 7],
    ['an overlong text', 'text', 'x'.repeat(301)],
    ['a non-number for numeric', 'numeric', '1e5'],
    ['a non-uuid', 'uuid', 'abc'],
    ['a non-time', 'timestamptz', 'yesterday'],
    ['an impossible date', 'date', '2023-02-29'],
    ['a date with a time', 'date', '2024-02-01T00:00:00Z'],
  ])('refuses %s with a 400 on cursor', (_, type, value) => {
    const body = problemOf(() => decodeKey(encodeCursor([value]), [['x', type]]));
    expect(body.status).toBe(400);
    expect(body.errors).toEqual([{ path: 'cursor', message: 'cursor is not valid for this list' }]);
  });

  it('refuses a cursor of another arity', () => {
    expect(problemOf(() => decodeKey(encodeCursor(['a']), NAME_ID)).status).toBe(400);
  });
});
