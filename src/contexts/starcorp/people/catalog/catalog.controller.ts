import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CursorPageQueryDto } from '../../../../platform/http/page-query.dto';
import { Page, PageOf } from '../../../../platform/http/pagination';
import { UuidParam } from '../../../../platform/http/params';
import { OrgContext } from '../../../../platform/tenancy/org-context.decorator';
import { StarcorpRead } from '../../starcorp-access';
import { StarcorpCatalogService } from './catalog.service';
import { ListShipsQueryDto, ManufacturerDto, ShipDetailDto, ShipDto } from './dto/catalog.dto';

const ShipPageDto = PageOf(ShipDto);
const ManufacturerPageDto = PageOf(ManufacturerDto);

/**
 * The ship catalog. It is the game's, the same for every org (no org id), but it is read through
 * an org that has `starcorp`, with the org's read policy.
 */
@ApiTags('starcorp-catalog')
@OrgContext('starcorp')
@Controller('orgs/:org/starcorp')
export class StarcorpCatalogController {
  constructor(private readonly catalog: StarcorpCatalogService) {}

  /** Lists catalog ships by name or pledge price (filter size, type, status, manufacturer; search). */
  @Get('ships')
  @StarcorpRead()
  @ApiOkResponse({ type: ShipPageDto })
  listStarcorpShips(@Query() q: ListShipsQueryDto): Promise<Page<ShipDto>> {
    return this.catalog.listShips(q);
  }

  /** One catalog ship with its components. */
  @Get('ships/:id')
  @StarcorpRead()
  @ApiOkResponse({ type: ShipDetailDto })
  getStarcorpShip(@UuidParam('id') id: string): Promise<ShipDetailDto> {
    return this.catalog.getShip(id);
  }

  /** Lists the ship manufacturers by code. */
  @Get('manufacturers')
  @StarcorpRead()
  @ApiOkResponse({ type: ManufacturerPageDto })
  listStarcorpManufacturers(@Query() q: CursorPageQueryDto): Promise<Page<ManufacturerDto>> {
    return this.catalog.listManufacturers(q);
  }
}
