import type { BulkCharacter, BulkRank, BulkUser, Key } from '../bulk/bulk-guild';
import { decryptEqdkp, discordIdOf } from './eqdkp-crypto';
import { uniqueCharacterName, uniqueUsername } from './eqdkp-names';
import type { EqdkpData, EqMember } from './eqdkp-source';
import { cleanText } from './eqdkp-text';
import type { ImportTally } from './import-report';

/**
 * Users, characters and ranks: EQdkp users become users (name normalized, original kept as the
 * display name), members become characters of their user; a member without a living user, and
 * every member id that only survives in attendee/loot/adjustment rows (an orphan), gets a
 * placeholder user of its own so that its points stay separate until an officer assigns them.
 */

/** EverQuest class ids (EQdkpPlus/game-eq `language/english.php`). */
const EQ_CLASSES = [
  'Unknown', 'Bard', 'Beastlord', 'Berserker', 'Enchanter', 'Magician', 'Monk', 'Necromancer', 'Paladin',
  'Ranger', 'Rogue', 'Shadow Knight', 'Shaman', 'Warrior', 'Wizard', 'Cleric', 'Druid',
]; // prettier-ignore

/** The installer's group ids: 2 Super administrators, 3 Administrators, 5 Officers. */
const TIER_OF_GROUP: Record<number, BulkUser['tier']> = { 2: 'owner', 3: 'officer', 5: 'officer' };
const TIER_ORDER: BulkUser['tier'][] = ['member', 'officer', 'owner'];

export interface People {
  users: BulkUser[];
  ranks: BulkRank[];
  characters: BulkCharacter[];
  /** The user key of every member id that has points (members and orphans). */
  userOfMember: Map<number, Key>;
  /** The character name history rows carry (null for orphans). */
  nameOfMember: Map<number, string | null>;
  /** New id lookups are by these keys; EQdkp user id -> user key. */
  userKeyOfEqUser: Map<number, Key>;
  /** Decrypted, lower-cased e-mail per user key (only with the encryption key; first of case twins). */
  emailOfUser: Map<Key, string>;
  /** Users with `user_active=0`: created disabled. */
  disabledUsers: Set<Key>;
}

export function mapPeople(data: EqdkpData, key: Buffer | null, tally: ImportTally): People {
  const taken = new Set<string>();
  const users = livingUsers(data, key, taken, tally);
  const emailOfUser = decryptedEmails(data, key, tally);
  const disabledUsers = new Set(data.users.filter((u) => !u.active).map((u) => `u:${u.id}` as Key));
  const userKeyOfEqUser = new Map(data.users.map((u) => [u.id, `u:${u.id}` as Key]));
  const ownerOfMember = memberOwners(data, tally);
  const ranks = mapRanks(data, tally);
  const rankIds = new Set(ranks.map((r) => r.key));
  const userOfMember = new Map<number, Key>();
  const nameOfMember = new Map<number, string | null>();
  for (const member of data.members) {
    const owner = ownerOfMember.get(member.id);
    if (owner != null) userOfMember.set(member.id, `u:${owner}`);
    else {
      const username = uniqueUsername(`eqdkp.unclaimed.${member.id}`, taken, 'eqdkp.unclaimed');
      const displayName = `Unclaimed: ${cleanText(member.name)}`.slice(0, 64);
      users.push({ key: `m:${member.id}`, username, displayName, tier: 'member' });
      userOfMember.set(member.id, `m:${member.id}`);
    }
  }
  const characters = mapCharacters(data, userOfMember, ownerOfMember, rankIds, tally);
  for (const c of characters) nameOfMember.set(Number(c.key), c.name);
  addOrphans(data, users, userOfMember, nameOfMember, taken, tally);
  return { users, ranks, characters, userOfMember, nameOfMember, userKeyOfEqUser, emailOfUser, disabledUsers };
}

/** A plausible address (the platform's column holds 254 characters). */
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;

/**
 * E-mails decrypted with the installation's key and lower-cased (as the platform stores them);
 * an address a previous user already has (EQdkp compares case-sensitively, we do not) or that is
 * not an address is left out, with a note.
 */
function decryptedEmails(data: EqdkpData, key: Buffer | null, tally: ImportTally): Map<Key, string> {
  const emails = new Map<Key, string>();
  if (!key) return emails;
  const owner = new Map<string, number>();
  for (const user of data.users) {
    const email = decryptEqdkp(user.email, key).trim().toLowerCase();
    if (!email) continue;
    if (!EMAIL.test(email) || email.length > 254) {
      tally.notes.push(`user ${user.id}: the decrypted e-mail is not an address; left empty`);
    } else if (owner.has(email)) {
      tally.notes.push(`user ${user.id}: e-mail ${email} is user ${owner.get(email)}'s too (case aside); left empty`);
    } else {
      owner.set(email, user.id);
      emails.set(`u:${user.id}`, email);
    }
  }
  return emails;
}

function livingUsers(data: EqdkpData, key: Buffer | null, taken: Set<string>, tally: ImportTally): BulkUser[] {
  const tiers = new Map<number, BulkUser['tier']>();
  const userIds = new Set(data.users.map((u) => u.id));
  for (const group of data.groups) tally.merged('groups_user', group.id, 'membership tiers', 'groups map to tiers');
  data.groupUsers.forEach((row, i) => {
    if (!userIds.has(row.userId)) return tally.skipped('groups_users', i, `user ${row.userId} does not exist`);
    const tier = TIER_OF_GROUP[row.groupId] ?? 'member';
    const old = tiers.get(row.userId) ?? 'member';
    tiers.set(row.userId, TIER_ORDER.indexOf(tier) > TIER_ORDER.indexOf(old) ? tier : old);
    tally.merged('groups_users', i, `membership of user ${row.userId}`, `group ${row.groupId} -> tier ${tier}`);
  });
  return data.users.map((user) => {
    const original = cleanText(user.username);
    const username = uniqueUsername(original, taken, `eqdkp.user.${user.id}`);
    if (username !== original.toLowerCase()) {
      tally.renames.push({ kind: 'user', sourceId: String(user.id), from: user.username, to: username });
    }
    if (!user.active) tally.notes.push(`user ${user.id} (${username}) is inactive in EQdkp: imported disabled`);
    const discordId = key ? discordIdOf(decryptEqdkp(user.authAccount, key)) : null;
    tally.imported('users');
    const tier = tiers.get(user.id) ?? 'member';
    return { key: `u:${user.id}`, username, displayName: original.slice(0, 64), discordId, tier };
  });
}

/** member id -> EQdkp user id, from `member_user` (one owner per member; links to missing rows skipped). */
function memberOwners(data: EqdkpData, tally: ImportTally): Map<number, number> {
  const members = new Set(data.members.map((m) => m.id));
  const users = new Set(data.users.map((u) => u.id));
  const owners = new Map<number, number>();
  for (const link of data.memberUsers) {
    const id = `${link.memberId}/${link.userId}`;
    if (!members.has(link.memberId)) tally.skipped('member_user', id, 'the member no longer exists');
    else if (!users.has(link.userId)) {
      tally.skipped('member_user', id, 'the user no longer exists: the character is kept unclaimed');
    } else if (owners.has(link.memberId)) {
      tally.skipped('member_user', id, `member already linked to user ${owners.get(link.memberId)}`);
    } else {
      owners.set(link.memberId, link.userId);
      tally.imported('member_user');
    }
  }
  return owners;
}

function mapRanks(data: EqdkpData, tally: ImportTally): BulkRank[] {
  const taken = new Set<string>();
  return data.ranks.map((rank) => {
    let name = (cleanText(rank.name) || 'No rank').slice(0, 48);
    if (taken.has(name.toLowerCase())) name = `${name} (#${rank.id})`;
    taken.add(name.toLowerCase());
    if (name !== rank.name) tally.renames.push({ kind: 'rank', sourceId: String(rank.id), from: rank.name, to: name });
    tally.imported('member_ranks');
    return { key: rank.id, name, sortOrder: rank.sortId };
  });
}

/**
 * Characters, owned first (they keep a contested name), then by member id. Per user, the main is
 * the lowest member id whose `member_main_id` is NULL, 0 or itself (or the lowest id when none
 * is); a second main or a main id naming another user's character becomes an alt, with a note.
 */
function mapCharacters(
  data: EqdkpData,
  userOfMember: Map<number, Key>,
  ownerOfMember: Map<number, number>,
  rankIds: Set<Key>,
  tally: ImportTally,
): BulkCharacter[] {
  const taken = new Set<string>();
  const ordered = [...data.members].sort(
    (a, b) => Number(ownerOfMember.has(b.id)) - Number(ownerOfMember.has(a.id)) || a.id - b.id,
  );
  const mains = mainOfUser(data.members, userOfMember, tally);
  return ordered.map((member) => {
    const cleaned = cleanText(member.name);
    const name = uniqueCharacterName(cleaned, member.id, taken);
    if (name !== member.name) {
      tally.renames.push({ kind: 'character', sourceId: String(member.id), from: member.name, to: name });
    }
    tally.imported('members');
    const profile = profileOf(member);
    const userKey = userOfMember.get(member.id)!;
    return {
      key: member.id,
      name,
      userKey,
      characterClass: profile.characterClass,
      level: profile.level,
      isMain: mains.get(userKey) === member.id,
      rankKey: rankIds.has(member.rankId) ? member.rankId : null,
      status: member.requestedDel ? 'retired' : member.status === 0 ? 'inactive' : 'active',
      joinedAt: new Date(member.created * 1000),
    };
  });
}

function mainOfUser(members: EqMember[], userOfMember: Map<number, Key>, tally: ImportTally): Map<Key, number> {
  const byUser = new Map<Key, EqMember[]>();
  for (const m of members) byUser.set(userOfMember.get(m.id)!, [...(byUser.get(userOfMember.get(m.id)!) ?? []), m]);
  const mains = new Map<Key, number>();
  for (const [userKey, own] of byUser) {
    const selfMains = own.filter((m) => !m.mainId || m.mainId === m.id);
    const main = (selfMains[0] ?? own[0]).id;
    mains.set(userKey, main);
    if (selfMains.length > 1) {
      tally.notes.push(
        `${String(userKey)} has several mains in EQdkp (${selfMains.map((m) => m.id).join(', ')}): kept ${main}`,
      );
    }
    for (const m of own) {
      if (m.mainId && m.mainId !== m.id && userOfMember.get(m.mainId) !== userKey) {
        tally.notes.push(`member ${m.id}'s main id ${m.mainId} belongs to another owner: now an alt of ${main}`);
      }
    }
  }
  return mains;
}

function profileOf(member: EqMember): { characterClass: string; level: number } {
  let profile: Record<string, unknown>;
  try {
    profile = JSON.parse(member.profiledata || '{}') as Record<string, unknown>;
  } catch {
    profile = {};
  }
  const classId = Number(profile.class ?? 0);
  const level = Math.trunc(Number(profile.level ?? 1));
  return {
    characterClass: EQ_CLASSES[classId] ?? 'Unknown',
    level: Number.isFinite(level) && level >= 1 && level <= 32767 ? level : 1,
  };
}

/** Member ids used by point rows but absent from `members`: each gets a placeholder user. */
function addOrphans(
  data: EqdkpData,
  users: BulkUser[],
  userOfMember: Map<number, Key>,
  nameOfMember: Map<number, string | null>,
  taken: Set<string>,
  tally: ImportTally,
): void {
  const ids = new Set([
    ...data.attendeeMemberIds,
    ...[...data.attendees, ...data.items, ...data.adjustments].map((row) => row.memberId),
  ]);
  for (const id of [...ids].sort((a, b) => a - b)) {
    if (userOfMember.has(id)) continue;
    const username = uniqueUsername(`eqdkp.deleted.${id}`, taken, 'eqdkp.deleted');
    users.push({ key: `o:${id}`, username, displayName: `Deleted EQdkp member #${id}`, tier: 'member' });
    userOfMember.set(id, `o:${id}`);
    nameOfMember.set(id, null);
    tally.notes.push(`member id ${id} is gone but its rows still count in EQdkp: kept under user ${username}`);
  }
}
