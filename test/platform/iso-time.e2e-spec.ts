import { ISO_TIMESTAMP } from '../../src/platform/database/iso-time';
import { startTestApp, TestApp } from '../support/test-app';

describe('ISO_TIMESTAMP (SQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const cases = [
    '2026-03-14T20:00:00.000Z',
    '2026-12-31T23:59:59.999Z',
    '2024-02-29T00:00:00.001Z',
    '1999-01-01T09:05:07.120Z',
    '2026-06-30T22:30:00.500Z',
  ];

  it('gives what Date#toISOString gives for the same instant, in any session time zone', async () => {
    await t.db.transaction(async (tx) => {
      // A zone east of UTC with a half hour and summer time: a date changes across midnight.
      await tx.query(`SET LOCAL TIME ZONE 'Australia/Adelaide'`);
      for (const text of cases) {
        const [row] = (await tx.query(`SELECT ${ISO_TIMESTAMP('$1::timestamptz')} AS iso`, [text])) as {
          iso: string;
        }[];
        expect(row.iso).toBe(new Date(text).toISOString());
      }
    });
  });

  it('cuts microseconds as a Date does, and keeps null', async () => {
    const [row] = (await t.db.query(
      `SELECT ${ISO_TIMESTAMP(`'2026-01-02 03:04:05.678999+00'::timestamptz`)} AS iso, ${ISO_TIMESTAMP('NULL::timestamptz')} AS none`,
    )) as { iso: string; none: null }[];
    expect(row).toEqual({ iso: '2026-01-02T03:04:05.678Z', none: null });
  });
});
