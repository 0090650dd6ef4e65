import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { keysetPage, Page, timeAndId } from '../../../platform/http/pagination';
import { Problem } from '../../../platform/http/problem';
import { MembersService } from '../../../platform/tenancy/members/members.service';
import { fromCents, toCents } from '../common/cents';
import { points } from '../common/points';
import { LedgerService, PostingContext } from '../points/ledger.service';
import { PoolsService } from '../pools/pools.service';
import { RaidsService } from '../raids/raids.service';
import { AwardLootDto, ListLootQueryDto, LootDto } from './dto/loot.dto';
import { ItemsService } from './items.service';
import { LootRepository, LootRow } from './loot.repository';

const toLootDto = (row: LootRow): LootDto => ({ ...row, amount: points(row.amount) });

type Winner = { userId: string; characterName: string | null };

@Injectable()
export class LootService {
  constructor(
    private readonly loot: LootRepository,
    private readonly ledger: LedgerService,
    private readonly items: ItemsService,
    private readonly pools: PoolsService,
    private readonly raids: RaidsService,
    private readonly members: MembersService,
  ) {}

  async list(orgId: string, q: ListLootQueryDto): Promise<Page<LootDto>> {
    const rows = await this.loot.page(
      orgId,
      { userId: q.userId, itemId: q.itemId, raidId: q.raidId, poolId: q.poolId },
      q,
    );
    return keysetPage(rows, q.limit, (r) => timeAndId(r.createdAt, r.id), toLootDto);
  }

  /** Past awards of one item (404 when the item is not the org's). */
  async itemHistory(orgId: string, itemId: string, q: Omit<ListLootQueryDto, 'itemId'>): Promise<Page<LootDto>> {
    await this.items.load(orgId, itemId);
    return this.list(orgId, { ...q, itemId });
  }

  /**
   * Awards an item and debits the winner, in one transaction: the winner's balance row is
   * locked, checked and moved together with the loot and ledger rows.
   */
  async award(posting: PostingContext, dto: AwardLootDto): Promise<LootDto> {
    const id = await this.loot.transaction((tx) => this.awardIn(tx, posting, dto));
    return this.get(posting.orgId, id);
  }

  /** The award inside a caller's transaction (an auction's award); returns the loot id. */
  async awardIn(tx: EntityManager, posting: PostingContext, dto: AwardLootDto): Promise<string> {
    const orgId = posting.orgId;
    const raid = dto.raidId ? await this.raids.load(orgId, dto.raidId, tx) : null;
    const poolId = dto.poolId ?? raid?.poolId;
    if (!poolId)
      throw Problem.validation([{ path: 'poolId', message: 'poolId is required for an award outside a raid' }]);
    await this.pools.get(orgId, poolId, tx);
    if (Number(dto.amount) <= 0) throw Problem.validation([{ path: 'amount', message: 'amount must be positive' }]);
    const item = await this.items.byIdOrName(tx, orgId, dto);
    const winner = await this.winner(tx, orgId, dto);
    await this.ledger.assertCanSpend(tx, orgId, poolId, winner.userId, dto.amount);
    const raidId = raid?.id ?? null;
    const loot = await this.loot.insert(tx, { orgId, itemId: item.id, ...winner, poolId, raidId, amount: dto.amount });
    await this.ledger.post(tx, posting, [
      {
        poolId,
        ...winner,
        kind: 'loot',
        amount: fromCents(-toCents(dto.amount)),
        raidId,
        lootId: loot.id,
        reason: item.name,
      },
    ]);
    return loot.id;
  }

  /** Undoes an award: the points come back through a correction entry; the loot row stays, marked. */
  async reverse(posting: PostingContext, id: string): Promise<LootDto> {
    await this.loot.transaction(async (tx) => {
      const loot = await this.loot.lock(tx, posting.orgId, id);
      if (loot.reversedAt) throw Problem.conflict('This award was already reversed', 'loot-already-reversed');
      const correctsId = await this.ledger.entryToCorrect(tx, { kind: 'loot', lootId: loot.id });
      await this.loot.markReversed(tx, loot.id);
      await this.ledger.post(tx, posting, [
        {
          poolId: loot.poolId,
          userId: loot.userId,
          kind: 'correction',
          bucket: 'spent',
          amount: points(loot.amount),
          characterName: loot.characterName,
          raidId: loot.raidId,
          lootId: loot.id,
          correctsId,
          reason: 'Loot award reversed',
        },
      ]);
    });
    return this.get(posting.orgId, id);
  }

  async get(orgId: string, id: string): Promise<LootDto> {
    const row = await this.loot.row(orgId, id);
    if (!row) throw Problem.notFound('Loot award');
    return toLootDto(row);
  }

  /** The winning user, by id (must be a member) or as the current owner of the named character. */
  private async winner(tx: EntityManager, orgId: string, dto: AwardLootDto): Promise<Winner> {
    if (dto.characterName) {
      const character = await this.loot.characterByName(tx, orgId, dto.characterName);
      if (!character) throw Problem.notFound(`Character ${dto.characterName}`);
      if (dto.userId && dto.userId !== character.userId) {
        throw Problem.validation([{ path: 'characterName', message: 'the character belongs to another user' }]);
      }
      return { userId: character.userId, characterName: character.name };
    }
    if ((await this.members.tierOf(orgId, dto.userId!, tx)) === null) throw Problem.notFound('Member');
    return { userId: dto.userId!, characterName: null };
  }
}
