import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse } from '@nestjs/swagger';
import { ApiProblem } from '../../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../../platform/http/idempotency';
import { Page, PageOf } from '../../../../platform/http/pagination';
import { UuidParam } from '../../../../platform/http/params';
import { CurrentOrg } from '../../../../platform/http/request';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { OrgContext } from '../../../../platform/tenancy/org-context.decorator';
import { FboDispatch, FboRead } from '../../fbo-access';
import { AircraftService } from './aircraft.service';
import { AircraftDto, CreateAircraftDto, ListAircraftQueryDto, UpdateAircraftDto } from './dto/aircraft.dto';

const AircraftPageDto = PageOf(AircraftDto);

@OrgContext('fbo')
@Controller('orgs/:org/fbo/aircraft')
export class AircraftController {
  constructor(private readonly aircraft: AircraftService) {}

  /** Lists aircraft by tail number; `search` matches part of it. */
  @Get()
  @FboRead()
  @ApiOkResponse({ type: AircraftPageDto })
  listFboAircraft(@CurrentOrg() access: OrgAccess, @Query() q: ListAircraftQueryDto): Promise<Page<AircraftDto>> {
    return this.aircraft.list(access.org.id, q);
  }

  /** Adds an aircraft (the tail number is upper-cased). */
  @Post()
  @FboDispatch()
  @Idempotent()
  @ApiCreatedResponse({ type: AircraftDto })
  @ApiProblem(409, ['fbo-tail-number-taken'])
  createFboAircraft(@CurrentOrg() access: OrgAccess, @Body() dto: CreateAircraftDto): Promise<AircraftDto> {
    return this.aircraft.create(access.org.id, dto);
  }

  /** One aircraft. */
  @Get(':id')
  @FboRead()
  @ApiOkResponse({ type: AircraftDto })
  getFboAircraft(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<AircraftDto> {
    return this.aircraft.get(access.org.id, id);
  }

  /** Changes an aircraft. */
  @Patch(':id')
  @FboDispatch()
  @ApiOkResponse({ type: AircraftDto })
  @ApiProblem(409, ['fbo-tail-number-taken'])
  updateFboAircraft(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdateAircraftDto,
  ): Promise<AircraftDto> {
    return this.aircraft.update(access.org.id, id, dto);
  }

  /** Deletes an aircraft that no flight names. */
  @Delete(':id')
  @HttpCode(204)
  @FboDispatch()
  @ApiNoContentResponse()
  @ApiProblem(409, ['fbo-aircraft-has-flights'])
  deleteFboAircraft(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.aircraft.remove(access.org.id, id);
  }
}
