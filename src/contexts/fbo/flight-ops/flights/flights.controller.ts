import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { ApiProblem } from '../../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../../platform/http/idempotency';
import { Page, PageOf } from '../../../../platform/http/pagination';
import { UuidParam } from '../../../../platform/http/params';
import { CurrentOrg } from '../../../../platform/http/request';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { OrgContext } from '../../../../platform/tenancy/org-context.decorator';
import { FboDispatch, FboRead } from '../../fbo-access';
import {
  CreateFlightDto,
  FlightDto,
  ListFlightsQueryDto,
  TransitionFlightDto,
  UpdateFlightDto,
} from './dto/flight.dto';
import { FlightsService } from './flights.service';

const FlightPageDto = PageOf(FlightDto);

@OrgContext('fbo')
@Controller('orgs/:org/fbo/flights')
export class FlightsController {
  constructor(private readonly flights: FlightsService) {}

  /**
   * The flight board in time order: `today` (or `date`) is the local day in the settings' time
   * zone; filters by window, status, aircraft, location and tag; `search` matches call sign or destination.
   */
  @Get()
  @FboRead()
  @ApiOkResponse({ type: FlightPageDto })
  listFboFlights(@CurrentOrg() access: OrgAccess, @Query() q: ListFlightsQueryDto): Promise<Page<FlightDto>> {
    return this.flights.list(access.org.id, q);
  }

  /** Books a flight (planned). */
  @Post()
  @FboDispatch()
  @Idempotent()
  @ApiCreatedResponse({ type: FlightDto })
  createFboFlight(@CurrentOrg() access: OrgAccess, @Body() dto: CreateFlightDto): Promise<FlightDto> {
    return this.flights.create(access.org.id, dto);
  }

  /** One flight with its ground time. */
  @Get(':id')
  @FboRead()
  @ApiOkResponse({ type: FlightDto })
  getFboFlight(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<FlightDto> {
    return this.flights.get(access.org.id, id);
  }

  /** Changes a flight's booking (not its state); departed and cancelled flights are closed. */
  @Patch(':id')
  @FboDispatch()
  @ApiOkResponse({ type: FlightDto })
  @ApiProblem(409, ['fbo-flight-closed'])
  updateFboFlight(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdateFlightDto,
  ): Promise<FlightDto> {
    return this.flights.update(access.org.id, id, dto);
  }

  /**
   * Moves a flight: planned→scheduled, scheduled↔delayed, scheduled|delayed→arrived→departed
   * (scheduled→departed for departing-only flights), planned|scheduled|delayed→cancelled.
   */
  @Post(':id/transitions')
  @HttpCode(200)
  @FboDispatch()
  @ApiOkResponse({ type: FlightDto })
  @ApiProblem(409, ['invalid-transition'])
  transitionFboFlight(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: TransitionFlightDto,
  ): Promise<FlightDto> {
    return this.flights.transition(access.org.id, id, dto);
  }
}
