import { Injectable } from '@nestjs/common';
import { AuditService } from '../../../platform/audit/audit.service';
import { EntityManager } from 'typeorm';
import { keysetPage, Page, timeAndId } from '../../../platform/http/pagination';
import { Problem } from '../../../platform/http/problem';
import { MembersService } from '../../../platform/tenancy/members/members.service';
import { fromCents, toCents } from '../common/cents';
import { points } from '../common/points';
import { LedgerService, PostingContext } from '../points/ledger.service';
import { AwardLootDto, ListLootQueryDto, LootDto } from './dto/loot.dto';
import { ItemsService } from './items.service';
import { AwardRefs, LootRepository, LootRow } from './loot.repository';

const toLootDto = (row: LootRow): LootDto => ({ ...row, amount: points(row.amount) });

/** Input refused before any statement runs. */
function assertAwardable(dto: AwardLootDto): void {
  if (Number(dto.amount) <= 0) throw Problem.validation([{ path: 'amount', message: 'amount must be positive' }]);
  if (!dto.itemId && !dto.itemName?.trim())
    throw Problem.validation([{ path: 'itemName', message: 'itemName must not be empty' }]);
}

type Winner = { userId: string; characterName: string | null };

@Injectable()
export class LootService {
  constructor(
    private readonly loot: LootRepository,
    private readonly ledger: LedgerService,
    private readonly items: ItemsService,
    private readonly members: MembersService,
    private readonly audit: AuditService,
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
   * Awards an item and debits the winner, in one short transaction with its audit entry: the
   * winner's balance row is the only row locked, and it is checked and moved together with the
   * loot and ledger rows. The answer is built from what the statements returned, not read back.
   */
  async award(posting: PostingContext, dto: AwardLootDto): Promise<LootDto> {
    assertAwardable(dto);
    return this.loot.transaction(async (tx) => {
      const loot = await this.awardIn(tx, posting, dto);
      await this.audit.recordInTransaction(tx, loot);
      return loot;
    });
  }

  /**
   * The award inside a caller's transaction (also an auction's award). Three statements: the
   * references with the winner's balance row locked in one read, the loot row, and the ledger row
   * with its balance move; a new item name adds one (the insert), a winner given by user id one
   * (the membership).
   */
  async awardIn(tx: EntityManager, posting: PostingContext, dto: AwardLootDto): Promise<LootDto> {
    assertAwardable(dto);
    const orgId = posting.orgId;
    const refs = await this.loot.awardRefs(tx, orgId, dto);
    const poolId = this.poolOf(dto, refs);
    if (dto.itemId && !refs.itemId) throw Problem.notFound('Item');
    const winner = await this.winner(tx, orgId, dto, refs);
    this.ledger.assertBalanceCovers(refs.lockedBalance, dto.amount);
    const item = refs.itemId
      ? { id: refs.itemId, name: refs.itemName! }
      : await this.items.findOrCreateByName(tx, orgId, dto.itemName!);
    const fields = { itemId: item.id, ...winner, poolId, raidId: refs.raidId, amount: points(dto.amount) };
    const loot = await this.loot.insert(tx, { orgId, ...fields });
    await this.ledger.post(tx, posting, [
      {
        poolId,
        ...winner,
        kind: 'loot',
        amount: fromCents(-toCents(dto.amount)),
        raidId: refs.raidId,
        lootId: loot.id,
        reason: item.name,
      },
    ]);
    return { ...loot, ...fields, itemName: item.name, reversedAt: null };
  }

  /** The award's pool: the one given, else its raid's; 404s for a raid or pool not the org's. */
  private poolOf(dto: AwardLootDto, refs: AwardRefs): string {
    if (dto.raidId && !refs.raidId) throw Problem.notFound('Raid');
    if (!dto.poolId && !refs.raidId)
      throw Problem.validation([{ path: 'poolId', message: 'poolId is required for an award outside a raid' }]);
    if (!refs.poolId) throw Problem.notFound('Pool');
    return refs.poolId;
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
  private async winner(tx: EntityManager, orgId: string, dto: AwardLootDto, refs: AwardRefs): Promise<Winner> {
    if (dto.characterName) {
      if (!refs.characterUserId) throw Problem.notFound(`Character ${dto.characterName}`);
      if (dto.userId && dto.userId !== refs.characterUserId) {
        throw Problem.validation([{ path: 'characterName', message: 'the character belongs to another user' }]);
      }
      return { userId: refs.characterUserId, characterName: refs.characterName };
    }
    if ((await this.members.tierOf(orgId, dto.userId!, tx)) === null) throw Problem.notFound('Member');
    return { userId: dto.userId!, characterName: null };
  }
}
