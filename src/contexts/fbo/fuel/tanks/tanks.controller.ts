import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '../../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../../platform/http/idempotency';
import { Page, PageOf } from '../../../../platform/http/pagination';
import { UuidParam } from '../../../../platform/http/params';
import { CurrentOrg } from '../../../../platform/http/request';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { OrgContext } from '../../../../platform/tenancy/org-context.decorator';
import { FboGauge, FboMember, FboOfficer, FboRead } from '../../fbo-access';
import { CreateFuelTankDto, FuelTankDto, ListFuelTanksQueryDto, UpdateFuelTankDto } from './dto/tank.dto';
import {
  CreateTankReadingDto,
  ListTankReadingsQueryDto,
  TankReadingBatchDto,
  TankReadingBatchResultDto,
  TankReadingDto,
} from './dto/tank-reading.dto';
import { TankReadingsService } from './tank-readings.service';
import { FuelTanksService } from './tanks.service';

const FuelTankPageDto = PageOf(FuelTankDto);
const TankReadingPageDto = PageOf(TankReadingDto);

@ApiTags('fbo-fuel-tanks')
@OrgContext('fbo')
@Controller('orgs/:org/fbo')
export class FuelTanksController {
  constructor(
    private readonly tanks: FuelTanksService,
    private readonly readings: TankReadingsService,
  ) {}

  /** Lists the fuel farm's tanks by tank number, each with its latest reading, usable gallons and status. */
  @Get('tanks')
  @FboRead()
  @ApiOkResponse({ type: FuelTankPageDto })
  listFboTanks(@CurrentOrg() access: OrgAccess, @Query() q: ListFuelTanksQueryDto): Promise<Page<FuelTankDto>> {
    return this.tanks.list(access.org.id, q);
  }

  /** Gets one tank with its latest reading and status. */
  @Get('tanks/:id')
  @FboRead()
  @ApiOkResponse({ type: FuelTankDto })
  getFboTank(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<FuelTankDto> {
    return this.tanks.detail(access.org.id, id);
  }

  /** Registers a tank with its calibration (strapping) table. */
  @Post('tanks')
  @FboOfficer()
  @ApiCreatedResponse({ type: FuelTankDto })
  @ApiProblem(409, ['tank-id-taken'])
  createFboTank(@CurrentOrg() access: OrgAccess, @Body() dto: CreateFuelTankDto): Promise<FuelTankDto> {
    return this.tanks.create(access.org.id, dto);
  }

  /** Changes a tank's configuration; stored readings keep their gallons. */
  @Patch('tanks/:id')
  @FboOfficer()
  @ApiOkResponse({ type: FuelTankDto })
  @ApiProblem(409, ['tank-id-taken'])
  updateFboTank(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdateFuelTankDto,
  ): Promise<FuelTankDto> {
    return this.tanks.update(access.org.id, id, dto);
  }

  /** Deletes a tank that has no readings, inspections or movements. */
  @Delete('tanks/:id')
  @FboOfficer()
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiProblem(409, ['tank-has-records'])
  deleteFboTank(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.tanks.remove(access.org.id, id);
  }

  /** Lists a tank's readings of the last `days` days, newest first. */
  @Get('tanks/:id/readings')
  @FboRead()
  @ApiOkResponse({ type: TankReadingPageDto })
  listFboTankReadings(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Query() q: ListTankReadingsQueryDto,
  ): Promise<Page<TankReadingDto>> {
    return this.readings.list(access.org.id, id, q);
  }

  /** Records a reading taken by hand; gallons come from the calibration table. */
  @Post('tanks/:id/readings')
  @FboMember()
  @ApiCreatedResponse({ type: TankReadingDto })
  @ApiProblem(409, ['reading-exists'])
  recordFboTankReading(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: CreateTankReadingDto,
  ): Promise<TankReadingDto> {
    return this.readings.record({ orgId: access.org.id, source: 'manual', recordedById: access.userId }, id, dto);
  }

  /** A tank gauge's readings of several tanks; a re-sent reading (same tank and time) is not stored twice. */
  @Post('tank-readings/batch')
  @FboGauge()
  @Idempotent()
  @ApiCreatedResponse({ type: TankReadingBatchResultDto })
  recordFboTankReadingBatch(
    @CurrentOrg() access: OrgAccess,
    @Body() dto: TankReadingBatchDto,
  ): Promise<TankReadingBatchResultDto> {
    return this.readings.recordBatch({ orgId: access.org.id, source: 'gauge', recordedById: access.userId }, dto);
  }
}
