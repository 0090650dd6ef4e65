import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';

/**
 * Reads the guild and DKP tables of an EQdkp Plus 2.x database (MySQL or MariaDB) through
 * `mysql2`. Amounts are read as `CAST(x AS DECIMAL(12,2))`, i.e. exact two-place strings, never
 * summed as floats. The table prefix is a setting, never assumed.
 */

export interface EqUser {
  id: number;
  username: string;
  email: string;
  authAccount: string;
  active: boolean;
  registered: number;
}
export interface EqMember {
  id: number;
  name: string;
  status: number;
  rankId: number;
  mainId: number | null;
  created: number;
  profiledata: string;
  requestedDel: boolean;
  requireConfirm: boolean;
}
export interface EqRaid {
  id: number;
  eventId: number;
  date: number;
  value: string;
  note: string;
  addedBy: string;
}
export interface EqItem {
  id: number;
  name: string;
  memberId: number;
  raidId: number;
  value: string;
  date: number;
  itempoolId: number;
  gameItemId: string | null;
  groupKey: string;
}
export interface EqAdjustment {
  id: number;
  value: string;
  date: number;
  memberId: number;
  reason: string;
  eventId: string;
  raidId: number | null;
  groupKey: string;
  addedBy: string;
}

export interface EqAttendee {
  raidId: number;
  memberId: number;
}

export interface EqdkpData {
  prefix: string;
  /** Rows per table (names without the prefix), for the report's totals. */
  counts: Record<string, number>;
  config: Map<string, string>;
  users: EqUser[];
  groups: { id: number; name: string }[];
  groupUsers: { groupId: number; userId: number }[];
  memberUsers: { memberId: number; userId: number }[];
  members: EqMember[];
  ranks: { id: number; name: string; hide: boolean; sortId: number }[];
  events: { id: number; name: string; value: string }[];
  pools: { id: number; name: string; description: string; sortId: number }[];
  poolEvents: { poolId: number; eventId: number }[];
  itempools: { id: number; name: string }[];
  poolItempools: { poolId: number; itempoolId: number }[];
  raids: EqRaid[];
  /** Attendee rows: empty after `readEqdkp`, which leaves them to `attendeePages`. */
  attendees: EqAttendee[];
  /** The distinct member ids of the attendee rows (to find orphans before the pages are read). */
  attendeeMemberIds: number[];
  items: EqItem[];
  adjustments: EqAdjustment[];
}

/** Tables counted for the report but not read: caches and field definitions. */
const COUNTED_ONLY = ['member_profilefields', 'member_points'];

/** A prefix is a bare identifier (EQdkp requires a leading letter); anything else is refused. */
export function checkPrefix(prefix: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_]{0,40}$/.test(prefix)) throw new Error(`Invalid table prefix "${prefix}"`);
  return prefix;
}

type Progress = (table: string, rows: number) => void;

/** Every table the import reads, in dependency order, with the query that reads it. */
function queries(): [string, string][] {
  const dec = (column: string) => `CAST(${column} AS DECIMAL(12,2)) AS ${column}`;
  return [
    ['config', 'SELECT config_name, config_value FROM $config'],
    [
      'users',
      'SELECT user_id, username, user_email, auth_account, user_active, user_registered FROM $users ORDER BY user_id',
    ],
    ['groups_user', 'SELECT groups_user_id, groups_user_name FROM $groups_user ORDER BY groups_user_id'],
    ['groups_users', 'SELECT group_id, user_id FROM $groups_users ORDER BY user_id, group_id'],
    ['member_user', 'SELECT member_id, user_id FROM $member_user ORDER BY member_id, user_id'],
    ['member_ranks', 'SELECT rank_id, rank_name, rank_hide, rank_sortid FROM $member_ranks ORDER BY rank_id'],
    [
      'members',
      `SELECT member_id, member_name, member_status, member_rank_id, member_main_id, member_creation_date,
              profiledata, requested_del, require_confirm FROM $members ORDER BY member_id`,
    ],
    ['events', `SELECT event_id, event_name, ${dec('event_value')} FROM $events ORDER BY event_id`],
    [
      'multidkp',
      'SELECT multidkp_id, multidkp_name, multidkp_desc, multidkp_sortid FROM $multidkp ORDER BY multidkp_id',
    ],
    ['multidkp2event', 'SELECT multidkp2event_multi_id, multidkp2event_event_id FROM $multidkp2event ORDER BY 1, 2'],
    ['itempool', 'SELECT itempool_id, itempool_name FROM $itempool ORDER BY itempool_id'],
    [
      'multidkp2itempool',
      'SELECT multidkp2itempool_multi_id, multidkp2itempool_itempool_id FROM $multidkp2itempool ORDER BY 1, 2',
    ],
    [
      'raids',
      `SELECT raid_id, event_id, raid_date, ${dec('raid_value')}, raid_note, raid_added_by FROM $raids ORDER BY raid_id`,
    ],
    [
      'items',
      `SELECT item_id, item_name, member_id, raid_id, ${dec('item_value')}, item_date, itempool_id, game_itemid,
              item_group_key FROM $items ORDER BY item_id`,
    ],
    [
      'adjustments',
      `SELECT adjustment_id, ${dec('adjustment_value')}, adjustment_date, member_id, adjustment_reason, event_id,
              raid_id, adjustment_group_key, adjustment_added_by FROM $adjustments ORDER BY adjustment_id`,
    ],
  ];
}

/** Opens the connection: utf8mb4 so that text of both table charsets arrives intact. */
export function connectEqdkp(url: string): Promise<Connection> {
  return createConnection({ uri: url, charset: 'utf8mb4', supportBigNumbers: true, bigNumberStrings: false });
}

/** Reads every table (`onProgress` after each). */
export async function readEqdkp(conn: Connection, prefix: string, onProgress: Progress = () => {}): Promise<EqdkpData> {
  checkPrefix(prefix);
  const raw: Record<string, RowDataPacket[]> = {};
  const counts: Record<string, number> = {};
  for (const [table, sql] of queries()) {
    const [rows] = await conn.query<RowDataPacket[]>(sql.replace(/\$([a-z_0-9]+)/g, `\`${prefix}$1\``));
    raw[table] = rows;
    counts[table] = rows.length;
    onProgress(table, rows.length);
  }
  const [ids] = await conn.query<RowDataPacket[]>(
    `SELECT DISTINCT member_id FROM \`${prefix}raid_attendees\` ORDER BY member_id`,
  );
  raw.raid_attendees = [];
  for (const table of ['raid_attendees', ...COUNTED_ONLY]) {
    const [rows] = await conn.query<RowDataPacket[]>(`SELECT COUNT(*) AS n FROM \`${prefix}${table}\``);
    counts[table] = Number(rows[0].n);
    onProgress(table, counts[table]);
  }
  return { prefix, counts, ...shape(raw), attendeeMemberIds: ids.map((r) => int(r.member_id)) };
}

/**
 * The attendee rows (the one table that grows with a guild's history), page by page so that memory
 * does not grow with the dump: each page holds whole raids (about `pageRows` rows), in raid id
 * order, and within a raid by member id. The table has no key; raid id ranges page it exactly.
 */
export async function* attendeePages(
  conn: Connection,
  prefix: string,
  pageRows = 20_000,
): AsyncGenerator<EqAttendee[]> {
  const table = `\`${checkPrefix(prefix)}raid_attendees\``;
  const [perRaid] = await conn.query<RowDataPacket[]>(
    `SELECT raid_id, COUNT(*) AS n FROM ${table} GROUP BY raid_id ORDER BY raid_id`,
  );
  for (const [from, to] of raidRanges(
    perRaid.map((r) => [int(r.raid_id), int(r.n)]),
    pageRows,
  )) {
    const [rows] = await conn.query<RowDataPacket[]>({
      sql: `SELECT raid_id, member_id FROM ${table} WHERE raid_id BETWEEN ? AND ? ORDER BY raid_id, member_id`,
      values: [from, to],
      rowsAsArray: true,
    });
    yield (rows as unknown as unknown[][]).map((r) => ({ raidId: int(r[0]), memberId: int(r[1]) }));
  }
}

/** Consecutive raid id ranges of about `pageRows` rows each (a raid is never split). */
export function raidRanges(rowsPerRaid: [number, number][], pageRows: number): [number, number][] {
  const ranges: [number, number][] = [];
  let start: number | null = null;
  let rows = 0;
  for (const [raidId, n] of rowsPerRaid) {
    start ??= raidId;
    rows += n;
    if (rows >= pageRows) {
      ranges.push([start, raidId]);
      start = null;
      rows = 0;
    }
  }
  if (start != null) ranges.push([start, rowsPerRaid[rowsPerRaid.length - 1][0]]);
  return ranges;
}

const int = (value: unknown): number => Number(value ?? 0);
const str = (value: unknown): string => (value == null ? '' : String(value));

function shape(raw: Record<string, RowDataPacket[]>): Omit<EqdkpData, 'prefix' | 'counts' | 'attendeeMemberIds'> {
  return {
    config: new Map(raw.config.map((r) => [str(r.config_name), str(r.config_value)])),
    users: raw.users.map((r) => ({
      id: int(r.user_id),
      username: str(r.username),
      email: str(r.user_email),
      authAccount: str(r.auth_account),
      active: int(r.user_active) === 1,
      registered: int(r.user_registered),
    })),
    groups: raw.groups_user.map((r) => ({ id: int(r.groups_user_id), name: str(r.groups_user_name) })),
    groupUsers: raw.groups_users.map((r) => ({ groupId: int(r.group_id), userId: int(r.user_id) })),
    memberUsers: raw.member_user.map((r) => ({ memberId: int(r.member_id), userId: int(r.user_id) })),
    ranks: raw.member_ranks.map((r) => ({
      id: int(r.rank_id),
      name: str(r.rank_name),
      hide: int(r.rank_hide) === 1,
      sortId: int(r.rank_sortid),
    })),
    members: raw.members.map(shapeMember),
    events: raw.events.map((r) => ({ id: int(r.event_id), name: str(r.event_name), value: str(r.event_value) })),
    pools: raw.multidkp.map((r) => ({
      id: int(r.multidkp_id),
      name: str(r.multidkp_name),
      description: str(r.multidkp_desc),
      sortId: int(r.multidkp_sortid),
    })),
    poolEvents: raw.multidkp2event.map((r) => ({
      poolId: int(r.multidkp2event_multi_id),
      eventId: int(r.multidkp2event_event_id),
    })),
    itempools: raw.itempool.map((r) => ({ id: int(r.itempool_id), name: str(r.itempool_name) })),
    poolItempools: raw.multidkp2itempool.map((r) => ({
      poolId: int(r.multidkp2itempool_multi_id),
      itempoolId: int(r.multidkp2itempool_itempool_id),
    })),
    raids: raw.raids.map((r) => ({
      id: int(r.raid_id),
      eventId: int(r.event_id),
      date: int(r.raid_date),
      value: str(r.raid_value),
      note: str(r.raid_note),
      addedBy: str(r.raid_added_by),
    })),
    attendees: [],
    items: raw.items.map(shapeItem),
    adjustments: raw.adjustments.map(shapeAdjustment),
  };
}

function shapeMember(r: RowDataPacket): EqMember {
  return {
    id: int(r.member_id),
    name: str(r.member_name),
    status: int(r.member_status),
    rankId: int(r.member_rank_id),
    mainId: r.member_main_id == null ? null : int(r.member_main_id),
    created: int(r.member_creation_date),
    profiledata: str(r.profiledata),
    requestedDel: int(r.requested_del) === 1,
    requireConfirm: int(r.require_confirm) === 1,
  };
}

function shapeItem(r: RowDataPacket): EqItem {
  return {
    id: int(r.item_id),
    name: str(r.item_name),
    memberId: int(r.member_id),
    raidId: int(r.raid_id),
    value: str(r.item_value),
    date: int(r.item_date),
    itempoolId: int(r.itempool_id),
    gameItemId: r.game_itemid == null || r.game_itemid === '' ? null : str(r.game_itemid),
    groupKey: str(r.item_group_key),
  };
}

function shapeAdjustment(r: RowDataPacket): EqAdjustment {
  return {
    id: int(r.adjustment_id),
    value: str(r.adjustment_value),
    date: int(r.adjustment_date),
    memberId: int(r.member_id),
    reason: str(r.adjustment_reason),
    eventId: str(r.event_id),
    raidId: r.raid_id == null ? null : int(r.raid_id),
    groupKey: str(r.adjustment_group_key),
    addedBy: str(r.adjustment_added_by),
  };
}
