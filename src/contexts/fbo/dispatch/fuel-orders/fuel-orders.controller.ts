import { Body, Controller, Get, Headers, HttpCode, MessageEvent, Patch, Post, Query, Res, Sse } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Observable } from 'rxjs';
import type { Principal } from '../../../../platform/auth/principal';
import { ApiResumableStream, LastEventId } from '../../../../platform/events/last-event-id';
import { LiveEvents } from '../../../../platform/events/live-events';
import { ApiProblem } from '../../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../../platform/http/idempotency';
import { Page, PageOf } from '../../../../platform/http/pagination';
import { UuidParam } from '../../../../platform/http/params';
import { CurrentOrg, CurrentPrincipal } from '../../../../platform/http/request';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { OrgContext } from '../../../../platform/tenancy/org-context.decorator';
import { FboDispatch, FboMember, FboRead } from '../../fbo-access';
import {
  AssignFuelerDto,
  CompleteFuelOrderDto,
  CreateFuelOrderDto,
  FuelOrderDto,
  ListFuelOrdersQueryDto,
  ListMyFuelOrdersQueryDto,
  StartFuelingDto,
  UpdateFuelOrderDto,
} from './dto/fuel-order.dto';
import { dispatchTopic, FuelOrdersService } from './fuel-orders.service';
import { withEtag } from '../../../../platform/http/conditional-requests';

const FuelOrderPageDto = PageOf(FuelOrderDto);
const ETAG = { ETag: { description: 'The quoted revision, for If-Match', schema: { type: 'string' } } };
const IfMatch = (required: boolean) =>
  ApiHeader({
    name: 'If-Match',
    required,
    description: required
      ? 'The ETag of the order as last read (stale: 412; missing: 428)'
      : 'The ETag of the order as last read; when sent, a stale one is a 412',
  });

@OrgContext('fbo')
@Controller('orgs/:org/fbo/fuel-orders')
export class FuelOrdersController {
  constructor(
    private readonly orders: FuelOrdersService,
    private readonly live: LiveEvents,
  ) {}

  /** Fuel orders, newest first (filter status, unassigned, fueler, flight, from/to; search ticket and tail). */
  @Get()
  @FboRead()
  @ApiOkResponse({ type: FuelOrderPageDto })
  listFboFuelOrders(@CurrentOrg() access: OrgAccess, @Query() q: ListFuelOrdersQueryDto): Promise<Page<FuelOrderDto>> {
    return this.orders.list(access.org.id, q);
  }

  /** The caller's fuel orders (the ones they are assigned to as a fueler), newest first. */
  @Get('mine')
  @FboRead()
  @ApiOkResponse({ type: FuelOrderPageDto })
  listMyFboFuelOrders(
    @CurrentOrg() access: OrgAccess,
    @Query() q: ListMyFuelOrdersQueryDto,
  ): Promise<Page<FuelOrderDto>> {
    return this.orders.listMine(access, q);
  }

  /**
   * Server-sent events of the org's fuel orders: `fbo.fuel_order.created|changed|dispatched|completed|
   * reviewed|cancelled`, each with the order (and a heartbeat every 15 s). Resume with Last-Event-ID;
   * a `reset` event means refetch.
   */
  @Sse('dispatch/events')
  @FboRead()
  @ApiResumableStream()
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'An event stream (text/event-stream)' })
  @ApiProblem(429, ['too-many-streams'], 'Too many open event streams for this credential or org')
  streamFboDispatchEvents(
    @CurrentOrg() access: OrgAccess,
    @CurrentPrincipal() principal: Principal,
    @LastEventId() lastEventId: string | undefined,
  ): Observable<MessageEvent> {
    return this.live.stream(dispatchTopic(access.org.id), { principal, orgId: access.org.id }, lastEventId);
  }

  /** Books a fuel order (requested); the ticket number is the org's next unless given. */
  @Post()
  @FboDispatch()
  @Idempotent()
  @ApiCreatedResponse({ type: FuelOrderDto, headers: ETAG })
  @ApiProblem(409, ['ticket-number-taken'])
  async createFboFuelOrder(
    @CurrentOrg() access: OrgAccess,
    @Body() dto: CreateFuelOrderDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FuelOrderDto> {
    return withEtag(reply, await this.orders.create(access, dto));
  }

  /** One fuel order, with its ETag. */
  @Get(':id')
  @FboRead()
  @ApiOkResponse({ type: FuelOrderDto, headers: ETAG })
  async getFboFuelOrder(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FuelOrderDto> {
    return withEtag(reply, await this.orders.get(access.org.id, id));
  }

  /** Changes an order before fuel flows; after acknowledgement the fueler must acknowledge again. */
  @Patch(':id')
  @FboDispatch()
  @IfMatch(true)
  @ApiOkResponse({ type: FuelOrderDto, headers: ETAG })
  @ApiProblem(409, ['fuel-order-closed', 'fueler-not-certified'])
  @ApiProblem(412, ['precondition-failed'])
  @ApiProblem(428, ['precondition-required'])
  async updateFboFuelOrder(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdateFuelOrderDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FuelOrderDto> {
    return withEtag(reply, await this.orders.update(access, id, dto, ifMatch));
  }

  /** Assigns a fueler; a requested order becomes dispatched. */
  @Post(':id/assign')
  @HttpCode(200)
  @FboDispatch()
  @ApiOkResponse({ type: FuelOrderDto, headers: ETAG })
  @ApiProblem(409, ['fueler-not-certified', 'fuel-order-closed', 'fueler-busy'])
  async assignFboFuelOrder(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: AssignFuelerDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FuelOrderDto> {
    return withEtag(reply, await this.orders.assign(access, id, dto));
  }

  /** Takes a fueler off an order; without fuelers a dispatched order is requested again. */
  @Post(':id/unassign')
  @HttpCode(200)
  @FboDispatch()
  @ApiOkResponse({ type: FuelOrderDto, headers: ETAG })
  @ApiProblem(409, ['fuel-order-closed', 'invalid-transition'])
  async unassignFboFuelOrder(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: AssignFuelerDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FuelOrderDto> {
    return withEtag(reply, await this.orders.unassign(access, id, dto));
  }

  /** The assigned fueler acknowledges the order, or a change made after their last acknowledgement. */
  @Post(':id/acknowledge')
  @HttpCode(200)
  @FboMember()
  @IfMatch(false)
  @ApiOkResponse({ type: FuelOrderDto, headers: ETAG })
  @ApiProblem(409, ['invalid-transition'])
  @ApiProblem(412, ['precondition-failed'])
  async acknowledgeFboFuelOrder(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FuelOrderDto> {
    return withEtag(reply, await this.orders.acknowledge(access, id, ifMatch));
  }

  /** The assigned fueler drives out with the truck, which is in use until the order completes or is cancelled. */
  @Post(':id/en-route')
  @HttpCode(200)
  @FboMember()
  @IfMatch(false)
  @ApiOkResponse({ type: FuelOrderDto, headers: ETAG })
  @ApiProblem(409, ['invalid-transition', 'truck-busy', 'fueler-busy', 'equipment-in-use', 'equipment-unavailable'])
  @ApiProblem(412, ['precondition-failed'])
  async departFboFuelOrder(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FuelOrderDto> {
    return withEtag(reply, await this.orders.enRoute(access, id, ifMatch));
  }

  /** The assigned fueler starts pumping (the current instructions must be acknowledged). */
  @Post(':id/fueling')
  @HttpCode(200)
  @FboMember()
  @IfMatch(false)
  @ApiOkResponse({ type: FuelOrderDto, headers: ETAG })
  @ApiProblem(409, ['invalid-transition', 'unacknowledged-change'])
  @ApiProblem(412, ['precondition-failed'])
  async startFboFuelOrder(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: StartFuelingDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FuelOrderDto> {
    return withEtag(reply, await this.orders.startFueling(access, id, dto, ifMatch));
  }

  /** The assigned fueler completes the order with both meters; the gallons leave the truck. */
  @Post(':id/complete')
  @HttpCode(200)
  @FboMember()
  @IfMatch(false)
  @ApiOkResponse({ type: FuelOrderDto, headers: ETAG })
  @ApiProblem(409, ['invalid-transition', 'insufficient-fuel', 'fuel-type-mismatch'])
  @ApiProblem(412, ['precondition-failed'])
  async completeFboFuelOrder(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: CompleteFuelOrderDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FuelOrderDto> {
    return withEtag(reply, await this.orders.complete(access, id, dto, ifMatch));
  }

  /** A dispatcher reviews a completed order. */
  @Post(':id/review')
  @HttpCode(200)
  @FboDispatch()
  @ApiOkResponse({ type: FuelOrderDto, headers: ETAG })
  @ApiProblem(409, ['invalid-transition'])
  async reviewFboFuelOrder(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FuelOrderDto> {
    return withEtag(reply, await this.orders.review(access, id));
  }

  /** A dispatcher cancels an order before fuel flows. */
  @Post(':id/cancel')
  @HttpCode(200)
  @FboDispatch()
  @ApiOkResponse({ type: FuelOrderDto, headers: ETAG })
  @ApiProblem(409, ['invalid-transition'])
  async cancelFboFuelOrder(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FuelOrderDto> {
    return withEtag(reply, await this.orders.cancel(access, id));
  }
}
