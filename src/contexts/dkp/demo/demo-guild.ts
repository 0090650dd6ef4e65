import { fromCents, toCents } from '../common/cents';
import type { BulkAdjustment, BulkAttendance, BulkCharacter, BulkEvent, BulkGuild, BulkItem, BulkLoot, BulkRaid, BulkSummary, BulkUser, Key } from '../bulk/dkp-bulk-loader';

/**
 * A deterministic synthetic EverQuest guild for the demo org: about 150 users with 1-3
 * characters each, four ranks, two pools (Velious, Luclin), 15 raid targets, a year of raids
 * (2-4 a week, 30-60 attendees), about 400 loot awards and 100 adjustments. Same seed and same
 * `now` give the same guild. Loot and removals are replayed in time order so that no award
 * exceeds its winner's balance at the time and no balance goes below zero; the expected
 * summaries come out of the same replay.
 */

/** mulberry32: small, fast, good enough for synthetic data, and the same everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const EQ_CLASSES = [
  'Warrior', 'Cleric', 'Paladin', 'Ranger', 'Shadow Knight', 'Druid', 'Monk', 'Bard',
  'Rogue', 'Shaman', 'Necromancer', 'Wizard', 'Magician', 'Enchanter', 'Beastlord', 'Berserker',
];

const NAME_START = ['Ar', 'Bel', 'Cal', 'Dar', 'El', 'Fen', 'Gal', 'Hal', 'Il', 'Jor', 'Kel', 'Lor', 'Mal', 'Nar', 'Or', 'Pel', 'Quel', 'Ral', 'Syl', 'Tor', 'Ul', 'Val', 'Wyn', 'Xan', 'Yor', 'Zan', 'Ae', 'Bra', 'Cor', 'Dra', 'Eri', 'Gor', 'Ka', 'Mor', 'Ny', 'Tha'];
const NAME_MIDDLE = ['', '', 'a', 'e', 'i', 'o', 'an', 'en', 'ar', 'or', 'ul', 'ith', 'ae'];
const NAME_END = ['dor', 'wen', 'rik', 'las', 'mir', 'dil', 'nar', 'thas', 'ion', 'ric', 'ven', 'gar', 'ril', 'dan', 'sha', 'lyn', 'vin', 'mon', 'rak', 'zel', 'dra', 'nor', 'tis', 'bur'];

const POOLS = [
  { key: 'velious', name: 'Velious', description: 'Scars of Velious raid targets' },
  { key: 'luclin', name: 'Luclin', description: 'Shadows of Luclin raid targets' },
];

const EVENTS: [name: string, pool: string, points: number][] = [
  ['Temple of Veeshan', 'velious', 25],
  ["Vulak'Aerr", 'velious', 30],
  ['Avatar of War', 'velious', 20],
  ['Statue of Rallos Zek', 'velious', 15],
  ['Kael Drakkel', 'velious', 10],
  ['Sleeper\'s Tomb', 'velious', 25],
  ['Lord Yelinak', 'velious', 20],
  ['Tormax', 'velious', 15],
  ['Vex Thal', 'luclin', 30],
  ['Emperor Ssraeshza', 'luclin', 25],
  ['Aten Ha Ra', 'luclin', 20],
  ['Akheva Ruins', 'luclin', 10],
  ["Grieg's End", 'luclin', 10],
  ['The Burning Prince', 'luclin', 15],
  ['Sanctus Seru', 'luclin', 5],
];

const ITEM_PARTS: Record<string, [string[], string[]]> = {
  velious: [
    ['Crown', 'Cloak', 'Bracer', 'Girdle', 'Earring', 'Ring', 'Gauntlets', 'Mask', 'Shield', 'Blade', 'Staff', 'Boots'],
    ['of the Ice Dragon', 'of Rallos Zek', 'of Veeshan', 'of the Frozen Wastes', 'of the Wurmslayer', 'of Storms', 'of the Kromzek', 'of the Sleeper'],
  ],
  luclin: [
    ['Cowl', 'Mantle', 'Bracelet', 'Sash', 'Stud', 'Band', 'Gloves', 'Visage', 'Aegis', 'Dagger', 'Wand', 'Sandals'],
    ['of the Shissar', 'of the Akheva', 'of Luclin', 'of the Shadowed Moon', 'of the Grimling', 'of the Burning Prince', 'of Vex Thal', 'of the Emperor'],
  ],
};
const RARITIES = ['uncommon', 'rare', 'rare', 'epic', 'legendary'] as const;
const CATEGORIES = ['armor', 'jewelry', 'weapon', 'armor', 'jewelry'];

const ADJUST_UP = ['Pulled the train to the zone in', 'On-time bonus', 'Corpse recovery', 'First kill bonus', 'Officer duty', 'Made the raid-night buffs'];
const ADJUST_DOWN = ['Late loot refund reversal', 'AFK during the event', 'Pulled mobs on the raid', 'Loot council correction'];

export const DEMO_RANKS = [
  { key: 'officer', name: 'Officer', sortOrder: 0 },
  { key: 'raider', name: 'Raider', sortOrder: 1 },
  { key: 'member', name: 'Member', sortOrder: 2 },
  { key: 'recruit', name: 'Recruit', sortOrder: 3 },
];

export interface DemoGuildUser {
  id: string;
  username: string;
}

export interface DemoGuildOptions {
  /** End of the year of raids (default now, rounded down to the UTC day for determinism). */
  now?: Date;
  seed?: number;
  /** Users generated besides the demo accounts (default 147, about 150 in all). */
  users?: number;
  /** The demo accounts, who get characters and attendance like everyone else. */
  demoUsers?: { owner?: DemoGuildUser; officer?: DemoGuildUser; member?: DemoGuildUser };
}

interface UserPlan {
  user: BulkUser;
  chars: BulkCharacter[];
  /** Chance of coming to a raid. */
  keen: number;
  rank: string;
}

const DAY = 86_400_000;

export function generateDemoGuild(options: DemoGuildOptions = {}): { guild: BulkGuild; expected: BulkSummary[] } {
  const rnd = seededRandom(options.seed ?? 20260101);
  const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const now = options.now ?? new Date(Math.floor(Date.now() / DAY) * DAY);

  // Names: unique case-insensitively, letters only.
  const names = new Set<string>();
  const newName = (): string => {
    for (;;) {
      const name = pick(NAME_START) + pick(NAME_MIDDLE) + pick(NAME_END);
      if (name.length >= 4 && name.length <= 12 && !names.has(name.toLowerCase())) {
        names.add(name.toLowerCase());
        return name;
      }
    }
  };

  const plans: UserPlan[] = [];
  const demo = options.demoUsers ?? {};
  const demoEntries: [DemoGuildUser | undefined, BulkUser['tier'], string][] = [
    [demo.owner, 'owner', 'officer'],
    [demo.officer, 'officer', 'officer'],
    [demo.member, 'member', 'raider'],
  ];
  const total = options.users ?? 147;
  const charCount = () => {
    const r = rnd();
    return r < 0.15 ? 1 : r < 0.55 ? 2 : 3;
  };
  const makeChars = (userKey: string, count: number): BulkCharacter[] =>
    Array.from({ length: count }, (_, i) => ({
      key: `${userKey}/c${i}`,
      name: newName(),
      userKey,
      characterClass: pick(EQ_CLASSES),
      level: i === 0 ? int(55, 65) : int(40, 65),
      isMain: i === 0,
      rankKey: null,
    }));
  for (const [account, tier, rank] of demoEntries) {
    if (!account) continue;
    const key = `demo/${account.username}`;
    const chars = makeChars(key, tier === 'officer' ? 3 : 2);
    plans.push({ user: { key, username: account.username, userId: account.id, tier }, chars, keen: 0.8, rank });
  }
  for (let i = 0; i < total; i++) {
    const key = `u${i}`;
    const chars = makeChars(key, charCount());
    const officer = i < 10;
    const r = rnd();
    const rank = officer ? 'officer' : r < 0.55 ? 'raider' : r < 0.85 ? 'member' : 'recruit';
    const keen = rank === 'officer' ? 0.75 + rnd() * 0.2 : rank === 'raider' ? 0.45 + rnd() * 0.45 : rank === 'member' ? 0.15 + rnd() * 0.35 : 0.1 + rnd() * 0.25;
    // A Discord snowflake: 18 digits.
    const discordId = String(int(1, 9)) + Array.from({ length: 17 }, () => String(int(0, 9))).join('');
    plans.push({
      user: { key, username: `demo-${chars[0].name.toLowerCase()}`, discordId, displayName: chars[0].name, tier: officer ? 'officer' : 'member' },
      chars,
      keen,
      rank,
    });
  }
  for (const p of plans) {
    for (const c of p.chars) {
      c.rankKey = c.isMain ? p.rank : p.rank === 'officer' ? 'raider' : 'member';
      c.joinedAt = new Date(now.getTime() - int(370, 1500) * DAY);
    }
  }

  const events: BulkEvent[] = EVENTS.map(([name, pool, pts]) => ({ key: name, name, poolKey: pool, defaultPoints: fromCents(pts * 100), description: `${name} (${pool === 'velious' ? 'Velious' : 'Luclin'})` }));
  const items: BulkItem[] = [];
  const itemsOf: Record<string, string[]> = { velious: [], luclin: [] };
  for (const pool of Object.keys(ITEM_PARTS)) {
    const [heads, tails] = ITEM_PARTS[pool];
    for (const head of heads) {
      for (const tail of tails) {
        if (rnd() < 0.5) continue;
        const name = `${head} ${tail}`;
        const k = items.length % RARITIES.length;
        items.push({ key: name, name, category: CATEGORIES[k], rarity: RARITIES[(k + int(0, 2)) % RARITIES.length] });
        itemsOf[pool].push(name);
      }
    }
  }

  // A year of raids, 2-4 a week on distinct evenings (01:00-03:00 UTC: US evenings); Luclin
  // takes over from Velious as the year goes on.
  const raids: BulkRaid[] = [];
  const start = now.getTime() - 365 * DAY;
  for (let week = 0; week < 52; week++) {
    const days = new Set<number>();
    const count = int(2, 4);
    while (days.size < count) days.add(int(0, 6));
    for (const day of [...days].sort((a, b) => a - b)) {
      const startsAt = start + (week * 7 + day) * DAY + int(60, 180) * 60_000;
      if (startsAt >= now.getTime()) continue;
      const pool = rnd() < week / 52 ? 'luclin' : 'velious';
      const event = pick(events.filter((e) => e.poolKey === pool));
      raids.push({ key: `r${raids.length}`, eventKey: event.key, poolKey: pool, startsAt: new Date(startsAt), notes: pick(['', '', 'Full clear', 'Partial clear', 'Wiped twice, then the kill', 'Short night']), value: event.defaultPoints });
    }
  }

  // Timeline: raids (attendance, then loot after the kills) and adjustments, replayed in order.
  const adjustmentTimes = Array.from({ length: 100 }, () => start + int(1, 364) * DAY + int(0, 86_399) * 1000).sort((a, b) => a - b);
  type Step = { at: number; raid?: BulkRaid; adjustment?: true };
  const steps: Step[] = [...raids.map((r) => ({ at: (r.startsAt as Date).getTime(), raid: r })), ...adjustmentTimes.map((at) => ({ at, adjustment: true as const }))].sort((a, b) => a.at - b.at);

  const balance = new Map<string, number>(); // `${pool}|${user}` → cents
  const sums = new Map<string, { earned: number; spent: number; adjusted: number }>();
  const add = (pool: Key, user: Key, bucket: 'earned' | 'spent' | 'adjusted', cents: number) => {
    const id = `${pool}|${user}`;
    const s = sums.get(id) ?? { earned: 0, spent: 0, adjusted: 0 };
    s[bucket] += cents;
    sums.set(id, s);
    balance.set(id, (balance.get(id) ?? 0) + (bucket === 'spent' ? -cents : cents));
  };
  const attendance: BulkAttendance[] = [];
  const loot: BulkLoot[] = [];
  const adjustments: BulkAdjustment[] = [];
  const lootTarget = 400;
  for (const step of steps) {
    if (step.raid) {
      const raid = step.raid;
      const size = int(30, 60);
      const attendees = plans
        .map((p) => ({ p, score: rnd() * p.keen }))
        .sort((a, b) => b.score - a.score)
        .slice(0, size)
        .map(({ p }) => p);
      const value = toCents(raid.value!);
      const present: { plan: UserPlan; name: string }[] = [];
      for (const p of attendees) {
        const name = p.chars.length > 1 && rnd() < 0.2 ? pick(p.chars.slice(1)).name : p.chars[0].name;
        const flag = rnd() < 0.05 ? 'late' : 'on_time';
        const cents = flag === 'late' ? Math.round(value * 0.5) : value;
        attendance.push({ raidKey: raid.key, userKey: p.user.key, characterName: name, points: fromCents(cents), flag });
        add(raid.poolKey, p.user.key, 'earned', cents);
        present.push({ plan: p, name });
      }
      const officers = present.filter((a) => a.plan.rank === 'officer');
      raid.leaderUserKey = (officers.length ? pick(officers) : present[0]).plan.user.key;
      // About 400 awards over the year: 2-3 per raid, to attendees who can pay.
      const drops = Math.max(0, Math.round((lootTarget - loot.length) / Math.max(1, raids.length - raids.indexOf(raid)) + (rnd() - 0.5) * 2));
      for (let d = 0; d < drops; d++) {
        const able = present.filter((a) => (balance.get(`${raid.poolKey}|${a.plan.user.key}`) ?? 0) >= 500);
        if (!able.length) break;
        const winner = pick(able);
        const has = balance.get(`${raid.poolKey}|${winner.plan.user.key}`)!;
        // Bids in whole or half points, 5 up to the winner's balance (capped so leaders vary).
        const cap = Math.min(has, 15_000);
        const cents = Math.min(cap, Math.max(500, Math.round((500 + rnd() * rnd() * (cap - 500)) / 50) * 50));
        add(raid.poolKey, winner.plan.user.key, 'spent', cents);
        loot.push({
          key: `l${loot.length}`,
          itemKey: pick(itemsOf[raid.poolKey as string]),
          userKey: winner.plan.user.key,
          poolKey: raid.poolKey,
          raidKey: raid.key,
          characterName: winner.name,
          amount: fromCents(cents),
          createdAt: new Date(step.at + int(20, 170) * 60_000),
        });
      }
    } else {
      const p = pick(plans);
      const pool = pick(POOLS).key;
      const has = balance.get(`${pool}|${p.user.key}`) ?? 0;
      let cents = int(2, 10) * 250;
      let reason = pick(ADJUST_UP);
      if (rnd() < 0.3 && has >= cents) {
        cents = -cents;
        reason = pick(ADJUST_DOWN);
      }
      add(pool, p.user.key, 'adjusted', cents);
      adjustments.push({ userKey: p.user.key, poolKey: pool, amount: fromCents(cents), reason, createdAt: new Date(step.at), characterName: p.chars[0].name });
    }
  }

  const expected: BulkSummary[] = [...sums].map(([id, s]) => {
    const [poolKey, userKey] = id.split('|');
    return { poolKey, userKey, earned: fromCents(s.earned), spent: fromCents(s.spent), adjusted: fromCents(s.adjusted), balance: fromCents(s.earned - s.spent + s.adjusted) };
  });
  return {
    guild: {
      users: plans.map((p) => p.user),
      ranks: DEMO_RANKS,
      pools: POOLS,
      events,
      items,
      characters: plans.flatMap((p) => p.chars),
      raids,
      attendance,
      loot,
      adjustments,
    },
    expected,
  };
}
