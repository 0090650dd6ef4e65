import type {
  BulkAdjustment,
  BulkAttendance,
  BulkCharacter,
  BulkEvent,
  BulkGuild,
  BulkItem,
  BulkLoot,
  BulkRaid,
  BulkSummary,
  BulkUser,
} from '../bulk/bulk-guild';
import { fromCents, toCents } from '../common/cents';
import { PointsReplay } from './points-replay';

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

// prettier-ignore
export const EQ_CLASSES = [
  'Warrior', 'Cleric', 'Paladin', 'Ranger', 'Shadow Knight', 'Druid', 'Monk', 'Bard',
  'Rogue', 'Shaman', 'Necromancer', 'Wizard', 'Magician', 'Enchanter', 'Beastlord', 'Berserker',
];

// prettier-ignore
const NAME_START = [
  'Ar', 'Bel', 'Cal', 'Dar', 'El', 'Fen', 'Gal', 'Hal', 'Il', 'Jor', 'Kel', 'Lor',
  'Mal', 'Nar', 'Or', 'Pel', 'Quel', 'Ral', 'Syl', 'Tor', 'Ul', 'Val', 'Wyn', 'Xan',
  'Yor', 'Zan', 'Ae', 'Bra', 'Cor', 'Dra', 'Eri', 'Gor', 'Ka', 'Mor', 'Ny', 'Tha',
];
const NAME_MIDDLE = ['', '', 'a', 'e', 'i', 'o', 'an', 'en', 'ar', 'or', 'ul', 'ith', 'ae'];
// prettier-ignore
const NAME_END = [
  'dor', 'wen', 'rik', 'las', 'mir', 'dil', 'nar', 'thas', 'ion', 'ric', 'ven', 'gar',
  'ril', 'dan', 'sha', 'lyn', 'vin', 'mon', 'rak', 'zel', 'dra', 'nor', 'tis', 'bur',
];

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
  ["Sleeper's Tomb", 'velious', 25],
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

// prettier-ignore
const ITEM_PARTS: Record<string, [string[], string[]]> = {
  velious: [
    ['Crown', 'Cloak', 'Bracer', 'Girdle', 'Earring', 'Ring', 'Gauntlets', 'Mask', 'Shield', 'Blade', 'Staff', 'Boots'],
    [
      'of the Ice Dragon', 'of Rallos Zek', 'of Veeshan', 'of the Frozen Wastes',
      'of the Wurmslayer', 'of Storms', 'of the Kromzek', 'of the Sleeper',
    ],
  ],
  luclin: [
    ['Cowl', 'Mantle', 'Bracelet', 'Sash', 'Stud', 'Band', 'Gloves', 'Visage', 'Aegis', 'Dagger', 'Wand', 'Sandals'],
    [
      'of the Shissar', 'of the Akheva', 'of Luclin', 'of the Shadowed Moon',
      'of the Grimling', 'of the Burning Prince', 'of Vex Thal', 'of the Emperor',
    ],
  ],
};
const RARITIES = ['uncommon', 'rare', 'rare', 'epic', 'legendary'] as const;
const CATEGORIES = ['armor', 'jewelry', 'weapon', 'armor', 'jewelry'];

const RAID_NOTES = ['', '', 'Full clear', 'Partial clear', 'Wiped twice, then the kill', 'Short night'];
// prettier-ignore
const ADJUST_UP = [
  'Pulled the train to the zone in', 'On-time bonus', 'Corpse recovery',
  'First kill bonus', 'Officer duty', 'Made the raid-night buffs',
];
// prettier-ignore
const ADJUST_DOWN = [
  'Late loot refund reversal', 'AFK during the event', 'Pulled mobs on the raid', 'Loot council correction',
];

export const DEMO_RANKS = [
  { key: 'officer', name: 'Officer', sortOrder: 0 },
  { key: 'raider', name: 'Raider', sortOrder: 1 },
  { key: 'member', name: 'Member', sortOrder: 2 },
  { key: 'recruit', name: 'Recruit', sortOrder: 3 },
];

const DAY = 86_400_000;
const MINUTE = 60_000;
const WEEKS = 52;
const GENERATED_USERS = 147;
const GENERATED_OFFICERS = 10;
const ADJUSTMENTS = 100;
/** Loot awards over the year, spread evenly over the raids still to come. */
const LOOT_TARGET = 400;
/** Bids are at least 5 points and, so that the leaders vary, at most 150. */
const MIN_BID_CENTS = 500;
const MAX_BID_CENTS = 15_000;

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

type Rank = 'officer' | 'raider' | 'member' | 'recruit';

interface UserPlan {
  user: BulkUser;
  chars: BulkCharacter[];
  /** Chance of coming to a raid. */
  keen: number;
  rank: Rank;
}

/** Who came to a raid, under which character name. */
type Attendee = { plan: UserPlan; name: string };

/** A moment of the year being replayed: a raid (attendance, then loot) or an adjustment. */
type Step = { at: number; raid: BulkRaid; raidIndex: number } | { at: number; raid?: undefined };

/**
 * One stream of seeded draws. Every draw moves the stream on, so the order of the draws in the
 * generator below is part of its output: reorder two calls and the same seed gives another guild.
 */
class Dice {
  readonly next: () => number;

  constructor(seed: number) {
    this.next = seededRandom(seed);
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)];
  }
}

export function generateDemoGuild(options: DemoGuildOptions = {}): { guild: BulkGuild; expected: BulkSummary[] } {
  return new DemoGuildGenerator(options).generate();
}

/** One run of the generator: holds the dice, the names taken so far and the replay's results. */
class DemoGuildGenerator {
  private readonly dice: Dice;
  private readonly now: number;
  /** Start of the year of raids. */
  private readonly start: number;
  private readonly takenNames = new Set<string>();
  private readonly points = new PointsReplay();
  private readonly attendance: BulkAttendance[] = [];
  private readonly loot: BulkLoot[] = [];
  private readonly adjustments: BulkAdjustment[] = [];

  constructor(private readonly options: DemoGuildOptions) {
    this.dice = new Dice(options.seed ?? 20260101);
    this.now = (options.now ?? new Date(Math.floor(Date.now() / DAY) * DAY)).getTime();
    this.start = this.now - 365 * DAY;
  }

  generate(): { guild: BulkGuild; expected: BulkSummary[] } {
    const plans = this.planUsers();
    const events = demoEvents();
    const { items, itemsOfPool } = this.makeItems();
    const raids = this.scheduleRaids(events);
    for (const step of this.timeline(raids)) {
      if (step.raid) this.playRaid(step.raid, step.at, plans, itemsOfPool, raids.length - step.raidIndex);
      else this.playAdjustment(step.at, plans);
    }
    const guild: BulkGuild = {
      users: plans.map((plan) => plan.user),
      ranks: DEMO_RANKS,
      pools: POOLS,
      events,
      items,
      characters: plans.flatMap((plan) => plan.chars),
      raids,
      attendance: this.attendance,
      loot: this.loot,
      adjustments: this.adjustments,
    };
    return { guild, expected: this.points.summaries() };
  }

  // --- Users and characters ------------------------------------------------------------------

  /** The demo accounts first, then the generated users; then every character's rank and join date. */
  private planUsers(): UserPlan[] {
    const demo = this.options.demoUsers ?? {};
    const demoAccounts: [DemoGuildUser | undefined, BulkUser['tier'], Rank][] = [
      [demo.owner, 'owner', 'officer'],
      [demo.officer, 'officer', 'officer'],
      [demo.member, 'member', 'raider'],
    ];
    const plans: UserPlan[] = [];
    for (const [account, tier, rank] of demoAccounts) {
      if (account) plans.push(this.planDemoAccount(account, tier, rank));
    }
    const generated = this.options.users ?? GENERATED_USERS;
    for (let index = 0; index < generated; index++) plans.push(this.planGeneratedUser(index));
    for (const plan of plans) this.assignRankAndJoinDate(plan);
    return plans;
  }

  private planDemoAccount(account: DemoGuildUser, tier: BulkUser['tier'], rank: Rank): UserPlan {
    const key = `demo/${account.username}`;
    const chars = this.makeCharacters(key, tier === 'officer' ? 3 : 2);
    return { user: { key, username: account.username, userId: account.id, tier }, chars, keen: 0.8, rank };
  }

  /** The first users are officers; the rest raiders, members and recruits, keener by rank. */
  private planGeneratedUser(index: number): UserPlan {
    const key = `u${index}`;
    const chars = this.makeCharacters(key, this.characterCount());
    const officer = index < GENERATED_OFFICERS;
    const roll = this.dice.next();
    const rank: Rank = officer ? 'officer' : roll < 0.55 ? 'raider' : roll < 0.85 ? 'member' : 'recruit';
    const keen = this.keennessOf(rank);
    const discordId = this.discordSnowflake();
    const main = chars[0].name;
    const tier = officer ? 'officer' : 'member';
    const user: BulkUser = { key, username: `demo-${main.toLowerCase()}`, discordId, displayName: main, tier };
    return { user, chars, keen, rank };
  }

  private keennessOf(rank: Rank): number {
    const roll = this.dice.next();
    if (rank === 'officer') return 0.75 + roll * 0.2;
    if (rank === 'raider') return 0.45 + roll * 0.45;
    if (rank === 'member') return 0.15 + roll * 0.35;
    return 0.1 + roll * 0.25;
  }

  /** 18 digits, the first not a zero. */
  private discordSnowflake(): string {
    return String(this.dice.int(1, 9)) + Array.from({ length: 17 }, () => String(this.dice.int(0, 9))).join('');
  }

  /** 1 character for 15% of users, 2 for 40%, 3 for the rest. */
  private characterCount(): number {
    const roll = this.dice.next();
    return roll < 0.15 ? 1 : roll < 0.55 ? 2 : 3;
  }

  /** The first character is the main, at a higher level than alts may be. */
  private makeCharacters(userKey: string, count: number): BulkCharacter[] {
    return Array.from({ length: count }, (_, index) => ({
      key: `${userKey}/c${index}`,
      name: this.newName(),
      userKey,
      characterClass: this.dice.pick(EQ_CLASSES),
      level: index === 0 ? this.dice.int(55, 65) : this.dice.int(40, 65),
      isMain: index === 0,
      rankKey: null,
    }));
  }

  /** Unique case-insensitively, letters only, 4 to 12 of them. */
  private newName(): string {
    for (;;) {
      const name = this.dice.pick(NAME_START) + this.dice.pick(NAME_MIDDLE) + this.dice.pick(NAME_END);
      if (name.length >= 4 && name.length <= 12 && !this.takenNames.has(name.toLowerCase())) {
        this.takenNames.add(name.toLowerCase());
        return name;
      }
    }
  }

  /** Mains carry the user's rank, alts one below (officers' alts raid); all joined over a year ago. */
  private assignRankAndJoinDate(plan: UserPlan): void {
    for (const char of plan.chars) {
      char.rankKey = char.isMain ? plan.rank : plan.rank === 'officer' ? 'raider' : 'member';
      char.joinedAt = new Date(this.now - this.dice.int(370, 1500) * DAY);
    }
  }

  // --- Items and raids -----------------------------------------------------------------------

  /** About half of the name combinations of each pool, as items of that pool's targets. */
  private makeItems(): { items: BulkItem[]; itemsOfPool: Record<string, string[]> } {
    const items: BulkItem[] = [];
    const itemsOfPool: Record<string, string[]> = { velious: [], luclin: [] };
    for (const pool of Object.keys(ITEM_PARTS)) {
      const [heads, tails] = ITEM_PARTS[pool];
      for (const head of heads) {
        for (const tail of tails) {
          if (this.dice.next() < 0.5) continue;
          const name = `${head} ${tail}`;
          const kind = items.length % RARITIES.length;
          const rarity = RARITIES[(kind + this.dice.int(0, 2)) % RARITIES.length];
          items.push({ key: name, name, category: CATEGORIES[kind], rarity });
          itemsOfPool[pool].push(name);
        }
      }
    }
    return { items, itemsOfPool };
  }

  /**
   * A year of raids, 2-4 a week on distinct evenings (01:00-03:00 UTC: US evenings), in time
   * order; Luclin takes over from Velious as the year goes on.
   */
  private scheduleRaids(events: BulkEvent[]): BulkRaid[] {
    const raids: BulkRaid[] = [];
    for (let week = 0; week < WEEKS; week++) {
      for (const day of this.raidDaysOfWeek()) {
        const startsAt = this.start + (week * 7 + day) * DAY + this.dice.int(60, 180) * MINUTE;
        if (startsAt >= this.now) continue;
        const pool = this.dice.next() < week / WEEKS ? 'luclin' : 'velious';
        const event = this.dice.pick(events.filter((candidate) => candidate.poolKey === pool));
        raids.push({
          key: `r${raids.length}`,
          eventKey: event.key,
          poolKey: pool,
          startsAt: new Date(startsAt),
          notes: this.dice.pick(RAID_NOTES),
          value: event.defaultPoints,
        });
      }
    }
    return raids;
  }

  /** 2 to 4 distinct days of the week (0-6), in order. */
  private raidDaysOfWeek(): number[] {
    const days = new Set<number>();
    const count = this.dice.int(2, 4);
    while (days.size < count) days.add(this.dice.int(0, 6));
    return [...days].sort((a, b) => a - b);
  }

  /** Raids and adjustments in time order (a raid first when both fall on the same instant). */
  private timeline(raids: BulkRaid[]): Step[] {
    const adjustmentTimes = Array.from(
      { length: ADJUSTMENTS },
      () => this.start + this.dice.int(1, 364) * DAY + this.dice.int(0, 86_399) * 1000,
    ).sort((a, b) => a - b);
    const raidSteps: Step[] = raids.map((raid, raidIndex) => ({
      at: (raid.startsAt as Date).getTime(),
      raid,
      raidIndex,
    }));
    const adjustmentSteps: Step[] = adjustmentTimes.map((at) => ({ at }));
    return [...raidSteps, ...adjustmentSteps].sort((a, b) => a.at - b.at);
  }

  // --- The replay ----------------------------------------------------------------------------

  /** Attendance, a leader (an officer when one came) and the loot of one raid. */
  private playRaid(
    raid: BulkRaid,
    at: number,
    plans: UserPlan[],
    itemsOfPool: Record<string, string[]>,
    raidsLeft: number,
  ): void {
    const present = this.takeAttendance(raid, plans);
    const officers = present.filter((attendee) => attendee.plan.rank === 'officer');
    raid.leaderUserKey = (officers.length ? this.dice.pick(officers) : present[0]).plan.user.key;
    // 2-3 per raid: what is left of the target spread over the raids left, give or take one.
    const dropsDue = (LOOT_TARGET - this.loot.length) / Math.max(1, raidsLeft);
    const drops = Math.max(0, Math.round(dropsDue + (this.dice.next() - 0.5) * 2));
    for (let drop = 0; drop < drops; drop++) {
      if (!this.awardLoot(raid, at, present, itemsOfPool[raid.poolKey as string])) break;
    }
  }

  /**
   * 30-60 attendees, the keen ones more likely; each comes on the main or, one time in five,
   * an alt, and one in twenty is late (half the points).
   */
  private takeAttendance(raid: BulkRaid, plans: UserPlan[]): Attendee[] {
    const size = this.dice.int(30, 60);
    const attendees = plans
      .map((plan) => ({ plan, score: this.dice.next() * plan.keen }))
      .sort((a, b) => b.score - a.score)
      .slice(0, size)
      .map(({ plan }) => plan);
    const value = toCents(raid.value!);
    return attendees.map((plan) => {
      const alt = plan.chars.length > 1 && this.dice.next() < 0.2;
      const name = alt ? this.dice.pick(plan.chars.slice(1)).name : plan.chars[0].name;
      const flag = this.dice.next() < 0.05 ? 'late' : 'on_time';
      const cents = flag === 'late' ? Math.round(value * 0.5) : value;
      const points = fromCents(cents);
      this.attendance.push({ raidKey: raid.key, userKey: plan.user.key, characterName: name, points, flag });
      this.points.add(raid.poolKey, plan.user.key, 'earned', cents);
      return { plan, name };
    });
  }

  /**
   * One award to an attendee who can pay the minimum bid: in whole or half points, from the
   * minimum up to the winner's balance (capped), small bids likelier. False when nobody can pay.
   */
  private awardLoot(raid: BulkRaid, at: number, present: Attendee[], poolItems: string[]): boolean {
    const balanceOf = (attendee: Attendee) => this.points.balanceOf(raid.poolKey, attendee.plan.user.key);
    const able = present.filter((attendee) => balanceOf(attendee) >= MIN_BID_CENTS);
    if (!able.length) return false;
    const winner = this.dice.pick(able);
    const cap = Math.min(balanceOf(winner), MAX_BID_CENTS);
    const bid = Math.round((MIN_BID_CENTS + this.dice.next() * this.dice.next() * (cap - MIN_BID_CENTS)) / 50) * 50;
    const cents = Math.min(cap, Math.max(MIN_BID_CENTS, bid));
    this.points.add(raid.poolKey, winner.plan.user.key, 'spent', cents);
    this.loot.push({
      key: `l${this.loot.length}`,
      itemKey: this.dice.pick(poolItems),
      userKey: winner.plan.user.key,
      poolKey: raid.poolKey,
      raidKey: raid.key,
      characterName: winner.name,
      amount: fromCents(cents),
      createdAt: new Date(at + this.dice.int(20, 170) * MINUTE),
    });
    return true;
  }

  /** A bonus of 5-25 points, or (three times in ten, when the user can afford it) a penalty. */
  private playAdjustment(at: number, plans: UserPlan[]): void {
    const plan = this.dice.pick(plans);
    const pool = this.dice.pick(POOLS).key;
    const has = this.points.balanceOf(pool, plan.user.key);
    let cents = this.dice.int(2, 10) * 250;
    let reason = this.dice.pick(ADJUST_UP);
    if (this.dice.next() < 0.3 && has >= cents) {
      cents = -cents;
      reason = this.dice.pick(ADJUST_DOWN);
    }
    this.points.add(pool, plan.user.key, 'adjusted', cents);
    const amount = fromCents(cents);
    const characterName = plan.chars[0].name;
    const createdAt = new Date(at);
    this.adjustments.push({ userKey: plan.user.key, poolKey: pool, amount, reason, createdAt, characterName });
  }
}

function demoEvents(): BulkEvent[] {
  return EVENTS.map(([name, pool, points]) => ({
    key: name,
    name,
    poolKey: pool,
    defaultPoints: fromCents(points * 100),
    description: `${name} (${pool === 'velious' ? 'Velious' : 'Luclin'})`,
  }));
}
