import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { deleteUnlessReferenced, findInOrg, saveUnique } from '../../../platform/database/org-scoped';
import { Page } from '../../../platform/http/pagination';
import { points } from '../common/points';
import { Pool } from '../pools/pool.entity';
import { DkpEvent } from './dkp-event.entity';
import { CreateEventDto, EventDto, ListEventsQueryDto, UpdateEventDto } from './dto/event.dto';

function toEventDto(e: DkpEvent): EventDto {
  return { id: e.id, name: e.name, description: e.description, defaultPoints: points(e.defaultPoints), active: e.active, poolId: e.poolId };
}

@Injectable()
export class EventsService {
  constructor(@InjectRepository(DkpEvent) private readonly events: Repository<DkpEvent>) {}

  async list(orgId: string, q: ListEventsQueryDto): Promise<Page<EventDto>> {
    const [rows, total] = await this.events.findAndCount({
      where: { orgId, ...(q.active === undefined ? {} : { active: q.active }) },
      order: { name: 'ASC' },
      skip: q.offset,
      take: q.limit,
    });
    return { items: rows.map(toEventDto), total };
  }

  async get(orgId: string, id: string): Promise<EventDto> {
    return toEventDto(await findInOrg(this.events.manager, DkpEvent, orgId, id, 'Event'));
  }

  async create(orgId: string, dto: CreateEventDto): Promise<EventDto> {
    await findInOrg(this.events.manager, Pool, orgId, dto.poolId, 'Pool');
    return toEventDto(await this.saveUnique(this.events.create({ ...dto, orgId })));
  }

  async update(orgId: string, id: string, dto: UpdateEventDto): Promise<EventDto> {
    const event = await findInOrg(this.events.manager, DkpEvent, orgId, id, 'Event');
    if (dto.poolId) await findInOrg(this.events.manager, Pool, orgId, dto.poolId, 'Pool');
    return toEventDto(await this.saveUnique(Object.assign(event, dto)));
  }

  /** Events that raids refer to cannot go; deactivate them instead. */
  async remove(orgId: string, id: string): Promise<void> {
    const event = await findInOrg(this.events.manager, DkpEvent, orgId, id, 'Event');
    await deleteUnlessReferenced(this.events.manager, DkpEvent, { id: event.id }, { detail: 'Raids refer to this event; set active=false instead', slug: 'event-in-use' });
  }

  private saveUnique(event: DkpEvent): Promise<DkpEvent> {
    return saveUnique(this.events.manager, DkpEvent, event, { detail: `A event named ${event.name} exists`, slug: 'event-name-taken' });
  }
}
