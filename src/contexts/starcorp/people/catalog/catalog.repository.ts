import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { KeyColumn, keysetBy } from '../../../../platform/http/keyset';
import { ListShipsQueryDto, ShipOrder } from './dto/catalog.dto';
import { StarcorpManufacturer } from './manufacturer.entity';
import { StarcorpShipComponent } from './ship-component.entity';
import { StarcorpShip } from './ship.entity';

/** Unknown prices sort first. */
const PRICE = 'COALESCE(s.pledge_price, -1)';

export const SHIP_KEYS: Record<ShipOrder, { columns: KeyColumn[]; of: (s: StarcorpShip) => unknown[] }> = {
  name: {
    columns: [
      ['s.name', 'text'],
      ['s.id', 'uuid'],
    ],
    of: (s) => [s.name, s.id],
  },
  price: {
    columns: [
      [PRICE, 'numeric'],
      ['s.name', 'text'],
      ['s.id', 'uuid'],
    ],
    of: (s) => [s.pledgePrice ?? '-1', s.name, s.id],
  },
};

/** Escapes LIKE wildcards so a search is a plain substring. */
export const likeSubstring = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The catalog reads: ships with their maker, components, manufacturers. */
@Injectable()
export class StarcorpCatalogRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  listShips(q: ListShipsQueryDto): Promise<StarcorpShip[]> {
    const qb = this.db
      .getRepository(StarcorpShip)
      .createQueryBuilder('s')
      .innerJoinAndSelect('s.manufacturer', 'm')
      .where('TRUE');
    if (!q.includeRetired) qb.andWhere('NOT s.retired');
    if (q.size) qb.andWhere('s.size = :size', { size: q.size });
    if (q.type) qb.andWhere('s.type = :type', { type: q.type });
    if (q.status) qb.andWhere('s.production_status = :status', { status: q.status });
    if (q.manufacturer) qb.andWhere('m.code = :code', { code: q.manufacturer.toUpperCase() });
    if (q.search) qb.andWhere('s.name ILIKE :search', { search: likeSubstring(q.search) });
    return keysetBy(qb, SHIP_KEYS[q.order].columns, q).getMany();
  }

  /** Catalog ship ids by external id. */
  async idsByExternalId(externalIds: string[]): Promise<Map<string, string>> {
    const rows = await this.db
      .getRepository(StarcorpShip)
      .find({ select: { id: true, externalId: true }, where: { externalId: In(externalIds) } });
    return new Map(rows.map((s) => [s.externalId, s.id]));
  }

  ship(id: string): Promise<StarcorpShip | null> {
    return this.db.getRepository(StarcorpShip).findOne({ where: { id }, relations: { manufacturer: true } });
  }

  components(shipId: string): Promise<StarcorpShipComponent[]> {
    return this.db
      .getRepository(StarcorpShipComponent)
      .find({ where: { shipId }, order: { type: 'ASC', name: 'ASC', id: 'ASC' } });
  }

  /**
   * The catalog's version: changes whenever the import writes it. Every import's manufacturer
   * upsert stamps `updated_at`, a changed ship (and so its components) stamps its own, and the
   * counts catch deletions. Two aggregates over small tables, no row is read out.
   */
  async version(): Promise<string> {
    const [row]: { version: string }[] = await this.db.query(
      `SELECT md5(concat_ws('|', s.n, s.at, m.n, m.at)) AS version
         FROM (SELECT count(*) AS n, max(updated_at) AS at FROM starcorp_ships) s,
              (SELECT count(*) AS n, max(updated_at) AS at FROM starcorp_manufacturers) m`,
    );
    return row.version;
  }

  manufacturers(page: { limit: number; cursor?: string }): Promise<StarcorpManufacturer[]> {
    const qb = this.db.getRepository(StarcorpManufacturer).createQueryBuilder('m');
    return keysetBy(qb, [['m.code', 'text']], page).getMany();
  }
}
