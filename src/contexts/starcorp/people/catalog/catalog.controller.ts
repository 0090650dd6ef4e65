import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiNotModifiedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CursorPageQueryDto } from '../../../../platform/http/page-query.dto';
import { Page, PageOf } from '../../../../platform/http/pagination';
import { UuidParam } from '../../../../platform/http/params';
import { OrgContext } from '../../../../platform/tenancy/org-context.decorator';
import { StarcorpRead } from '../../starcorp-access';
import { catalogEtagOrNotModified } from './catalog-etag';
import { StarcorpCatalogService } from './catalog.service';
import { ListShipsQueryDto, ManufacturerDto, ShipDetailDto, ShipDto } from './dto/catalog.dto';

const ShipPageDto = PageOf(ShipDto);
const ManufacturerPageDto = PageOf(ManufacturerDto);

const IF_NONE_MATCH = { name: 'If-None-Match', required: false, description: 'A previous ETag of this read' };
const ETAG_HEADER = {
  ETag: { description: "The catalog's version (changes when the catalog is imported)", schema: { type: 'string' } },
};
const NOT_MODIFIED = { description: 'The catalog is unchanged since that ETag' };

/**
 * The ship catalog. It is the game's, the same for every org (no org id), but it is read through
 * an org that has `starcorp`, with the org's read policy. Its reads carry the catalog's version
 * as ETag and answer 304 to an If-None-Match naming it.
 */
@ApiTags('starcorp-catalog')
@OrgContext('starcorp')
@Controller('orgs/:org/starcorp')
export class StarcorpCatalogController {
  constructor(private readonly catalog: StarcorpCatalogService) {}

  /** Lists catalog ships by name or pledge price (filter size, type, status, manufacturer; search). */
  @Get('ships')
  @StarcorpRead()
  @ApiHeader(IF_NONE_MATCH)
  @ApiOkResponse({ type: ShipPageDto, headers: ETAG_HEADER })
  @ApiNotModifiedResponse(NOT_MODIFIED)
  async listStarcorpShips(
    @Query() q: ListShipsQueryDto,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Page<ShipDto> | undefined> {
    return catalogEtagOrNotModified(reply, ifNoneMatch, await this.catalog.version(), () => this.catalog.listShips(q));
  }

  /** One catalog ship with its components. */
  @Get('ships/:id')
  @StarcorpRead()
  @ApiHeader(IF_NONE_MATCH)
  @ApiOkResponse({ type: ShipDetailDto, headers: ETAG_HEADER })
  @ApiNotModifiedResponse(NOT_MODIFIED)
  async getStarcorpShip(
    @UuidParam('id') id: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ShipDetailDto | undefined> {
    return catalogEtagOrNotModified(reply, ifNoneMatch, await this.catalog.version(), () => this.catalog.getShip(id));
  }

  /** Lists the ship manufacturers by code. */
  @Get('manufacturers')
  @StarcorpRead()
  @ApiHeader(IF_NONE_MATCH)
  @ApiOkResponse({ type: ManufacturerPageDto, headers: ETAG_HEADER })
  @ApiNotModifiedResponse(NOT_MODIFIED)
  async listStarcorpManufacturers(
    @Query() q: CursorPageQueryDto,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Page<ManufacturerDto> | undefined> {
    return catalogEtagOrNotModified(reply, ifNoneMatch, await this.catalog.version(), () =>
      this.catalog.listManufacturers(q),
    );
  }
}
