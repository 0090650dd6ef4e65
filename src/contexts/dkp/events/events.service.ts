import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { deleteUnlessReferenced, findInOrg } from '../../../platform/database/org-scoped';
import { saveNamingField } from '../../../platform/database/unique-conflict';
import { Page } from '../../../platform/http/pagination';
import { points } from '../common/points';
import { PoolsService } from '../pools/pools.service';
import { DkpEvent } from './dkp-event.entity';
import { CreateEventDto, EventDto, ListEventsQueryDto, UpdateEventDto } from './dto/event.dto';

function toEventDto(e: DkpEvent): EventDto {
  return {
    id: e.id,
    name: e.name,
    description: e.description,
    defaultPoints: points(e.defaultPoints),
    active: e.active,
    poolId: e.poolId,
  };
}

@Injectable()
export class EventsService {
  constructor(
    @InjectRepository(DkpEvent) private readonly events: Repository<DkpEvent>,
    private readonly pools: PoolsService,
  ) {}

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
    return toEventDto(await this.load(orgId, id));
  }

  /** The event entity (404 when it is not the org's). */
  load(orgId: string, id: string): Promise<DkpEvent> {
    return findInOrg(this.events.manager, DkpEvent, orgId, id, 'Event');
  }

  async create(orgId: string, dto: CreateEventDto): Promise<EventDto> {
    await this.pools.get(orgId, dto.poolId);
    return toEventDto(await this.saveUnique(this.events.create({ ...dto, orgId })));
  }

  async update(orgId: string, id: string, dto: UpdateEventDto): Promise<EventDto> {
    const event = await this.load(orgId, id);
    if (dto.poolId) await this.pools.get(orgId, dto.poolId);
    return toEventDto(await this.saveUnique(Object.assign(event, dto)));
  }

  /** Events that raids refer to cannot go; deactivate them instead. */
  async remove(orgId: string, id: string): Promise<void> {
    const event = await this.load(orgId, id);
    await deleteUnlessReferenced(
      this.events.manager,
      DkpEvent,
      { id: event.id },
      {
        detail: 'Raids refer to this event; set active=false instead',
        slug: 'event-in-use',
      },
    );
  }

  private saveUnique(event: DkpEvent): Promise<DkpEvent> {
    return saveNamingField(this.events.manager, DkpEvent, event, {
      detail: `An event named ${event.name} exists`,
      slug: 'event-name-taken',
      field: 'name',
    });
  }
}
