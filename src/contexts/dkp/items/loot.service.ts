import { Injectable } from '@nestjs/common';
import { AuditService } from '../../../platform/audit/audit.service';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { MemberOutcome, TransactionGroups } from '../../../platform/database/transaction-groups';
import { keysetPage, Page, timeAndId } from '../../../platform/http/pagination';
import { Problem } from '../../../platform/http/problem';
import { MembersService } from '../../../platform/tenancy/members/members.service';
import { fromCents, toCents } from '../common/cents';
import { points } from '../common/points';
import { LedgerService, Posting, PostingContext } from '../points/ledger.service';
import { AwardDecision, judgeAwards } from './award-rules';
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

/** The item name an award request gives, as it is looked up and added. */
const itemNameOf = (request: AwardRequest): string => request.dto.itemName!.trim();

/** An award request, with who makes it. */
interface AwardRequest {
  posting: PostingContext;
  dto: AwardLootDto;
}

/** The loot award's debit of its winner. */
function lootDebit(loot: Omit<LootDto, 'createdAt'>): Posting {
  return {
    poolId: loot.poolId,
    userId: loot.userId,
    characterName: loot.characterName,
    kind: 'loot',
    amount: fromCents(-toCents(loot.amount)),
    raidId: loot.raidId,
    lootId: loot.id,
    reason: loot.itemName,
  };
}

@Injectable()
export class LootService {
  private readonly awardGroups: TransactionGroups<AwardRequest, LootDto>;

  constructor(
    private readonly loot: LootRepository,
    private readonly ledger: LedgerService,
    private readonly items: ItemsService,
    private readonly members: MembersService,
    audit: AuditService,
  ) {
    this.awardGroups = this.loot.transactionGroups(audit, (tx, requests) => this.awardsIn(tx, requests));
  }

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
   *
   * An award holds its winner's balance row for its transaction's round trips, and each award in
   * a transaction of its own pays BEGIN, four statements and COMMIT: most of its cost is round
   * trips and the commit. So the org's awards that arrive while a transaction of its awards runs
   * are made together in the next one (`TransactionGroups`), judged in arrival order as if each
   * came alone (`judgeAwards`), each with its own audit entry and Idempotency-Key result.
   */
  async award(posting: PostingContext, dto: AwardLootDto): Promise<LootDto> {
    assertAwardable(dto);
    return this.awardGroups.run(posting.orgId, { posting, dto });
  }

  /** The award inside a caller's transaction (an auction's award), as a group of one. */
  async awardIn(tx: EntityManager, posting: PostingContext, dto: AwardLootDto): Promise<LootDto> {
    assertAwardable(dto);
    const [outcome] = await this.awardsIn(tx, [{ posting, dto }]);
    if ('refused' in outcome) throw outcome.refused;
    return outcome.result;
  }

  /**
   * Awards of one org in one transaction: their references, with the winners' balance rows locked
   * (one statement), the members among winners given by user id (one, only if there are any), the
   * judgement in arrival order, new item names added (one statement each), then the loot rows and
   * the ledger rows with their balance moves (one statement each). A refused award has no effect.
   * The loot ids are made here, to match the inserted rows to their requests.
   */
  private async awardsIn(tx: EntityManager, requests: AwardRequest[]): Promise<MemberOutcome<LootDto>[]> {
    const orgId = requests[0].posting.orgId;
    const dtos = requests.map((r) => r.dto);
    const refs = await this.loot.awardRefs(tx, orgId, dtos);
    const byUserId = dtos.flatMap((dto) => (dto.characterName ? [] : [dto.userId!]));
    const members = await this.members.memberIdsAmong(orgId, byUserId, tx);
    const judged = judgeAwards(
      dtos.map((dto, i) => ({ request: dto, refs: refs[i] })),
      members,
    );
    const accepted = requests.flatMap((request, i) => {
      const judgement = judged[i];
      return 'accepted' in judgement ? [{ request, refs: refs[i], decision: judgement.accepted }] : [];
    });
    if (!accepted.length) return judged as MemberOutcome<LootDto>[];
    const awards = await this.newAwards(tx, orgId, accepted);
    const createdAt = await this.loot.insertMany(
      tx,
      awards.map(({ itemName: _shown, reversedAt: _none, ...loot }) => ({ ...loot, orgId })),
    );
    await this.ledger.postEach(
      tx,
      awards.map((loot, i) => ({ ctx: accepted[i].request.posting, posting: lootDebit(loot) })),
    );
    return judged.map((judgement) => {
      if ('refused' in judgement) return judgement;
      const loot = awards.shift()!;
      return { result: { ...loot, createdAt: createdAt.get(loot.id)! } };
    });
  }

  /**
   * The loot rows of accepted awards, with new ids, their items found by the references or added.
   * New names are added one by one in name order, so that two groups adding the same names wait
   * for each other in the same order; one name given twice (in any case) is one item.
   */
  private async newAwards(
    tx: EntityManager,
    orgId: string,
    accepted: { request: AwardRequest; refs: AwardRefs; decision: AwardDecision }[],
  ): Promise<Omit<LootDto, 'createdAt'>[]> {
    const names = new Set(accepted.flatMap(({ request, refs }) => (refs.itemId ? [] : [itemNameOf(request)])));
    const added = new Map<string, { id: string; name: string }>();
    for (const name of [...names].sort()) added.set(name, await this.items.findOrCreateByName(tx, orgId, name));
    return accepted.map(({ request, refs, decision }) => {
      const item = refs.itemId ? { id: refs.itemId, name: refs.itemName! } : added.get(itemNameOf(request))!;
      const amount = points(request.dto.amount);
      return { id: randomUUID(), itemId: item.id, itemName: item.name, ...decision, amount, reversedAt: null };
    });
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
}
