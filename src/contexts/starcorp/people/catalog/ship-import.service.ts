import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { withTransaction } from '../../../../platform/database/transactions';
import { Problem } from '../../../../platform/http/problem';
import { StarcorpManufacturer } from './manufacturer.entity';
import { ImportedShip, parseShipExport } from './ship-import';
import { StarcorpShipComponent } from './ship-component.entity';
import { StarcorpShip } from './ship.entity';

export interface ShipImportOptions {
  /**
   * The export is the whole catalog: ships missing from it leave the catalog, deleted when no
   * fleet has a hull of them, else marked `retired` (never deleted: fleets keep pointing at them).
   */
  prune?: boolean;
}

export interface ShipImportReport {
  manufacturers: number;
  created: number;
  updated: number;
  unchanged: number;
  retired: number;
  deleted: number;
}

/** The fields of a catalog ship an import sets (all but the maker, which it resolves by code). */
type ShipFields = Omit<ImportedShip, 'manufacturer' | 'components'>;

const COMPARED: (keyof ShipFields)[] = [
  'name',
  'type',
  'role',
  'career',
  'focus',
  'size',
  'length',
  'beam',
  'height',
  'mass',
  'minCrew',
  'maxCrew',
  'cargoScu',
  'productionStatus',
  'pledgePrice',
  'imageUrl',
  'storeUrl',
];

/**
 * Upserts the shared ship catalog from an export, in one transaction: all of it or, when any
 * model is invalid, nothing (400 with every bad field).
 */
@Injectable()
export class StarcorpShipImportService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Parses and imports an export (see `parseShipExport` for the accepted JSON). */
  async importExport(json: unknown, options: ShipImportOptions = {}): Promise<ShipImportReport> {
    const { ships, errors } = parseShipExport(json);
    if (errors.length > 0) throw Problem.validation(errors);
    return this.importShips(ships, options);
  }

  importShips(ships: ImportedShip[], options: ShipImportOptions = {}): Promise<ShipImportReport> {
    // An empty export is almost surely a broken download: pruning by it would empty the catalog.
    if (ships.length === 0) throw Problem.validation([{ path: 'models', message: 'the export has no models' }]);
    return withTransaction(this.db, async (tx) => {
      const makers = await this.upsertManufacturers(tx, ships);
      const report: ShipImportReport = {
        manufacturers: makers.size,
        created: 0,
        updated: 0,
        unchanged: 0,
        retired: 0,
        deleted: 0,
      };
      const existing = new Map(
        (await tx.find(StarcorpShip, { where: { externalId: In(ships.map((s) => s.externalId)) } })).map((s) => [
          s.externalId,
          s,
        ]),
      );
      for (const imported of ships) {
        const outcome = await this.upsertShip(
          tx,
          imported,
          makers.get(imported.manufacturer.code)!,
          existing.get(imported.externalId),
        );
        report[outcome]++;
      }
      if (options.prune)
        Object.assign(
          report,
          await this.prune(
            tx,
            ships.map((s) => s.externalId),
          ),
        );
      return report;
    });
  }

  private async upsertManufacturers(tx: EntityManager, ships: ImportedShip[]): Promise<Map<string, string>> {
    const byCode = new Map(ships.map((s) => [s.manufacturer.code, s.manufacturer]));
    if (byCode.size === 0) return new Map();
    const rows: { id: string; code: string }[] = await tx
      .createQueryBuilder()
      .insert()
      .into(StarcorpManufacturer)
      .values([...byCode.values()])
      .orUpdate(['name', 'logo_url'], ['code'])
      .returning(['id', 'code'])
      .execute()
      .then((result) => result.raw);
    return new Map(rows.map((r) => [r.code, r.id]));
  }

  private async upsertShip(
    tx: EntityManager,
    imported: ImportedShip,
    manufacturerId: string,
    current: StarcorpShip | undefined,
  ): Promise<'created' | 'updated' | 'unchanged'> {
    const { manufacturer: _maker, components, ...fields } = imported;
    if (!current) {
      const ship = await tx.save(tx.create(StarcorpShip, { ...fields, manufacturerId, retired: false }));
      await this.replaceComponents(tx, ship.id, components);
      return 'created';
    }
    const before = await tx.find(StarcorpShipComponent, { where: { shipId: current.id }, order: { id: 'ASC' } });
    const same =
      !current.retired &&
      current.manufacturerId === manufacturerId &&
      COMPARED.every((key) => current[key] === fields[key]) &&
      sameComponents(before, components);
    if (same) return 'unchanged';
    await tx.update(StarcorpShip, { id: current.id }, { ...fields, manufacturerId, retired: false });
    await this.replaceComponents(tx, current.id, components);
    return 'updated';
  }

  private async replaceComponents(
    tx: EntityManager,
    shipId: string,
    components: ImportedShip['components'],
  ): Promise<void> {
    await tx.delete(StarcorpShipComponent, { shipId });
    if (components.length > 0)
      await tx.insert(
        StarcorpShipComponent,
        components.map((c) => ({ ...c, shipId })),
      );
  }

  /** Ships absent from the export: retired when a fleet holds a hull of them, else deleted. */
  private async prune(tx: EntityManager, keep: string[]): Promise<Pick<ShipImportReport, 'retired' | 'deleted'>> {
    const inFleet = 'EXISTS (SELECT 1 FROM starcorp_fleet_ships f WHERE f.ship_id = s.id)';
    const [, retired] = await tx.query(
      `UPDATE starcorp_ships s SET retired = true, updated_at = now()
        WHERE NOT s.retired AND s.external_id <> ALL($1::text[]) AND ${inFleet}`,
      [keep],
    );
    const [, deleted] = await tx.query(
      `DELETE FROM starcorp_ships s WHERE s.external_id <> ALL($1::text[]) AND NOT ${inFleet}`,
      [keep],
    );
    return { retired, deleted };
  }
}

function sameComponents(before: StarcorpShipComponent[], after: ImportedShip['components']): boolean {
  const key = (c: ImportedShip['components'][number]) =>
    JSON.stringify([c.type, c.name, c.size, c.quantity, c.mountName, c.manufacturer]);
  const a = before.map(key).sort();
  const b = after.map(key).sort();
  return a.length === b.length && a.every((k, i) => k === b[i]);
}
