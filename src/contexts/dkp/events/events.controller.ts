import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiProblem } from '../../../platform/http/api-problem.decorator';
import { Page, PageOf } from '../../../platform/http/pagination';
import { UuidParam } from '../../../platform/http/params';
import { CurrentOrg } from '../../../platform/http/request';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { OrgContext } from '../../../platform/tenancy/org-context.decorator';
import { DkpRead, DkpWrite } from '../dkp-access';
import { CreateEventDto, EventDto, ListEventsQueryDto, UpdateEventDto } from './dto/event.dto';
import { EventsService } from './events.service';

const EventPageDto = PageOf(EventDto);

/** DKP events: the kinds of raid (with their default points and pool) that raids are held for. */
@OrgContext('dkp')
@Controller('orgs/:org/dkp')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get('events')
  @ApiOperation({ summary: 'List event types' })
  @DkpRead()
  @ApiOkResponse({ type: EventPageDto })
  listEvents(@CurrentOrg() access: OrgAccess, @Query() q: ListEventsQueryDto): Promise<Page<EventDto>> {
    return this.events.list(access.org.id, q);
  }

  @Post('events')
  @ApiOperation({ summary: 'Create an event type with its default points and pool' })
  @DkpWrite()
  @ApiProblem(409, ['event-name-taken'], 'Name taken')
  createEvent(@CurrentOrg() access: OrgAccess, @Body() dto: CreateEventDto): Promise<EventDto> {
    return this.events.create(access.org.id, dto);
  }

  @Get('events/:id')
  @ApiOperation({ summary: 'Get an event type' })
  @DkpRead()
  getEvent(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<EventDto> {
    return this.events.get(access.org.id, id);
  }

  @Patch('events/:id')
  @ApiOperation({ summary: 'Change an event type' })
  @DkpWrite()
  updateEvent(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdateEventDto,
  ): Promise<EventDto> {
    return this.events.update(access.org.id, id, dto);
  }

  @Delete('events/:id')
  @ApiOperation({ summary: 'Delete an event type no raid refers to' })
  @HttpCode(204)
  @DkpWrite()
  @ApiProblem(409, ['event-in-use'], 'Raids refer to the event')
  deleteEvent(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.events.remove(access.org.id, id);
  }
}
