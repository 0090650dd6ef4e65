import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse } from '@nestjs/swagger';
import { ApiProblem } from '../../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../../platform/http/idempotency';
import { Page, PageOf } from '../../../../platform/http/pagination';
import { UuidParam } from '../../../../platform/http/params';
import { CurrentOrg } from '../../../../platform/http/request';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { OrgContext } from '../../../../platform/tenancy/org-context.decorator';
import { FboOfficer, FboRead } from '../../fbo-access';
import {
  CreateParkingLocationDto,
  ListParkingLocationsQueryDto,
  ParkingLocationDto,
  UpdateParkingLocationDto,
} from './dto/parking-location.dto';
import { ParkingLocationsService } from './parking-locations.service';

const ParkingLocationPageDto = PageOf(ParkingLocationDto);

@OrgContext('fbo')
@Controller('orgs/:org/fbo/parking-locations')
export class ParkingLocationsController {
  constructor(private readonly locations: ParkingLocationsService) {}

  /** Lists parking locations by airport and display order; filter by airport and active. */
  @Get()
  @FboRead()
  @ApiOkResponse({ type: ParkingLocationPageDto })
  listFboParkingLocations(
    @CurrentOrg() access: OrgAccess,
    @Query() q: ListParkingLocationsQueryDto,
  ): Promise<Page<ParkingLocationDto>> {
    return this.locations.list(access.org.id, q);
  }

  /** Adds a parking location at one of the FBO's airports. */
  @Post()
  @FboOfficer()
  @Idempotent()
  @ApiCreatedResponse({ type: ParkingLocationDto })
  @ApiProblem(409, ['fbo-location-code-taken'])
  createFboParkingLocation(
    @CurrentOrg() access: OrgAccess,
    @Body() dto: CreateParkingLocationDto,
  ): Promise<ParkingLocationDto> {
    return this.locations.create(access.org.id, dto);
  }

  /** One parking location. */
  @Get(':id')
  @FboRead()
  @ApiOkResponse({ type: ParkingLocationDto })
  getFboParkingLocation(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<ParkingLocationDto> {
    return this.locations.get(access.org.id, id);
  }

  /** Changes a parking location (set `active: true` to bring a retired one back). */
  @Patch(':id')
  @FboOfficer()
  @ApiOkResponse({ type: ParkingLocationDto })
  @ApiProblem(409, ['fbo-location-code-taken'])
  updateFboParkingLocation(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdateParkingLocationDto,
  ): Promise<ParkingLocationDto> {
    return this.locations.update(access.org.id, id, dto);
  }

  /** Retires a parking location (sets `active: false`); flights that used it keep it. */
  @Delete(':id')
  @HttpCode(204)
  @FboOfficer()
  @ApiNoContentResponse()
  deactivateFboParkingLocation(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.locations.deactivate(access.org.id, id);
  }
}
