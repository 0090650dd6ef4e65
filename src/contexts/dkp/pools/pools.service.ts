import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, MoreThan, Repository } from 'typeorm';
import { findInOrg } from '../../../platform/database/org-scoped';
import { saveNamingField } from '../../../platform/database/unique-conflict';
import { keysetPage, Page } from '../../../platform/http/pagination';
import { CursorPageQueryDto } from '../../../platform/http/page-query.dto';
import { points } from '../common/points';
import { KeyColumn, keysetBy } from '../../../platform/http/keyset';
import { CreatePoolDto, PoolDto, UpdatePoolDto } from './dto/pool.dto';
import { Pool } from './pool.entity';

export function toPoolDto(p: Pool): PoolDto {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    lateAwardFraction: Number(p.lateAwardFraction).toFixed(2),
    leftEarlyAwardFraction: Number(p.leftEarlyAwardFraction).toFixed(2),
    decayPercent: Number(p.decayPercent).toFixed(2),
    decayPeriodDays: p.decayPeriodDays,
    auctionMode: p.auctionMode,
    auctionPricing: p.auctionPricing,
    secondPriceIncrement: points(p.secondPriceIncrement),
    minIncrement: points(p.minIncrement),
    allowEqualBids: p.allowEqualBids,
    tieBreakOrder: p.tieBreakOrder,
    antiSnipeSeconds: p.antiSnipeSeconds,
    defaultAuctionSeconds: p.defaultAuctionSeconds,
    attendanceWindowStart: p.attendanceWindowStart,
  };
}

const POOL_KEY: KeyColumn[] = [
  ['p.name', 'text'],
  ['p.id', 'uuid'],
];

@Injectable()
export class PoolsService {
  constructor(@InjectRepository(Pool) private readonly pools: Repository<Pool>) {}

  /** By name, keyset-paged on (name, id) like every other list. */
  async list(orgId: string, q: CursorPageQueryDto): Promise<Page<PoolDto>> {
    const qb = this.pools.createQueryBuilder('p').where('p.org_id = :orgId', { orgId });
    const rows = await keysetBy(qb, POOL_KEY, q).getMany();
    return keysetPage(rows, q.limit, (p) => [p.name, p.id], toPoolDto);
  }

  /** The pool entity (404 when it is not the org's), in the caller's transaction if given. */
  get(orgId: string, id: string, tx?: EntityManager): Promise<Pool> {
    return findInOrg(tx ?? this.pools.manager, Pool, orgId, id, 'Pool');
  }

  async detail(orgId: string, id: string): Promise<PoolDto> {
    return toPoolDto(await this.get(orgId, id));
  }

  /** Every pool, across orgs, whose points decay (for the decay job). */
  withDecay(): Promise<Pool[]> {
    return this.pools.find({ where: { decayPercent: MoreThan('0') } });
  }

  async create(orgId: string, dto: CreatePoolDto): Promise<PoolDto> {
    return toPoolDto(await this.saveUnique(this.pools.create({ ...dto, orgId })));
  }

  async update(orgId: string, id: string, dto: UpdatePoolDto): Promise<PoolDto> {
    const pool = await this.get(orgId, id);
    return toPoolDto(await this.saveUnique(Object.assign(pool, dto)));
  }

  private saveUnique(pool: Pool): Promise<Pool> {
    return saveNamingField(this.pools.manager, Pool, pool, {
      detail: `A pool named ${pool.name} exists`,
      slug: 'pool-name-taken',
      field: 'name',
    });
  }
}
