import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { deleteUnlessReferenced, findInOrg, saveUnique } from '../../../platform/database/org-scoped';
import { Page } from '../../../platform/http/pagination';
import { Problem } from '../../../platform/http/problem';
import { CreateItemDto, ItemDto, ListItemsQueryDto, PriceStatsDto, UpdateItemDto } from './dto/item.dto';
import { Item } from './item.entity';
import { containsPattern } from '../../../platform/database/like-pattern';

function toItemDto(i: Item): ItemDto {
  return { id: i.id, name: i.name, category: i.category, rarity: i.rarity, externalUrl: i.externalUrl, description: i.description };
}

const nameTaken = (name: string) => ({ detail: `An item named ${name} exists`, slug: 'item-name-taken' });

@Injectable()
export class ItemsService {
  constructor(@InjectRepository(Item) private readonly items: Repository<Item>) {}

  async list(orgId: string, q: ListItemsQueryDto): Promise<Page<ItemDto>> {
    const qb = this.items.createQueryBuilder('i').where('i.org_id = :orgId', { orgId });
    if (q.search) qb.andWhere('i.name_key LIKE :search', { search: containsPattern(q.search.toLowerCase()) });
    if (q.category) qb.andWhere('i.category = :category', { category: q.category });
    const [rows, total] = await qb.orderBy('i.name_key', 'ASC').skip(q.offset).take(q.limit).getManyAndCount();
    return { items: rows.map(toItemDto), total };
  }

  async get(orgId: string, id: string): Promise<ItemDto> {
    return toItemDto(await findInOrg(this.items.manager, Item, orgId, id, 'Item'));
  }

  async create(orgId: string, dto: CreateItemDto): Promise<ItemDto> {
    const item = await saveUnique(this.items.manager, Item, this.items.create({ ...dto, orgId }), nameTaken(dto.name));
    return this.get(orgId, item.id);
  }

  async update(orgId: string, id: string, dto: UpdateItemDto): Promise<ItemDto> {
    const item = await findInOrg(this.items.manager, Item, orgId, id, 'Item');
    await saveUnique(this.items.manager, Item, Object.assign(item, dto), nameTaken(item.name));
    return this.get(orgId, id);
  }

  /** Items with awards stay, for the loot history; only unused ones can be deleted. */
  async remove(orgId: string, id: string): Promise<void> {
    const item = await findInOrg(this.items.manager, Item, orgId, id, 'Item');
    await deleteUnlessReferenced(this.items.manager, Item, { id: item.id }, { detail: 'The item has loot awards and stays in the catalog', slug: 'item-in-use' });
  }

  /** The item of that name (any case), added to the catalog if the bot reports a new drop. */
  async findOrCreateByName(tx: EntityManager, orgId: string, name: string): Promise<Item> {
    const trimmed = name.trim();
    if (!trimmed) throw Problem.validation([{ path: 'itemName', message: 'itemName must not be empty' }]);
    await tx.query('INSERT INTO dkp_items (org_id, name) VALUES ($1, $2) ON CONFLICT (org_id, name_key) DO NOTHING', [orgId, trimmed]);
    return tx.findOneOrFail(Item, { where: { orgId, nameKey: trimmed.toLowerCase() } });
  }

  async priceStats(orgId: string, id: string): Promise<PriceStatsDto> {
    await findInOrg(this.items.manager, Item, orgId, id, 'Item');
    const [row] = await this.items.query(
      `SELECT count(*)::int AS count, min(amount) AS min, max(amount) AS max,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY amount) AS median
         FROM dkp_loot WHERE org_id = $1 AND item_id = $2 AND reversed_at IS NULL`,
      [orgId, id],
    );
    const fmt = (v: string | null) => (v === null ? null : Number(v).toFixed(2));
    return { count: row.count, min: fmt(row.min), median: fmt(row.median), max: fmt(row.max) };
  }
}
