import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { containsPattern } from '../../../platform/database/like-pattern';
import { deleteUnlessReferenced, findInOrg } from '../../../platform/database/org-scoped';
import { saveNamingField, UniqueConflict } from '../../../platform/database/unique-conflict';
import { DkpRepository } from '../common/dkp-repository';
import { Item } from './item.entity';

/** Which catalogue items a page shows. */
export interface ItemFilter {
  search?: string;
  category?: string;
}

/** Why a save or delete was refused, for the 409 it becomes. */
type Conflict = { detail: string; slug: string };

/** The SQL of the item catalogue (`dkp_items`). */
@Injectable()
export class ItemsRepository extends DkpRepository {
  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }

  /** One page of the catalogue by name and the total. */
  page(orgId: string, filter: ItemFilter, page: { offset: number; limit: number }): Promise<[Item[], number]> {
    const qb = this.db.getRepository(Item).createQueryBuilder('i').where('i.org_id = :orgId', { orgId });
    if (filter.search) qb.andWhere('i.name_key LIKE :search', { search: containsPattern(filter.search.toLowerCase()) });
    if (filter.category) qb.andWhere('i.category = :category', { category: filter.category });
    return qb.orderBy('i.name_key', 'ASC').skip(page.offset).take(page.limit).getManyAndCount();
  }

  /** The item entity (404 when it is not the org's), in the caller's transaction if given. */
  load(orgId: string, id: string, tx?: EntityManager): Promise<Item> {
    return findInOrg(this.managerOf(tx), Item, orgId, id, 'Item');
  }

  /** Saves a new or changed item; a name taken (in any case) is a 409 `conflict`. */
  save(item: Partial<Item>, conflict: UniqueConflict): Promise<Item> {
    return saveNamingField(this.db.manager, Item, this.db.getRepository(Item).create(item), conflict);
  }

  /** Deletes an item unless loot refers to it (then a 409 `conflict`). */
  delete(id: string, conflict: Conflict): Promise<void> {
    return deleteUnlessReferenced(this.db.manager, Item, { id }, conflict);
  }

  /**
   * The item of that name (any case), inserted first if missing, in one statement. `DO NOTHING`
   * rather than a no-op `DO UPDATE`: an existing item is neither rewritten nor locked. The
   * statement's snapshot cannot see an item another transaction inserted concurrently (the insert
   * waited for it, then did nothing), so that rare case reads it again.
   */
  async findOrCreateByName(tx: EntityManager, orgId: string, name: string): Promise<{ id: string; name: string }> {
    const [row]: { id: string; name: string }[] = await tx.query(
      `WITH added AS (
         INSERT INTO dkp_items (org_id, name) VALUES ($1, $2) ON CONFLICT (org_id, name_key) DO NOTHING RETURNING id, name
       )
       SELECT id, name FROM added
       UNION ALL
       SELECT id, name FROM dkp_items WHERE org_id = $1 AND name_key = lower($2) AND NOT EXISTS (SELECT 1 FROM added)`,
      [orgId, name],
    );
    return (
      row ?? tx.findOneOrFail(Item, { where: { orgId, nameKey: name.toLowerCase() }, select: { id: true, name: true } })
    );
  }
}
