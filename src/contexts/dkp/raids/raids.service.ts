import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { keysetPage, Page, timeAndId } from '../../../platform/http/pagination';
import { Problem } from '../../../platform/http/problem';
import { MembersService } from '../../../platform/tenancy/members/members.service';
import { points } from '../common/points';
import { EventsService } from '../events/events.service';
import { PoolsService } from '../pools/pools.service';
import { CreateRaidDto, ListRaidsQueryDto, RaidDto, UpdateRaidDto } from './dto/raid.dto';
import { Raid } from './raid.entity';
import { RaidRow, RaidsRepository } from './raids.repository';

function toRaidDto(r: RaidRow): RaidDto {
  return { ...r, value: r.value === null ? null : points(r.value), attendeeCount: Number(r.attendeeCount) };
}

@Injectable()
export class RaidsService {
  constructor(
    private readonly raids: RaidsRepository,
    private readonly events: EventsService,
    private readonly pools: PoolsService,
    private readonly members: MembersService,
  ) {}

  /** Newest first, keyset-paged on (startsAt, id) so deep pages cost the same as the first. */
  async list(orgId: string, q: ListRaidsQueryDto): Promise<Page<RaidDto>> {
    const rows = await this.raids.page(orgId, { poolId: q.poolId, eventId: q.eventId, from: q.from, to: q.to }, q);
    return keysetPage(rows, q.limit, (r) => timeAndId(r.startsAt, r.id), toRaidDto);
  }

  async get(orgId: string, id: string): Promise<RaidDto> {
    const row = await this.raids.row(orgId, id);
    if (!row) throw Problem.notFound('Raid');
    return toRaidDto(row);
  }

  /** The raid entity (404 when it is not the org's), in the caller's transaction if given. */
  load(orgId: string, id: string, tx?: EntityManager): Promise<Raid> {
    return this.raids.load(orgId, id, { tx });
  }

  async create(orgId: string, dto: CreateRaidDto): Promise<RaidDto> {
    const event = await this.events.load(orgId, dto.eventId);
    const poolId = dto.poolId ?? event.poolId;
    await this.pools.get(orgId, poolId);
    if (dto.leaderUserId) await this.members.get(orgId, dto.leaderUserId);
    // In a transaction so that an Idempotency-Key's claim commits with the raid.
    const raid = await this.raids.transaction((tx) =>
      this.raids.save(
        {
          orgId,
          eventId: event.id,
          poolId,
          startsAt: dto.startsAt,
          leaderUserId: dto.leaderUserId ?? null,
          notes: dto.notes ?? '',
          // Only an omitted value falls back to the event: null means "let the import decide".
          value: dto.value === undefined ? event.defaultPoints : dto.value,
        },
        tx,
      ),
    );
    return this.get(orgId, raid.id);
  }

  async update(orgId: string, id: string, dto: UpdateRaidDto): Promise<RaidDto> {
    const raid = await this.raids.load(orgId, id);
    if (dto.leaderUserId) await this.members.get(orgId, dto.leaderUserId);
    await this.raids.save(Object.assign(raid, dto));
    return this.get(orgId, id);
  }

  /** Only an empty raid can be deleted: points already awarded are undone attendee by attendee. */
  async remove(orgId: string, id: string): Promise<void> {
    const raid = await this.raids.load(orgId, id);
    if (await this.raids.isInUse(raid.id)) {
      throw Problem.conflict('The raid has attendance or loot; remove those first', 'raid-not-empty');
    }
    await this.raids.delete(raid.id);
  }
}
