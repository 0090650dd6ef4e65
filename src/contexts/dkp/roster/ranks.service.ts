import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { findInOrg, saveUnique } from '../../../platform/database/org-scoped';
import { CreateRankDto, RankDto, UpdateRankDto } from './dto/rank.dto';
import { Rank } from './rank.entity';

export function toRankDto(r: Rank): RankDto {
  return { id: r.id, name: r.name, sortOrder: r.sortOrder, discordRoleId: r.discordRoleId };
}

@Injectable()
export class RanksService {
  constructor(@InjectRepository(Rank) private readonly ranks: Repository<Rank>) {}

  async list(orgId: string): Promise<RankDto[]> {
    return (await this.ranks.find({ where: { orgId }, order: { sortOrder: 'ASC', name: 'ASC' } })).map(toRankDto);
  }

  async create(orgId: string, dto: CreateRankDto): Promise<RankDto> {
    return toRankDto(await this.saveUnique(this.ranks.create({ orgId, name: dto.name, sortOrder: dto.sortOrder ?? 0, discordRoleId: dto.discordRoleId ?? null })));
  }

  async update(orgId: string, id: string, dto: UpdateRankDto): Promise<RankDto> {
    const rank = await findInOrg(this.ranks.manager, Rank, orgId, id, 'Rank');
    Object.assign(rank, dto);
    return toRankDto(await this.saveUnique(rank));
  }

  /** Characters of a deleted rank keep their place on the roster, without a rank. */
  async remove(orgId: string, id: string): Promise<void> {
    const rank = await findInOrg(this.ranks.manager, Rank, orgId, id, 'Rank');
    await this.ranks.delete({ id: rank.id });
  }

  private saveUnique(rank: Rank): Promise<Rank> {
    return saveUnique(this.ranks.manager, Rank, rank, { detail: `A rank named ${rank.name} exists`, slug: 'rank-name-taken' });
  }
}
