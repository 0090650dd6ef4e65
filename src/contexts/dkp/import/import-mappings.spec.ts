import { assignIds } from '../bulk/bulk-rows';
import { type ImportState, reuseKnownIds, storedKey } from './import-mappings';

describe('EQdkp import mappings', () => {
  it('stores short keys as they are and long ones apart (start + hash, 64 characters)', () => {
    expect(storedKey('u:5')).toBe('u:5');
    expect(storedKey(42)).toBe('42');
    const a = storedKey(`${'x'.repeat(70)}a`);
    const b = storedKey(`${'x'.repeat(70)}b`);
    expect(a).toHaveLength(64);
    expect(a).not.toBe(b);
    expect(storedKey(`${'x'.repeat(70)}a`)).toBe(a);
  });

  it('reuses the ids an earlier run committed and keeps fresh ones for the rest', () => {
    const guild = {
      users: [],
      pools: [
        { key: 'p:1', name: 'Main' },
        { key: 'p:2', name: 'Other' },
      ],
      events: [],
      items: [{ key: 'y'.repeat(90), name: 'Long' }],
      characters: [],
      raids: [],
      attendance: [],
      loot: [],
      adjustments: [],
    };
    const ids = assignIds(guild);
    const fresh = ids.pools.get('p:2');
    const state: ImportState = {
      done: new Set(['pools', 'items']),
      known: new Map([
        ['pools', new Map([['p:1', 'committed-pool']])],
        ['items', new Map([[storedKey('y'.repeat(90)), 'committed-item']])],
      ]),
    };
    reuseKnownIds(ids, state);
    expect(ids.pools.get('p:1')).toBe('committed-pool');
    expect(ids.pools.get('p:2')).toBe(fresh);
    expect(ids.items.get('y'.repeat(90))).toBe('committed-item');
  });
});
