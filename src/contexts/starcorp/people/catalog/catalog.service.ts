import { Injectable } from '@nestjs/common';
import { CursorPageQueryDto } from '../../../../platform/http/page-query.dto';
import { keysetPage, Page } from '../../../../platform/http/pagination';
import { Problem } from '../../../../platform/http/problem';
import { StarcorpCatalogRepository, SHIP_KEYS } from './catalog.repository';
import { ListShipsQueryDto, ManufacturerDto, ShipDetailDto, ShipDto } from './dto/catalog.dto';
import type { StarcorpManufacturer } from './manufacturer.entity';
import type { StarcorpShip } from './ship.entity';

export function toManufacturerDto(m: StarcorpManufacturer): ManufacturerDto {
  return { id: m.id, code: m.code, name: m.name, logoUrl: m.logoUrl };
}

export function toShipDto(s: StarcorpShip): ShipDto {
  return {
    id: s.id,
    externalId: s.externalId,
    name: s.name,
    manufacturer: toManufacturerDto(s.manufacturer!),
    type: s.type,
    role: s.role,
    career: s.career,
    focus: s.focus,
    size: s.size,
    length: s.length,
    beam: s.beam,
    height: s.height,
    mass: s.mass,
    minCrew: s.minCrew,
    maxCrew: s.maxCrew,
    cargoScu: s.cargoScu,
    productionStatus: s.productionStatus,
    pledgePrice: s.pledgePrice,
    imageUrl: s.imageUrl,
    storeUrl: s.storeUrl,
    retired: s.retired,
  };
}

/** The shared ship catalog, read by every org's members. */
@Injectable()
export class StarcorpCatalogService {
  constructor(private readonly catalog: StarcorpCatalogRepository) {}

  async listShips(q: ListShipsQueryDto): Promise<Page<ShipDto>> {
    const rows = await this.catalog.listShips(q);
    return keysetPage(rows, q.limit, SHIP_KEYS[q.order].of, toShipDto);
  }

  async getShip(id: string): Promise<ShipDetailDto> {
    const ship = await this.catalog.ship(id);
    if (!ship) throw Problem.notFound('Ship');
    const components = await this.catalog.components(id);
    return {
      ...toShipDto(ship),
      components: components.map((c) => ({
        type: c.type,
        name: c.name,
        size: c.size,
        quantity: c.quantity,
        mountName: c.mountName,
        manufacturer: c.manufacturer,
      })),
    };
  }

  /** Catalog ship ids by external id (for seeders and imports that name ships by their source's id). */
  idsByExternalId(externalIds: string[]): Promise<Map<string, string>> {
    return this.catalog.idsByExternalId(externalIds);
  }

  /** The catalog's version, the ETag of its reads (it changes when the import writes the catalog). */
  version(): Promise<string> {
    return this.catalog.version();
  }

  async listManufacturers(q: CursorPageQueryDto): Promise<Page<ManufacturerDto>> {
    const rows = await this.catalog.manufacturers(q);
    return keysetPage(rows, q.limit, (m) => [m.code], toManufacturerDto);
  }
}
