import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { containsPattern } from '../../../../platform/database/like-pattern';
import { findInOrg } from '../../../../platform/database/org-scoped';
import { keysetBy } from '../../../../platform/http/keyset';
import { newestFirst } from '../../../../platform/http/pagination';
import { PublishingRepository } from '../publishing-repository';
import { ItemMovement } from './item-movement.entity';
import { StoreItem } from './store-item.entity';

export interface StoreItemFilter {
  category?: string;
  location?: string;
  search?: string;
}

/** The SQL of the item store: items and their movements. */
@Injectable()
export class StoreItemsRepository extends PublishingRepository {
  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }

  /** One page of items by title (then id). */
  page(orgId: string, filter: StoreItemFilter, page: { limit: number; cursor?: string }): Promise<StoreItem[]> {
    const qb = this.db.getRepository(StoreItem).createQueryBuilder('i').where('i.org_id = :orgId', { orgId });
    if (filter.category) qb.andWhere('i.category = :category', { category: filter.category });
    if (filter.location) qb.andWhere('i.location = :location', { location: filter.location });
    if (filter.search) qb.andWhere('i.title ILIKE :search', { search: containsPattern(filter.search) });
    return keysetBy(
      qb,
      [
        ['i.title', 'text'],
        ['i.id', 'uuid'],
      ],
      page,
    ).getMany();
  }

  /** The item (404 when it is not the org's); with `lock`, held FOR UPDATE until the transaction ends. */
  load(orgId: string, id: string, tx?: EntityManager, lock = false): Promise<StoreItem> {
    return findInOrg(this.managerOf(tx), StoreItem, orgId, id, 'Item', { lock });
  }

  save(tx: EntityManager, item: Partial<StoreItem>): Promise<StoreItem> {
    return tx.save(StoreItem, tx.create(StoreItem, item));
  }

  async delete(tx: EntityManager, orgId: string, id: string): Promise<void> {
    await tx.delete(StoreItem, { id, orgId });
  }

  /** Sets the (locked) item's quantity and writes the movement that explains it. */
  async move(
    tx: EntityManager,
    item: StoreItem,
    movement: Omit<ItemMovement, keyof StoreItemKeys>,
  ): Promise<ItemMovement> {
    await tx.update(StoreItem, { id: item.id, orgId: item.orgId }, { quantity: movement.quantityAfter });
    return tx.save(ItemMovement, tx.create(ItemMovement, movement));
  }

  movementsPage(orgId: string, itemId: string, page: { limit: number; cursor?: string }): Promise<ItemMovement[]> {
    const qb = this.db
      .getRepository(ItemMovement)
      .createQueryBuilder('m')
      .where('m.org_id = :orgId AND m.item_id = :itemId', { orgId, itemId });
    return newestFirst(qb, 'm.created_at', 'm.id', page).getMany();
  }
}

/** What the database fills in on a movement. */
type StoreItemKeys = Pick<ItemMovement, 'id' | 'createdAt' | 'updatedAt' | 'item'>;
