import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiProblem } from '../../../platform/http/api-problem.decorator';
import { CursorPageQueryDto } from '../../../platform/http/page-query.dto';
import { Page, PageOf } from '../../../platform/http/pagination';
import { UuidParam } from '../../../platform/http/params';
import { CurrentOrg } from '../../../platform/http/request';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { OrgContext } from '../../../platform/tenancy/org-context.decorator';
import { DkpRead, DkpWrite } from '../dkp-access';
import { CreateRankDto, RankDto, UpdateRankDto } from './dto/rank.dto';
import { RanksService } from './ranks.service';

const RankPageDto = PageOf(RankDto);

/** The guild's ranks, in order; each may be mirrored by a Discord role. */
@OrgContext('dkp')
@Controller('orgs/:org/dkp')
export class RanksController {
  constructor(private readonly ranks: RanksService) {}

  /** Highest first (`sortOrder` 0), keyset-paged (`limit`, `cursor`). */
  @Get('ranks')
  @DkpRead()
  @ApiOkResponse({ type: RankPageDto })
  listRanks(@CurrentOrg() access: OrgAccess, @Query() q: CursorPageQueryDto): Promise<Page<RankDto>> {
    return this.ranks.list(access.org.id, q);
  }

  @Post('ranks')
  @ApiOperation({ summary: 'Create a guild rank' })
  @DkpWrite()
  @ApiProblem(409, ['rank-name-taken'], 'Name taken')
  createRank(@CurrentOrg() access: OrgAccess, @Body() dto: CreateRankDto): Promise<RankDto> {
    return this.ranks.create(access.org.id, dto);
  }

  @Patch('ranks/:id')
  @ApiOperation({ summary: 'Change a guild rank' })
  @DkpWrite()
  updateRank(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdateRankDto,
  ): Promise<RankDto> {
    return this.ranks.update(access.org.id, id, dto);
  }

  @Delete('ranks/:id')
  @ApiOperation({ summary: 'Delete a guild rank' })
  @HttpCode(204)
  @DkpWrite()
  deleteRank(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.ranks.remove(access.org.id, id);
  }
}
