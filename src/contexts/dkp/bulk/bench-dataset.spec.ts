import { BENCH_DATASET_FORMAT, type BenchDataset, scaleBenchDataset } from './bench-dataset';

/** Two users (one with an alt), one pool, two raids: enough to see every table copied. */
function tiny(): BenchDataset {
  return {
    format: BENCH_DATASET_FORMAT,
    seed: 1,
    generator: 'test',
    counts: { users: 2, characters: 3, raids: 2, attendance: 3, loot: 1, adjustments: 1, expected_summaries: 2 },
    pools: [{ id: 1, name: 'Main', description: '' }],
    users: [
      {
        id: 1,
        username: 'moth',
        discord_id: '100000000000000001',
        role_group: 'member',
        date_joined: '2024-01-01T00:00:00Z',
      },
      {
        id: 2,
        username: 'kyra',
        discord_id: '100000000000000002',
        role_group: 'officer',
        date_joined: '2024-01-01T00:00:00Z',
      },
    ],
    characters: [
      { id: 1, name: 'Moth', user_id: 1, char_class: 'Ranger', level: 60, is_main: true },
      { id: 2, name: 'Mothalt', user_id: 1, char_class: 'Cleric', level: 55, is_main: false },
      { id: 3, name: 'Kyra', user_id: 2, char_class: 'Warrior', level: 65, is_main: true },
    ],
    events: [{ id: 1, name: 'Vox', pool_id: 1, default_points: '10.00' }],
    items: [{ id: 1, name: 'Sword' }],
    raids: [
      { id: 1, event_id: 1, pool_id: 1, starts_at: '2024-01-02T20:00:00Z', leader_id: 2, notes: '' },
      { id: 2, event_id: 1, pool_id: 1, starts_at: '2024-01-03T20:00:00Z', leader_id: null, notes: '' },
    ],
    attendance: [
      { id: 1, raid_id: 1, user_id: 1, character_name: 'Mothalt', points: '10.00' },
      { id: 2, raid_id: 1, user_id: 2, character_name: 'Kyra', points: '10.00' },
      { id: 3, raid_id: 2, user_id: 1, character_name: 'Moth', points: '10.00' },
    ],
    loot: [
      {
        id: 1,
        item_id: 1,
        user_id: 1,
        raid_id: 2,
        pool_id: 1,
        character_name: 'Moth',
        amount: '5.00',
        created_at: '2024-01-03T21:00:00Z',
      },
    ],
    adjustments: [{ id: 1, user_id: 2, pool_id: 1, amount: '1.00', reason: 'x', created_at: '2024-01-04T00:00:00Z' }],
    expected_summaries: [
      { user_id: 1, pool_id: 1, earned: '20.00', spent: '5.00', adjusted: '0.00', balance: '15.00' },
      { user_id: 2, pool_id: 1, earned: '10.00', spent: '0.00', adjusted: '1.00', balance: '11.00' },
    ],
  };
}

describe('scaleBenchDataset', () => {
  it('leaves the data set as it is at scale 1', () => {
    const data = tiny();
    expect(scaleBenchDataset(data, 1)).toBe(data);
  });

  it('copies members, characters and raids with their history, ids shifted and names kept unique', () => {
    const scaled = scaleBenchDataset(tiny(), 3);
    expect(scaled.counts).toMatchObject({ users: 6, characters: 9, raids: 6, attendance: 9, loot: 3, adjustments: 3 });
    expect(scaled.users.map((u) => u.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(scaled.users.map((u) => u.username)).toEqual(['moth', 'kyra', 'mothqb', 'kyraqb', 'mothqc', 'kyraqc']);
    expect(scaled.characters.every((c) => /^[A-Za-z]{2,32}$/.test(c.name))).toBe(true);
    // Copy 2's alt attendance points at copy 2's raid, user and character.
    expect(scaled.attendance[6]).toEqual({
      id: 7,
      raid_id: 5,
      user_id: 5,
      character_name: 'Mothaltqc',
      points: '10.00',
    });
    expect(scaled.raids[2]).toMatchObject({ id: 3, leader_id: 4, starts_at: '2024-01-02T20:00:00Z' });
    expect(scaled.raids[3].leader_id).toBeNull();
    expect(scaled.loot[1]).toMatchObject({ id: 2, user_id: 3, raid_id: 4, character_name: 'Mothqb', item_id: 1 });
    expect(scaled.expected_summaries.map((s) => [s.user_id, s.balance])).toEqual([
      [1, '15.00'],
      [2, '11.00'],
      [3, '15.00'],
      [4, '11.00'],
      [5, '15.00'],
      [6, '11.00'],
    ]);
    expect(new Set(scaled.users.map((u) => u.discord_id)).size).toBe(6);
    expect(scaled.pools).toHaveLength(1);
    expect(scaled.items).toHaveLength(1);
  });

  it('refuses a scale that is not a positive integer', () => {
    expect(() => scaleBenchDataset(tiny(), 0)).toThrow(/positive integer/);
    expect(() => scaleBenchDataset(tiny(), 1.5)).toThrow(/positive integer/);
  });
});
