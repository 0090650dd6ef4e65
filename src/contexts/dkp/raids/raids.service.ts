import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { findInOrg } from '../../../platform/database/org-scoped';
import { keysetPage, newestFirst, Page, timeAndId } from '../../../platform/http/pagination';
import { Problem } from '../../../platform/http/problem';
import { MembersService } from '../../../platform/tenancy/members/members.service';
import { points } from '../common/points';
import { DkpEvent } from '../events/dkp-event.entity';
import { Pool } from '../pools/pool.entity';
import { CreateRaidDto, ListRaidsQueryDto, RaidDto, UpdateRaidDto } from './dto/raid.dto';
import { Raid } from './raid.entity';

/** A raid as the SQL returns it: the count comes back as text. */
type RaidRow = Omit<RaidDto, 'attendeeCount'> & { attendeeCount: string };

function toRaidDto(r: RaidRow): RaidDto {
  return { ...r, value: points(r.value), attendeeCount: Number(r.attendeeCount) };
}

@Injectable()
export class RaidsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly members: MembersService,
  ) {}

  /** Newest first, keyset-paged on (startsAt, id) so deep pages cost the same as the first. */
  async list(orgId: string, q: ListRaidsQueryDto): Promise<Page<RaidDto>> {
    const qb = this.rows(orgId);
    if (q.poolId) qb.andWhere('r.pool_id = :poolId', { poolId: q.poolId });
    if (q.eventId) qb.andWhere('r.event_id = :eventId', { eventId: q.eventId });
    if (q.from) qb.andWhere('r.starts_at >= :from', { from: q.from });
    if (q.to) qb.andWhere('r.starts_at < :to', { to: q.to });
    const rows = await newestFirst(qb, 'r.starts_at', 'r.id', q).getRawMany<RaidRow>();
    return keysetPage(rows, q.limit, (r) => timeAndId(r.startsAt, r.id), toRaidDto);
  }

  async get(orgId: string, id: string): Promise<RaidDto> {
    const row = await this.rows(orgId).andWhere('r.id = :id', { id }).getRawOne<RaidRow>();
    if (!row) throw Problem.notFound('Raid');
    return toRaidDto(row);
  }

  async create(orgId: string, dto: CreateRaidDto): Promise<RaidDto> {
    const event = await findInOrg(this.db.manager, DkpEvent, orgId, dto.eventId, 'Event');
    const poolId = dto.poolId ?? event.poolId;
    await findInOrg(this.db.manager, Pool, orgId, poolId, 'Pool');
    if (dto.leaderUserId) await this.members.get(orgId, dto.leaderUserId);
    const raid = await this.db.getRepository(Raid).save({
      orgId,
      eventId: event.id,
      poolId,
      startsAt: dto.startsAt,
      leaderUserId: dto.leaderUserId ?? null,
      notes: dto.notes ?? '',
      value: dto.value ?? event.defaultPoints,
    });
    return this.get(orgId, raid.id);
  }

  async update(orgId: string, id: string, dto: UpdateRaidDto): Promise<RaidDto> {
    const raid = await findInOrg(this.db.manager, Raid, orgId, id, 'Raid');
    if (dto.leaderUserId) await this.members.get(orgId, dto.leaderUserId);
    await this.db.getRepository(Raid).save(Object.assign(raid, dto));
    return this.get(orgId, id);
  }

  /** Only an empty raid can be deleted: points already awarded are undone attendee by attendee. */
  async remove(orgId: string, id: string): Promise<void> {
    const raid = await findInOrg(this.db.manager, Raid, orgId, id, 'Raid');
    const [{ used }] = await this.db.query(
      'SELECT EXISTS (SELECT 1 FROM dkp_attendance WHERE raid_id = $1) OR EXISTS (SELECT 1 FROM dkp_loot WHERE raid_id = $1 AND reversed_at IS NULL) AS used',
      [raid.id],
    );
    if (used) throw Problem.conflict('The raid has attendance or loot; remove those first', 'raid-not-empty');
    await this.db.getRepository(Raid).delete({ id: raid.id });
  }

  private rows(orgId: string): SelectQueryBuilder<Raid> {
    return this.db
      .getRepository(Raid)
      .createQueryBuilder('r')
      .innerJoin(DkpEvent, 'e', 'e.id = r.event_id')
      .select([
        'r.id AS id',
        'r.event_id AS "eventId"',
        'e.name AS "eventName"',
        'r.pool_id AS "poolId"',
        'r.starts_at AS "startsAt"',
        'r.leader_user_id AS "leaderUserId"',
        'r.notes AS notes',
        'r.value AS value',
        'r.created_at AS "createdAt"',
        '(SELECT count(*) FROM dkp_attendance a WHERE a.raid_id = r.id) AS "attendeeCount"',
      ])
      .where('r.org_id = :orgId', { orgId });
  }
}
