import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { containsPattern } from '../../../platform/database/like-pattern';
import { findInOrg } from '../../../platform/database/org-scoped';
import { withTransaction } from '../../../platform/database/transactions';
import { KeyColumn, keysetBy } from '../../../platform/http/keyset';
import { CharacterOwnership } from './character-ownership.entity';
import { Character, CharacterStatus } from './character.entity';
import { ListCharactersQueryDto } from './dto/character.dto';

const ORDER_COLUMNS = {
  name: 'c.name_key',
  level: 'c.level',
  characterClass: 'c.character_class',
  joinedAt: 'c.joined_at',
} as const;

/**
 * Ownership periods in time order. Postgres keeps microseconds and a cursor milliseconds, so the key
 * is the time cut to milliseconds: otherwise a page's last row could come back on the next page.
 */
const OWNERSHIP_KEY: KeyColumn[] = [
  ["date_trunc('milliseconds', o.owned_from)", 'timestamptz'],
  ['o.id', 'uuid'],
];

/** What a new roster row needs; the ownership history starts with it. */
export interface NewCharacter {
  name: string;
  characterClass: string;
  level: number;
  rankId: string | null;
  status: CharacterStatus;
  userId: string;
  mainCharacterId: string | null;
  joinedAt: Date;
}

/** Why a character changes hands, for its ownership history. */
export interface OwnershipNote {
  reason: string | null;
  actorUserId: string | null;
}

/** The fields of a member's character that decide their Discord roles. */
export interface CharacterRoleRow {
  userId: string;
  name: string;
  rankId: string | null;
  status: string;
  mainCharacterId: string | null;
  joinedAt: Date;
}

/**
 * Every read and write of roster characters and their ownership history. Methods that take a
 * manager run in the caller's transaction; the others use the default connection.
 */
@Injectable()
export class CharactersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return withTransaction(this.db, work);
  }

  /** One page of the roster and the total, filtered, searched and ordered as the query asks. */
  page(orgId: string, q: ListCharactersQueryDto): Promise<[Character[], number]> {
    const qb = this.db.getRepository(Character).createQueryBuilder('c').where('c.org_id = :orgId', { orgId });
    if (q.characterClass) qb.andWhere('lower(c.character_class) = lower(:cls)', { cls: q.characterClass });
    if (q.rankId) qb.andWhere('c.rank_id = :rankId', { rankId: q.rankId });
    if (q.status) qb.andWhere('c.status = :status', { status: q.status });
    if (q.userId) qb.andWhere('c.user_id = :userId', { userId: q.userId });
    if (q.search) qb.andWhere('c.name_key LIKE :search', { search: containsPattern(q.search.toLowerCase()) });
    const direction = q.order === 'desc' ? 'DESC' : 'ASC';
    qb.orderBy(ORDER_COLUMNS[q.orderBy ?? 'name'], direction)
      .addOrderBy('c.id', direction)
      .skip(q.offset)
      .take(q.limit);
    return qb.getManyAndCount();
  }

  get(
    orgId: string,
    id: string,
    options: { lock?: boolean; label?: string } = {},
    manager: EntityManager = this.db.manager,
  ): Promise<Character> {
    return findInOrg(manager, Character, orgId, id, options.label ?? 'Character', { lock: options.lock });
  }

  byName(orgId: string, name: string): Promise<Character | null> {
    return this.db.getRepository(Character).findOne({ where: { orgId, nameKey: name.toLowerCase() } });
  }

  nameTaken(manager: EntityManager, orgId: string, name: string): Promise<boolean> {
    return manager.exists(Character, { where: { orgId, nameKey: name.toLowerCase() } });
  }

  hasAlts(manager: EntityManager, orgId: string, id: string): Promise<boolean> {
    return manager.exists(Character, { where: { orgId, mainCharacterId: id } });
  }

  /** Inserts the character and opens its ownership history at `joinedAt`; returns the stored row. */
  async insert(tx: EntityManager, orgId: string, values: NewCharacter, note: OwnershipNote): Promise<Character> {
    const character = await tx.save(Character, tx.create(Character, { orgId, ...values }));
    await tx.insert(CharacterOwnership, {
      orgId,
      characterId: character.id,
      userId: values.userId,
      ownedFrom: character.joinedAt,
      ...note,
    });
    return this.reload(tx, character.id);
  }

  save(tx: EntityManager, character: Character): Promise<Character> {
    return tx.save(Character, character);
  }

  /** The stored row (generated columns included). */
  reload(tx: EntityManager, id: string): Promise<Character> {
    return tx.findOneByOrFail(Character, { id });
  }

  setStatus(tx: EntityManager, orgId: string, id: string, status: CharacterStatus): Promise<unknown> {
    return tx.update(Character, { id, orgId }, { status });
  }

  /**
   * Whether the character has a history worth keeping: points rows, attendance, loot or bids under
   * its name (those rows snapshot the name, they hold no foreign key), or more than one owner.
   */
  async hasHistory(tx: EntityManager, character: Character): Promise<boolean> {
    const [{ used }] = await tx.query(
      `SELECT EXISTS (SELECT 1 FROM dkp_ledger WHERE org_id = $1 AND character_name = $2)
           OR EXISTS (SELECT 1 FROM dkp_attendance WHERE org_id = $1 AND character_name = $2)
           OR EXISTS (SELECT 1 FROM dkp_loot WHERE org_id = $1 AND character_name = $2)
           OR EXISTS (SELECT 1 FROM dkp_bids WHERE org_id = $1 AND character_name = $2)
           OR (SELECT count(*) FROM dkp_character_ownership WHERE org_id = $1 AND character_id = $3) > 1 AS used`,
      [character.orgId, character.name, character.id],
    );
    return Boolean(used);
  }

  /** Deletes the roster row, its ownership history, and the alt links pointing at it. */
  async remove(tx: EntityManager, character: Character): Promise<void> {
    await tx.update(Character, { orgId: character.orgId, mainCharacterId: character.id }, { mainCharacterId: null });
    await tx.delete(CharacterOwnership, { orgId: character.orgId, characterId: character.id });
    await tx.delete(Character, { id: character.id });
  }

  /** Closes the current ownership period, opens the new owner's, and undoes alt links both ways. */
  async transfer(
    tx: EntityManager,
    character: Character,
    toUserId: string,
    at: Date,
    note: OwnershipNote,
  ): Promise<Character> {
    const { orgId, id } = character;
    await tx.update(CharacterOwnership, { orgId, characterId: id, ownedUntil: IsNull() }, { ownedUntil: at });
    await tx.insert(CharacterOwnership, { orgId, characterId: id, userId: toUserId, ownedFrom: at, ...note });
    await tx.update(Character, { orgId, mainCharacterId: id }, { mainCharacterId: null });
    await tx.update(Character, { id }, { userId: toUserId, mainCharacterId: null });
    return this.reload(tx, id);
  }

  /** One page of the ownership periods, oldest first (`limit + 1` rows, for `keysetPage`). */
  ownershipPeriods(
    orgId: string,
    characterId: string,
    page: { limit: number; cursor?: string },
  ): Promise<CharacterOwnership[]> {
    const qb = this.db
      .getRepository(CharacterOwnership)
      .createQueryBuilder('o')
      .where('o.org_id = :orgId AND o.character_id = :characterId', { orgId, characterId });
    return keysetBy(qb, OWNERSHIP_KEY, page).getMany();
  }

  /** The org's characters among `ids`, locked in id order (a fixed order, so bulk updates never deadlock). */
  lockMany(tx: EntityManager, orgId: string, ids: string[]): Promise<Character[]> {
    return tx.find(Character, {
      where: { orgId, id: In(ids) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async setRank(tx: EntityManager, orgId: string, ids: string[], rankId: string | null): Promise<void> {
    if (ids.length) await tx.update(Character, { orgId, id: In(ids) }, { rankId });
  }

  /** The whole roster of the org, by name (for the roster audit). */
  roster(orgId: string): Promise<Character[]> {
    return this.db.getRepository(Character).find({ where: { orgId }, order: { nameKey: 'ASC' } });
  }

  /** Every character of these users, with what decides their Discord roles. */
  ofUsers(orgId: string, userIds: string[]): Promise<CharacterRoleRow[]> {
    return this.db.query(
      `SELECT c.user_id AS "userId", c.name, c.rank_id AS "rankId", c.status, c.main_character_id AS "mainCharacterId", c.joined_at AS "joinedAt"
         FROM dkp_characters c
        WHERE c.org_id = $1 AND c.user_id = ANY($2::uuid[])`,
      [orgId, userIds],
    );
  }
}
