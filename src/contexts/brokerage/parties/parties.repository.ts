import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { keysetBy } from '../../../platform/http/keyset';
import { Problem } from '../../../platform/http/problem';
import { BrokerageRepository, deleteUnlessInUse, saveNamingField } from '../common/brokerage-repository';
import { Contact } from '../contacts/contact.entity';
import { Party, PartyKind } from './party.entity';

/** Which parties of one kind a page shows. */
export interface PartyFilter {
  search?: string;
  includeArchived?: boolean;
  proteinId?: string;
  plantId?: string;
  /** A plant's or carrier's type. */
  type?: string;
}

const PARTY_UNIQUE = {
  uq_brokerage_parties_org_kind_name_key: 'name',
  uq_brokerage_parties_org_kind_code: 'code',
} as const;

/**
 * The words of a search as a prefix query (`acme & pack:*`-style) for the parties' tsvector; only
 * letters and digits reach it, so no input can break the query syntax. Null when nothing is left.
 */
export function prefixQuery(search: string): string | null {
  const words = search.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length
    ? words
        .slice(0, 8)
        .map((word) => `${word}:*`)
        .join(' & ')
    : null;
}

/** The SQL of the parties (`brokerage_parties`). */
@Injectable()
export class PartiesRepository extends BrokerageRepository {
  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }

  /** One keyset page (name order, then id) plus one row, to tell whether another page follows. */
  page(orgId: string, kind: PartyKind, filter: PartyFilter, page: { limit: number; cursor?: string }) {
    const qb = this.db
      .getRepository(Party)
      .createQueryBuilder('p')
      .where('p.org_id = :orgId AND p.kind = :kind', { orgId, kind });
    if (!filter.includeArchived) qb.andWhere('p.archived_at IS NULL');
    const query = filter.search ? prefixQuery(filter.search) : null;
    if (query) qb.andWhere(`p.search_vector @@ to_tsquery('simple', :query)`, { query });
    if (filter.proteinId) qb.andWhere(':proteinId::uuid = ANY(p.protein_ids)', { proteinId: filter.proteinId });
    if (filter.plantId) qb.andWhere('p.plant_id = :plantId', { plantId: filter.plantId });
    if (filter.type) qb.andWhere(`p.details->>'type' = :type`, { type: filter.type });
    return keysetBy(
      qb,
      [
        ['p.name_key', 'text'],
        ['p.id', 'uuid'],
      ],
      page,
    ).getMany();
  }

  /**
   * The party of that kind (404 naming the kind when it is not the org's), locked when asked:
   * `update` to change it, `share` to refer to it (an order), so it cannot be archived meanwhile.
   */
  async load(orgId: string, kind: PartyKind, id: string, label: string, tx?: EntityManager, lock?: 'update' | 'share') {
    const mode = lock === 'update' ? ('pessimistic_write' as const) : ('pessimistic_read' as const);
    const party = await this.managerOf(tx).findOne(Party, {
      where: { id, orgId, kind },
      ...(lock ? { lock: { mode } } : {}),
    });
    if (!party) throw Problem.notFound(label);
    return party;
  }

  /** Saves a new or changed party; a name or code the org's parties of that kind have is a 409 naming it. */
  save(tx: EntityManager, party: Party, label: string): Promise<Party> {
    return saveNamingField(tx, Party, party, label, PARTY_UNIQUE);
  }

  /** Deletes a party nothing refers to (else 409 `in-use`). */
  delete(tx: EntityManager, party: Party, label: string): Promise<void> {
    return deleteUnlessInUse(() => tx.delete(Party, { id: party.id, orgId: party.orgId }), label);
  }

  /**
   * Suppliers' quality ratings: the mean of the 1-5 scores given when their purchase orders were
   * received (two places), for those that have any. Read here, beside the parties, because the
   * rating is part of the supplier's answer; the scores are written by the purchase orders.
   */
  async qualityRatings(orgId: string, supplierIds: string[], tx?: EntityManager): Promise<Map<string, string>> {
    if (!supplierIds.length) return new Map();
    const rows: { supplier_id: string; rating: string }[] = await this.managerOf(tx).query(
      `SELECT supplier_id, round(avg(quality_score), 2)::text AS rating
         FROM brokerage_purchase_orders
        WHERE org_id = $1 AND supplier_id = ANY($2::uuid[]) AND quality_score IS NOT NULL
        GROUP BY supplier_id`,
      [orgId, supplierIds],
    );
    return new Map(rows.map((row) => [row.supplier_id, row.rating]));
  }

  /** Whether the org has that contact. */
  hasContact(tx: EntityManager, orgId: string, id: string): Promise<boolean> {
    return tx.existsBy(Contact, { id, orgId });
  }
}
