import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../platform/auth/principal';
import { ApiProblem } from '../../../platform/http/api-problem.decorator';
import { Page, PageOf } from '../../../platform/http/pagination';
import { UuidParam } from '../../../platform/http/params';
import { CurrentOrg, CurrentPrincipal } from '../../../platform/http/request';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { OrgContext } from '../../../platform/tenancy/org-context.decorator';
import { DecayResultDto } from '../decay/decay.dto';
import { DecayService } from '../decay/decay.service';
import { DkpAdmin, DkpRead, DkpWrite } from '../dkp-access';
import { CreateEventDto, EventDto, ListEventsQueryDto, UpdateEventDto } from '../events/dto/event.dto';
import { EventsService } from '../events/events.service';
import { CreatePoolDto, PoolDto, UpdatePoolDto } from './dto/pool.dto';
import { PoolsService, toPoolDto } from './pools.service';

const EventPageDto = PageOf(EventDto);

@ApiTags('dkp-pools')
@OrgContext('dkp')
@Controller('orgs/:org/dkp')
export class PoolsController {
  constructor(
    private readonly pools: PoolsService,
    private readonly events: EventsService,
    private readonly decay: DecayService,
  ) {}

  @Get('pools')
  @DkpRead()
  @ApiOkResponse({ type: [PoolDto] })
  listPools(@CurrentOrg() a: OrgAccess): Promise<PoolDto[]> {
    return this.pools.list(a.org.id);
  }

  @Post('pools')
  @DkpAdmin()
  @ApiCreatedResponse({ type: PoolDto })
  @ApiProblem(409, 'Name taken')
  createPool(@CurrentOrg() a: OrgAccess, @Body() dto: CreatePoolDto): Promise<PoolDto> {
    return this.pools.create(a.org.id, dto);
  }

  @Get('pools/:id')
  @DkpRead()
  @ApiOkResponse({ type: PoolDto })
  async getPool(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string): Promise<PoolDto> {
    return toPoolDto(await this.pools.get(a.org.id, id));
  }

  /** Award fractions and decay settings; changes apply to future awards and periods. */
  @Patch('pools/:id')
  @DkpAdmin()
  @ApiOkResponse({ type: PoolDto })
  updatePool(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string, @Body() dto: UpdatePoolDto): Promise<PoolDto> {
    return this.pools.update(a.org.id, id, dto);
  }

  /** Applies the current decay period now if it has not been applied yet (the job does this on its own). */
  @Post('pools/:id/decay')
  @HttpCode(200)
  @DkpAdmin()
  @ApiOkResponse({ type: DecayResultDto })
  runPoolDecay(@CurrentOrg() a: OrgAccess, @CurrentPrincipal() p: Principal, @UuidParam('id') id: string): Promise<DecayResultDto> {
    return this.pools.get(a.org.id, id).then((pool) => this.decay.applyDue(pool, new Date(), p.user.id));
  }

  @Get('events')
  @DkpRead()
  @ApiOkResponse({ type: EventPageDto })
  listEvents(@CurrentOrg() a: OrgAccess, @Query() q: ListEventsQueryDto): Promise<Page<EventDto>> {
    return this.events.list(a.org.id, q);
  }

  @Post('events')
  @DkpWrite()
  @ApiCreatedResponse({ type: EventDto })
  @ApiProblem(409, 'Name taken')
  createEvent(@CurrentOrg() a: OrgAccess, @Body() dto: CreateEventDto): Promise<EventDto> {
    return this.events.create(a.org.id, dto);
  }

  @Get('events/:id')
  @DkpRead()
  @ApiOkResponse({ type: EventDto })
  getEvent(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string): Promise<EventDto> {
    return this.events.get(a.org.id, id);
  }

  @Patch('events/:id')
  @DkpWrite()
  @ApiOkResponse({ type: EventDto })
  updateEvent(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string, @Body() dto: UpdateEventDto): Promise<EventDto> {
    return this.events.update(a.org.id, id, dto);
  }

  @Delete('events/:id')
  @HttpCode(204)
  @DkpWrite()
  @ApiNoContentResponse()
  @ApiProblem(409, 'Raids refer to the event')
  deleteEvent(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.events.remove(a.org.id, id);
  }
}
