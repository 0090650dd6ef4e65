import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Page } from '../../../platform/http/pagination';
import { Problem } from '../../../platform/http/problem';
import { CreateItemDto, ItemDto, ListItemsQueryDto, PriceStatsDto, UpdateItemDto } from './dto/item.dto';
import { Item } from './item.entity';
import { ItemsRepository } from './items.repository';
import { LootRepository } from './loot.repository';

function toItemDto(i: Item): ItemDto {
  return {
    id: i.id,
    name: i.name,
    category: i.category,
    rarity: i.rarity,
    externalUrl: i.externalUrl,
    description: i.description,
    gameItemId: i.gameItemId ?? null,
  };
}

const nameTaken = (name: string) => ({
  detail: `An item named ${name} exists`,
  slug: 'item-name-taken',
  field: 'name',
});

const formatPrice = (value: string | null) => (value === null ? null : Number(value).toFixed(2));

@Injectable()
export class ItemsService {
  constructor(
    private readonly items: ItemsRepository,
    private readonly loot: LootRepository,
  ) {}

  async list(orgId: string, q: ListItemsQueryDto): Promise<Page<ItemDto>> {
    const [rows, total] = await this.items.page(orgId, { search: q.search, category: q.category }, q);
    return { items: rows.map(toItemDto), total };
  }

  async get(orgId: string, id: string): Promise<ItemDto> {
    return toItemDto(await this.items.load(orgId, id));
  }

  /** The item entity (404 when it is not the org's), in the caller's transaction if given. */
  load(orgId: string, id: string, tx?: EntityManager): Promise<Item> {
    return this.items.load(orgId, id, tx);
  }

  async create(orgId: string, dto: CreateItemDto): Promise<ItemDto> {
    const item = await this.items.save({ ...dto, orgId }, nameTaken(dto.name));
    return this.get(orgId, item.id);
  }

  async update(orgId: string, id: string, dto: UpdateItemDto): Promise<ItemDto> {
    const item = await this.items.load(orgId, id);
    await this.items.save(Object.assign(item, dto), nameTaken(item.name));
    return this.get(orgId, id);
  }

  /** Items with awards stay, for the loot history; only unused ones can be deleted. */
  async remove(orgId: string, id: string): Promise<void> {
    const item = await this.items.load(orgId, id);
    await this.items.delete(item.id, {
      detail: 'The item has loot awards and stays in the catalog',
      slug: 'item-in-use',
    });
  }

  /** The item of that name (any case), added to the catalog if the bot reports a new drop. */
  async findOrCreateByName(tx: EntityManager, orgId: string, name: string): Promise<{ id: string; name: string }> {
    const trimmed = name.trim();
    if (!trimmed) throw Problem.validation([{ path: 'itemName', message: 'itemName must not be empty' }]);
    return this.items.findOrCreateByName(tx, orgId, trimmed);
  }

  /** The item given by id, or by name (created when the bot reports a new drop). */
  byIdOrName(tx: EntityManager, orgId: string, ref: { itemId?: string; itemName?: string }): Promise<{ id: string }> {
    return ref.itemId ? this.items.load(orgId, ref.itemId, tx) : this.findOrCreateByName(tx, orgId, ref.itemName!);
  }

  async priceStats(orgId: string, id: string): Promise<PriceStatsDto> {
    await this.items.load(orgId, id);
    const row = await this.loot.priceStats(orgId, id);
    return { count: row.count, min: formatPrice(row.min), median: formatPrice(row.median), max: formatPrice(row.max) };
  }
}
