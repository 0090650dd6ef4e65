import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { findInOrg } from '../../../platform/database/org-scoped';
import { withTransaction } from '../../../platform/database/transactions';
import { keysetPage, newestFirst, Page, timeAndId } from '../../../platform/http/pagination';
import { Problem } from '../../../platform/http/problem';
import { fromCents, toCents } from '../common/cents';
import { points } from '../common/points';
import { LedgerService, PostingContext } from '../points/ledger.service';
import { Pool } from '../pools/pool.entity';
import { Raid } from '../raids/raid.entity';
import { Character } from '../roster/character.entity';
import { AwardLootDto, ListLootQueryDto, LootDto } from './dto/loot.dto';
import { Item } from './item.entity';
import { ItemsService } from './items.service';
import { Loot } from './loot.entity';

interface LootRow extends Omit<LootDto, 'amount'> {
  amount: string;
}

@Injectable()
export class LootService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly ledger: LedgerService,
    private readonly items: ItemsService,
  ) {}

  async list(orgId: string, q: ListLootQueryDto): Promise<Page<LootDto>> {
    const qb = this.rows(orgId);
    if (q.userId) qb.andWhere('l.user_id = :userId', { userId: q.userId });
    if (q.itemId) qb.andWhere('l.item_id = :itemId', { itemId: q.itemId });
    if (q.raidId) qb.andWhere('l.raid_id = :raidId', { raidId: q.raidId });
    if (q.poolId) qb.andWhere('l.pool_id = :poolId', { poolId: q.poolId });
    const rows = await newestFirst(qb, 'l.created_at', 'l.id', q).getRawMany<LootRow>();
    return keysetPage(rows, q.limit, (r) => timeAndId(r.createdAt, r.id), (r) => ({ ...r, amount: points(r.amount) }));
  }

  /**
   * Awards an item and debits the winner, in one transaction: the winner's balance row is
   * locked, checked and moved together with the loot and ledger rows.
   */
  async award(ctx: PostingContext, dto: AwardLootDto): Promise<LootDto> {
    const id = await withTransaction(this.db, (tx) => this.awardIn(tx, ctx, dto));
    return this.get(ctx.orgId, id);
  }

  /** The award inside a caller's transaction (an auction's award); returns the loot id. */
  async awardIn(tx: EntityManager, ctx: PostingContext, dto: AwardLootDto): Promise<string> {
    const raid = dto.raidId ? await findInOrg(tx, Raid, ctx.orgId, dto.raidId, 'Raid') : null;
    const poolId = dto.poolId ?? raid?.poolId;
    if (!poolId) throw Problem.validation([{ path: 'poolId', message: 'poolId is required for an award outside a raid' }]);
    await findInOrg(tx, Pool, ctx.orgId, poolId, 'Pool');
    if (Number(dto.amount) <= 0) throw Problem.validation([{ path: 'amount', message: 'amount must be positive' }]);
    const item = dto.itemId ? await findInOrg(tx, Item, ctx.orgId, dto.itemId, 'Item') : await this.items.findOrCreateByName(tx, ctx.orgId, dto.itemName!);
    const winner = await this.winner(tx, ctx.orgId, dto);
    await this.ledger.assertCanSpend(tx, ctx.orgId, poolId, winner.userId, dto.amount);
    const loot = await tx.save(Loot, tx.create(Loot, { orgId: ctx.orgId, itemId: item.id, userId: winner.userId, poolId, raidId: raid?.id ?? null, characterName: winner.characterName, amount: dto.amount }));
    await this.ledger.post(tx, ctx, [
      { poolId, userId: winner.userId, kind: 'loot', amount: fromCents(-toCents(dto.amount)), characterName: winner.characterName, raidId: raid?.id ?? null, lootId: loot.id, reason: item.name },
    ]);
    return loot.id;
  }

  /** Undoes an award: the points come back through a correction entry; the loot row stays, marked. */
  async reverse(ctx: PostingContext, id: string): Promise<LootDto> {
    await withTransaction(this.db, async (tx) => {
      const loot = await findInOrg(tx, Loot, ctx.orgId, id, 'Loot award', { lock: true });
      if (loot.reversedAt) throw Problem.conflict('This award was already reversed', 'loot-already-reversed');
      const [entry] = await tx.query("SELECT id FROM dkp_ledger WHERE loot_id = $1 AND kind = 'loot'", [loot.id]);
      await tx.update(Loot, { id: loot.id }, { reversedAt: new Date() });
      await this.ledger.post(tx, ctx, [
        { poolId: loot.poolId, userId: loot.userId, kind: 'correction', bucket: 'spent', amount: points(loot.amount), characterName: loot.characterName, raidId: loot.raidId, lootId: loot.id, correctsId: entry?.id ?? null, reason: 'Loot award reversed' },
      ]);
    });
    return this.get(ctx.orgId, id);
  }

  async get(orgId: string, id: string): Promise<LootDto> {
    const row = await this.rows(orgId).andWhere('l.id = :id', { id }).getRawOne<LootRow>();
    if (!row) throw Problem.notFound('Loot award');
    return { ...row, amount: points(row.amount) };
  }

  private rows(orgId: string) {
    return this.db
      .createQueryBuilder(Loot, 'l')
      .innerJoin(Item, 'i', 'i.id = l.item_id')
      .select([
        'l.id AS id',
        'l.item_id AS "itemId"',
        'i.name AS "itemName"',
        'l.user_id AS "userId"',
        'l.pool_id AS "poolId"',
        'l.raid_id AS "raidId"',
        'l.character_name AS "characterName"',
        'l.amount AS amount',
        'l.reversed_at AS "reversedAt"',
        'l.created_at AS "createdAt"',
      ])
      .where('l.org_id = :orgId', { orgId });
  }

  /** The winning user, by id (must be a member) or as the current owner of the named character. */
  private async winner(tx: EntityManager, orgId: string, dto: AwardLootDto): Promise<{ userId: string; characterName: string | null }> {
    if (dto.characterName) {
      const character = await tx.findOne(Character, { where: { orgId, nameKey: dto.characterName.toLowerCase() } });
      if (!character) throw Problem.notFound(`Character ${dto.characterName}`);
      if (dto.userId && dto.userId !== character.userId) throw Problem.validation([{ path: 'characterName', message: 'the character belongs to another user' }]);
      return { userId: character.userId, characterName: character.name };
    }
    const [member] = await tx.query('SELECT 1 FROM memberships WHERE org_id = $1 AND user_id = $2', [orgId, dto.userId]);
    if (!member) throw Problem.notFound('Member');
    return { userId: dto.userId!, characterName: null };
  }
}
