import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { containsPattern } from '../../../platform/database/like-pattern';
import { findInOrg } from '../../../platform/database/org-scoped';
import { keysetBy } from '../../../platform/http/keyset';
import { BrokerageRepository, deleteUnlessInUse, saveNamingField } from '../common/brokerage-repository';
import { Product } from './product.entity';

export interface ProductFilter {
  search?: string;
  proteinId?: string;
  storage?: string;
  active?: boolean;
}

const PRODUCT_UNIQUE = { uq_brokerage_products_org_code: 'productCode' } as const;

/** The SQL of the product catalogue (`brokerage_products`). */
@Injectable()
export class ProductsRepository extends BrokerageRepository {
  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }

  /** One keyset page by product code, then id, plus one row. */
  page(orgId: string, filter: ProductFilter, page: { limit: number; cursor?: string }): Promise<Product[]> {
    const qb = this.db.getRepository(Product).createQueryBuilder('p').where('p.org_id = :orgId', { orgId });
    if (filter.search)
      qb.andWhere('(p.product_code ILIKE :search OR p.description ILIKE :search)', {
        search: containsPattern(filter.search),
      });
    if (filter.proteinId) qb.andWhere('p.protein_id = :proteinId', { proteinId: filter.proteinId });
    if (filter.storage) qb.andWhere('p.storage = :storage', { storage: filter.storage });
    if (filter.active !== undefined) qb.andWhere('p.active = :active', { active: filter.active });
    return keysetBy(
      qb,
      [
        ['p.product_code', 'text'],
        ['p.id', 'uuid'],
      ],
      page,
    ).getMany();
  }

  load(orgId: string, id: string, tx?: EntityManager, lock = false): Promise<Product> {
    return findInOrg(this.managerOf(tx), Product, orgId, id, 'Product', { lock });
  }

  /** The org's products among `ids` (sorted by the caller), share-locked in that order. */
  lockMany(tx: EntityManager, orgId: string, ids: string[]): Promise<Product[]> {
    return tx
      .createQueryBuilder(Product, 'p')
      .where('p.org_id = :orgId AND p.id IN (:...ids)', { orgId, ids })
      .orderBy('p.id')
      .setLock('pessimistic_read')
      .getMany();
  }

  save(tx: EntityManager, product: Product): Promise<Product> {
    return saveNamingField(tx, Product, product, 'product', PRODUCT_UNIQUE);
  }

  delete(tx: EntityManager, product: Product): Promise<void> {
    return deleteUnlessInUse(() => tx.delete(Product, { id: product.id, orgId: product.orgId }), 'product');
  }
}
