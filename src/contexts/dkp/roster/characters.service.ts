import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UsersService } from '../../../platform/auth/users/users.service';
import { PG_UNIQUE_VIOLATION, pgCode } from '../../../platform/database/pg-errors';
import { DomainEvents } from '../../../platform/events/domain-events';
import { CursorPageQueryDto } from '../../../platform/http/page-query.dto';
import { keysetPage, Page } from '../../../platform/http/pagination';
import { Problem } from '../../../platform/http/problem';
import { MembersService } from '../../../platform/tenancy/members/members.service';
import { Character, CharacterStatus } from './character.entity';
import { CharacterRoleRow, CharactersRepository, NewCharacter, OwnershipNote } from './characters.repository';
import {
  CharacterDto,
  CreateCharacterDto,
  ListCharactersQueryDto,
  OwnershipPeriodDto,
  ReassignCharacterDto,
  UpdateCharacterDto,
} from './dto/character.dto';
import { AuditCharacterDto, BulkRankUpdateDto, BulkRankUpdateResultDto, RosterAuditDto } from './dto/roster-admin.dto';
import { RanksService } from './ranks.service';
import { AuditedCharacter, AuditedMember, auditRoster } from './roster-audit';

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

/** Names are stored capitalized the EverQuest way: "trident" is Trident. */
export function capitalizeName(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1).toLowerCase();
}

/**
 * The roster's characters: mains and alts of members, their ownership history, and the events
 * (rank, status, owner) that decide Discord roles. Other aggregates of the context (recruitment,
 * Discord roles) use the methods that take the caller's transaction.
 */
@Injectable()
export class CharactersService {
  constructor(
    private readonly characters: CharactersRepository,
    private readonly ranks: RanksService,
    private readonly members: MembersService,
    private readonly users: UsersService,
    private readonly events: DomainEvents,
  ) {}

  async list(orgId: string, q: ListCharactersQueryDto): Promise<Page<CharacterDto>> {
    const [rows, total] = await this.characters.page(orgId, q);
    return { items: rows.map(toCharacterDto), total };
  }

  async get(orgId: string, id: string): Promise<CharacterDto> {
    return toCharacterDto(await this.characters.get(orgId, id));
  }

  async getByName(orgId: string, name: string): Promise<CharacterDto> {
    const character = await this.characters.byName(orgId, name);
    if (!character) throw Problem.notFound('Character');
    return toCharacterDto(character);
  }

  async create(orgId: string, actorUserId: string | null, dto: CreateCharacterDto): Promise<CharacterDto> {
    await this.members.get(orgId, dto.userId);
    return this.saving(async (tx) => {
      await this.checkLinks(tx, orgId, dto.userId, dto.rankId, dto.mainCharacterId);
      const character = await this.characters.insert(
        tx,
        orgId,
        {
          name: capitalizeName(dto.name),
          characterClass: dto.characterClass,
          level: dto.level ?? 1,
          rankId: dto.rankId ?? null,
          status: dto.status ?? 'active',
          userId: dto.userId,
          mainCharacterId: dto.mainCharacterId ?? null,
          joinedAt: dto.joinedAt ?? new Date(),
        },
        { reason: 'created', actorUserId },
      );
      return toCharacterDto(character);
    });
  }

  async update(orgId: string, id: string, dto: UpdateCharacterDto): Promise<CharacterDto> {
    return this.saving(async (tx) => {
      const character = await this.characters.get(orgId, id, { lock: true }, tx);
      await this.checkLinks(tx, orgId, character.userId, dto.rankId, dto.mainCharacterId, character.id);
      const before = { rankId: character.rankId, status: character.status };
      Object.assign(character, { ...dto, ...(dto.name ? { name: capitalizeName(dto.name) } : {}) });
      await this.characters.save(tx, character);
      await this.recordUpdateEvents(tx, character, before);
      return toCharacterDto(await this.characters.reload(tx, id));
    });
  }

  /**
   * Only a character without history can be deleted. One with points, attendance, loot, bids or a
   * change of owner is retired instead (`PATCH {status: "retired"}`): deleting it would take its
   * ownership history with it, and that history is what credits old raids to the right user.
   */
  async remove(orgId: string, id: string): Promise<void> {
    await this.characters.transaction(async (tx) => {
      const character = await this.characters.get(orgId, id, { lock: true }, tx);
      if (await this.characters.hasHistory(tx, character)) {
        throw Problem.conflict(
          `${character.name} has points history; retire it with PATCH {"status": "retired"} instead of deleting it`,
          'character-has-history',
          { characterId: character.id, retireWith: { status: 'retired' } },
        );
      }
      await this.characters.remove(tx, character);
    });
  }

  /**
   * Moves a character to another user. Points stay with whoever earned them; the ownership
   * history records the change, and the alt links of the old owner are undone.
   */
  async reassign(
    orgId: string,
    id: string,
    actorUserId: string | null,
    dto: ReassignCharacterDto,
  ): Promise<CharacterDto> {
    await this.members.get(orgId, dto.userId);
    return this.characters.transaction(async (tx) => {
      const character = await this.characters.get(orgId, id, { lock: true }, tx);
      if (character.userId === dto.userId)
        throw Problem.conflict('The character already belongs to that user', 'already-owner');
      const moved = await this.characters.transfer(tx, character, dto.userId, new Date(), {
        reason: dto.reason ?? null,
        actorUserId,
      });
      await this.recordReassigned(tx, character, dto, actorUserId);
      return toCharacterDto(moved);
    });
  }

  /**
   * Owners in order, with their usernames, keyset-paged. Periods of since-deleted users are left
   * out, so a page can hold fewer than `limit` items; `nextCursor` still says whether more follow.
   */
  async ownershipHistory(orgId: string, id: string, q: CursorPageQueryDto): Promise<Page<OwnershipPeriodDto>> {
    await this.characters.get(orgId, id);
    const periods = await this.characters.ownershipPeriods(orgId, id, q);
    const users = await this.users.summariesOf([...new Set(periods.map((p) => p.userId))]);
    const page = keysetPage(
      periods,
      q.limit,
      (p) => [p.ownedFrom.toISOString(), p.id],
      (p) => p,
    );
    return {
      ...page,
      items: page.items
        .filter((p) => users.has(p.userId))
        .map((p) => ({
          userId: p.userId,
          username: users.get(p.userId)!.username,
          ownedFrom: p.ownedFrom,
          ownedUntil: p.ownedUntil,
          reason: p.reason,
          actorUserId: p.actorUserId,
        })),
    };
  }

  /**
   * Gives many characters one rank, all or nothing: an id that is not a character of this org is a
   * 404 naming every such id, and nothing changes. Each change is announced like a single update.
   */
  async bulkSetRank(orgId: string, dto: BulkRankUpdateDto): Promise<BulkRankUpdateResultDto> {
    // Postgres compares uuids in any case; the lookup below must too.
    const ids = [...new Set(dto.characterIds.map((id) => id.toLowerCase()))];
    return this.characters.transaction(async (tx) => {
      if (dto.rankId) await this.ranks.inOrg(tx, orgId, dto.rankId);
      const found = new Map((await this.characters.lockMany(tx, orgId, ids)).map((c) => [c.id, c]));
      const missingIds = ids.filter((id) => !found.has(id));
      if (missingIds.length) {
        throw new Problem(404, `Characters not found: ${missingIds.join(', ')}`, { extensions: { missingIds } });
      }
      const changed = [...found.values()].filter((c) => c.rankId !== dto.rankId);
      await this.characters.setRank(
        tx,
        orgId,
        changed.map((c) => c.id),
        dto.rankId,
      );
      const discordIds = await this.discordIds(tx, [...new Set(changed.map((c) => c.userId))]);
      for (const character of changed) {
        const before = { rankId: character.rankId, status: character.status };
        character.rankId = dto.rankId;
        await this.recordUpdateEvents(tx, character, before, discordIds);
      }
      return {
        rankId: dto.rankId,
        changed: changed.length,
        unchanged: ids.length - changed.length,
        characters: ids.map((id) => toCharacterDto(found.get(id)!)),
      };
    });
  }

  /** What officers should clean up on the roster (see `auditRoster`). */
  async audit(orgId: string): Promise<RosterAuditDto> {
    const [characters, members, enabled] = await Promise.all([
      this.characters.roster(orgId),
      this.members.memberSummaries(orgId),
      this.members.memberSummaries(orgId, { activeOnly: true }),
    ]);
    const enabledIds = new Set(enabled.map((m) => m.id));
    const audited: AuditedMember[] = members.map((m) => ({
      userId: m.id,
      username: m.username,
      tier: m.tier,
      disabled: !enabledIds.has(m.id),
    }));
    const findings = auditRoster(characters, audited);
    const users = await this.users.summariesOf([...new Set(characters.map((c) => c.userId))]);
    const toAudit = (c: AuditedCharacter): AuditCharacterDto => ({
      id: c.id,
      name: c.name,
      characterClass: c.characterClass,
      status: c.status,
      rankId: c.rankId,
      userId: c.userId,
      username: users.get(c.userId)?.username ?? null,
    });
    return {
      charactersWithoutOwner: findings.charactersWithoutOwner.map(toAudit),
      membersWithoutCharacters: findings.membersWithoutCharacters.map(({ userId, username, tier }) => ({
        userId,
        username,
        tier,
      })),
      nameClashes: findings.nameClashes.map((group) => ({ characters: group.map(toAudit) })),
      inactiveStillRanked: findings.inactiveStillRanked.map(({ character, reason }) => ({
        ...toAudit(character),
        reason,
      })),
      generatedAt: new Date(),
    };
  }

  // ---- for the context's other aggregates, in their transaction ---------------------------

  /** Whether a character of that name (any case) is on the org's roster. */
  nameTaken(tx: EntityManager, orgId: string, name: string): Promise<boolean> {
    return this.characters.nameTaken(tx, orgId, name);
  }

  /** Adds a character (e.g. an approved applicant's) without the member and link checks of `create`. */
  enrol(tx: EntityManager, orgId: string, values: NewCharacter, note: OwnershipNote): Promise<Character> {
    return this.characters.insert(tx, orgId, { ...values, name: capitalizeName(values.name) }, note);
  }

  setStatus(tx: EntityManager, orgId: string, id: string, status: CharacterStatus): Promise<unknown> {
    return this.characters.setStatus(tx, orgId, id, status);
  }

  /** Every character of these users, with what decides their Discord roles. */
  ofUsers(orgId: string, userIds: string[]): Promise<CharacterRoleRow[]> {
    return this.characters.ofUsers(orgId, userIds);
  }

  // ---- rules and events -------------------------------------------------------------------

  private async recordReassigned(
    tx: EntityManager,
    character: Character,
    dto: ReassignCharacterDto,
    actorUserId: string | null,
  ): Promise<void> {
    const discordIds = await this.discordIds(tx, [character.userId, dto.userId]);
    await this.events.record(tx, {
      orgId: character.orgId,
      subjectId: character.id,
      type: 'dkp.character.reassigned',
      payload: {
        characterId: character.id,
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
  }

  /** Rank and status changes decide Discord roles: announce them (in the change's transaction). */
  private async recordUpdateEvents(
    tx: EntityManager,
    character: Character,
    before: { rankId: string | null; status: Character['status'] },
    discordIds?: Map<string, string>,
  ): Promise<void> {
    const changes: { type: string; from: unknown; to: unknown; names: [string, string] }[] = [];
    if (character.rankId !== before.rankId)
      changes.push({
        type: 'dkp.character.rank_changed',
        from: before.rankId,
        to: character.rankId,
        names: ['oldRankId', 'newRankId'],
      });
    if (character.status !== before.status)
      changes.push({
        type: 'dkp.character.status_changed',
        from: before.status,
        to: character.status,
        names: ['oldStatus', 'newStatus'],
      });
    if (!changes.length) return;
    const known = discordIds ?? (await this.discordIds(tx, [character.userId]));
    const discordId = known.get(character.userId) ?? null;
    for (const change of changes) {
      await this.events.record(tx, {
        orgId: character.orgId,
        subjectId: character.id,
        type: change.type,
        payload: {
          characterId: character.id,
          characterName: character.name,
          userId: character.userId,
          discordId,
          [change.names[0]]: change.from,
          [change.names[1]]: change.to,
        },
      });
    }
  }

  private async discordIds(tx: EntityManager, userIds: string[]): Promise<Map<string, string>> {
    const users = await this.users.summariesOf(userIds, tx);
    return new Map([...users.values()].filter((u) => u.discordId).map((u) => [u.id, u.discordId!]));
  }

  /** Rank and main character must be of this org; a main must belong to the same user and not be an alt. */
  private async checkLinks(
    tx: EntityManager,
    orgId: string,
    userId: string,
    rankId?: string | null,
    mainId?: string | null,
    selfId?: string,
  ): Promise<void> {
    if (rankId) await this.ranks.inOrg(tx, orgId, rankId);
    if (!mainId) return;
    const main = await this.characters.get(orgId, mainId, { label: 'Main character' }, tx);
    if (main.id === selfId || main.userId !== userId || main.mainCharacterId) {
      throw Problem.validation([
        { path: 'mainCharacterId', message: 'the main character must be another, non-alt character of the same user' },
      ]);
    }
    // One level only: a character that has alts is a main and cannot become someone's alt.
    if (selfId && (await this.characters.hasAlts(tx, orgId, selfId))) {
      throw Problem.validation([
        { path: 'mainCharacterId', message: 'this character has alts of its own; it cannot become an alt' },
      ]);
    }
  }

  private async saving<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.characters.transaction(work);
    } catch (error) {
      if (pgCode(error) === PG_UNIQUE_VIOLATION)
        throw Problem.conflict('A character with that name exists in this org', 'character-name-taken');
      throw error;
    }
  }
}
