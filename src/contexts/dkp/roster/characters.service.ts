import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { User } from '../../../platform/auth/users/user.entity';
import { findInOrg } from '../../../platform/database/org-scoped';
import { PG_UNIQUE_VIOLATION, pgCode } from '../../../platform/database/pg-errors';
import { withTransaction } from '../../../platform/database/transactions';
import { DomainEvents } from '../../../platform/events/domain-events';
import { Page } from '../../../platform/http/pagination';
import { Problem } from '../../../platform/http/problem';
import { MembersService } from '../../../platform/tenancy/members/members.service';
import { CharacterOwnership } from './character-ownership.entity';
import { Character } from './character.entity';
import { CharacterDto, CreateCharacterDto, ListCharactersQueryDto, OwnershipPeriodDto, ReassignCharacterDto, UpdateCharacterDto } from './dto/character.dto';
import { Rank } from './rank.entity';
import { containsPattern } from '../../../platform/database/like-pattern';

export function toCharacterDto(c: Character): CharacterDto {
  return {
    id: c.id,
    name: c.name,
    characterClass: c.characterClass,
    level: c.level,
    rankId: c.rankId,
    status: c.status,
    userId: c.userId,
    mainCharacterId: c.mainCharacterId,
    joinedAt: c.joinedAt,
    createdAt: c.createdAt,
  };
}

const ORDER_COLUMNS = { name: 'c.name_key', level: 'c.level', characterClass: 'c.character_class', joinedAt: 'c.joined_at' } as const;

/** Names are stored capitalized the EverQuest way: "trident" is Trident. */
export function capitalizeName(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1).toLowerCase();
}

@Injectable()
export class CharactersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly members: MembersService,
    private readonly events: DomainEvents,
  ) {}

  async list(orgId: string, q: ListCharactersQueryDto): Promise<Page<CharacterDto>> {
    const qb = this.db.getRepository(Character).createQueryBuilder('c').where('c.org_id = :orgId', { orgId });
    if (q.characterClass) qb.andWhere('lower(c.character_class) = lower(:cls)', { cls: q.characterClass });
    if (q.rankId) qb.andWhere('c.rank_id = :rankId', { rankId: q.rankId });
    if (q.status) qb.andWhere('c.status = :status', { status: q.status });
    if (q.userId) qb.andWhere('c.user_id = :userId', { userId: q.userId });
    if (q.search) qb.andWhere('c.name_key LIKE :search', { search: containsPattern(q.search.toLowerCase()) });
    const direction = q.order === 'desc' ? 'DESC' : 'ASC';
    qb.orderBy(ORDER_COLUMNS[q.orderBy ?? 'name'], direction).addOrderBy('c.id', direction).skip(q.offset).take(q.limit);
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map(toCharacterDto), total };
  }

  async get(orgId: string, id: string): Promise<CharacterDto> {
    return toCharacterDto(await findInOrg(this.db.manager, Character, orgId, id, 'Character'));
  }

  async getByName(orgId: string, name: string): Promise<CharacterDto> {
    const character = await this.db.getRepository(Character).findOne({ where: { orgId, nameKey: name.toLowerCase() } });
    if (!character) throw Problem.notFound('Character');
    return toCharacterDto(character);
  }

  async create(orgId: string, actorUserId: string | null, dto: CreateCharacterDto): Promise<CharacterDto> {
    await this.members.get(orgId, dto.userId);
    return this.saving(async (tx) => {
      await this.checkLinks(tx, orgId, dto.userId, dto.rankId, dto.mainCharacterId);
      const character = await tx.save(
        Character,
        tx.create(Character, {
          orgId,
          name: capitalizeName(dto.name),
          characterClass: dto.characterClass,
          level: dto.level ?? 1,
          rankId: dto.rankId ?? null,
          status: dto.status ?? 'active',
          userId: dto.userId,
          mainCharacterId: dto.mainCharacterId ?? null,
          joinedAt: dto.joinedAt ?? new Date(),
        }),
      );
      await tx.insert(CharacterOwnership, { orgId, characterId: character.id, userId: dto.userId, ownedFrom: character.joinedAt, reason: 'created', actorUserId });
      return toCharacterDto(await tx.findOneByOrFail(Character, { id: character.id }));
    });
  }

  async update(orgId: string, id: string, dto: UpdateCharacterDto): Promise<CharacterDto> {
    return this.saving(async (tx) => {
      const character = await findInOrg(tx, Character, orgId, id, 'Character', { lock: true });
      await this.checkLinks(tx, orgId, character.userId, dto.rankId, dto.mainCharacterId, character.id);
      const before = { rankId: character.rankId, status: character.status };
      Object.assign(character, { ...dto, ...(dto.name ? { name: capitalizeName(dto.name) } : {}) });
      await tx.save(Character, character);
      await this.recordUpdateEvents(tx, character, before);
      return toCharacterDto(await tx.findOneByOrFail(Character, { id }));
    });
  }

  /** Characters with points history are retired, not deleted; deleting removes the roster row only. */
  async remove(orgId: string, id: string): Promise<void> {
    await withTransaction(this.db, async (tx) => {
      const character = await findInOrg(tx, Character, orgId, id, 'Character', { lock: true });
      await tx.update(Character, { orgId, mainCharacterId: character.id }, { mainCharacterId: null });
      await tx.delete(CharacterOwnership, { orgId, characterId: character.id });
      await tx.delete(Character, { id: character.id });
    });
  }

  /**
   * Moves a character to another user. Points stay with whoever earned them; the ownership
   * history records the change, and the alt links of the old owner are undone.
   */
  async reassign(orgId: string, id: string, actorUserId: string | null, dto: ReassignCharacterDto): Promise<CharacterDto> {
    await this.members.get(orgId, dto.userId);
    return withTransaction(this.db, async (tx) => {
      const character = await findInOrg(tx, Character, orgId, id, 'Character', { lock: true });
      if (character.userId === dto.userId) throw Problem.conflict('The character already belongs to that user', 'already-owner');
      const now = new Date();
      await tx.update(CharacterOwnership, { orgId, characterId: id, ownedUntil: IsNull() }, { ownedUntil: now });
      await tx.insert(CharacterOwnership, { orgId, characterId: id, userId: dto.userId, ownedFrom: now, reason: dto.reason ?? null, actorUserId });
      await tx.update(Character, { orgId, mainCharacterId: id }, { mainCharacterId: null });
      await tx.update(Character, { id }, { userId: dto.userId, mainCharacterId: null });
      const discordIds = await this.discordIds(tx, [character.userId, dto.userId]);
      await this.events.record(tx, {
        orgId,
        type: 'dkp.character.reassigned',
        payload: {
          characterId: id,
          characterName: character.name,
          rankId: character.rankId,
          status: character.status,
          fromUserId: character.userId,
          fromDiscordId: discordIds.get(character.userId) ?? null,
          toUserId: dto.userId,
          toDiscordId: discordIds.get(dto.userId) ?? null,
          reason: dto.reason ?? null,
          actorUserId,
        },
      });
      return toCharacterDto(await tx.findOneByOrFail(Character, { id }));
    });
  }

  async ownershipHistory(orgId: string, id: string): Promise<OwnershipPeriodDto[]> {
    await findInOrg(this.db.manager, Character, orgId, id, 'Character');
    return this.db
      .createQueryBuilder(CharacterOwnership, 'o')
      .innerJoin(User, 'u', 'u.id = o.user_id')
      .select(['o.user_id AS "userId"', 'u.username AS username', 'o.owned_from AS "ownedFrom"', 'o.owned_until AS "ownedUntil"', 'o.reason AS reason', 'o.actor_user_id AS "actorUserId"'])
      .where('o.org_id = :orgId AND o.character_id = :id', { orgId, id })
      .orderBy('o.owned_from', 'ASC')
      .getRawMany<OwnershipPeriodDto>();
  }

  /** Rank and status changes decide Discord roles: announce them (in the change's transaction). */
  private async recordUpdateEvents(tx: EntityManager, character: Character, before: { rankId: string | null; status: Character['status'] }): Promise<void> {
    const changes: { type: string; from: unknown; to: unknown; names: [string, string] }[] = [];
    if (character.rankId !== before.rankId) changes.push({ type: 'dkp.character.rank_changed', from: before.rankId, to: character.rankId, names: ['oldRankId', 'newRankId'] });
    if (character.status !== before.status) changes.push({ type: 'dkp.character.status_changed', from: before.status, to: character.status, names: ['oldStatus', 'newStatus'] });
    if (!changes.length) return;
    const discordId = (await this.discordIds(tx, [character.userId])).get(character.userId) ?? null;
    for (const c of changes) {
      await this.events.record(tx, {
        orgId: character.orgId,
        type: c.type,
        payload: { characterId: character.id, characterName: character.name, userId: character.userId, discordId, [c.names[0]]: c.from, [c.names[1]]: c.to },
      });
    }
  }

  private async discordIds(tx: EntityManager, userIds: string[]): Promise<Map<string, string>> {
    const users = await tx.find(User, { where: { id: In(userIds) }, select: { id: true, discordId: true } });
    return new Map(users.filter((u) => u.discordId).map((u) => [u.id, u.discordId!]));
  }

  /** Rank and main character must be of this org; a main must belong to the same user and not be an alt. */
  private async checkLinks(tx: EntityManager, orgId: string, userId: string, rankId?: string | null, mainId?: string | null, selfId?: string): Promise<void> {
    if (rankId) await findInOrg(tx, Rank, orgId, rankId, 'Rank');
    if (!mainId) return;
    const main = await findInOrg(tx, Character, orgId, mainId, 'Main character');
    if (main.id === selfId || main.userId !== userId || main.mainCharacterId) {
      throw Problem.validation([{ path: 'mainCharacterId', message: 'the main character must be another, non-alt character of the same user' }]);
    }
    // One level only: a character that has alts is a main and cannot become someone's alt.
    if (selfId && (await tx.exists(Character, { where: { orgId, mainCharacterId: selfId } }))) {
      throw Problem.validation([{ path: 'mainCharacterId', message: 'this character has alts of its own; it cannot become an alt' }]);
    }
  }

  private async saving<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await withTransaction(this.db, work);
    } catch (error) {
      if (pgCode(error) === PG_UNIQUE_VIOLATION) throw Problem.conflict('A character with that name exists in this org', 'character-name-taken');
      throw error;
    }
  }
}
