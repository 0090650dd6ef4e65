import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '../../../../platform/http/api-problem.decorator';
import { CursorPageQueryDto } from '../../../../platform/http/page-query.dto';
import { Page, PageOf } from '../../../../platform/http/pagination';
import { UuidParam } from '../../../../platform/http/params';
import { CurrentOrg } from '../../../../platform/http/request';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { OrgContext } from '../../../../platform/tenancy/org-context.decorator';
import { StarcorpAdmin, StarcorpRead } from '../../starcorp-access';
import { CreateStarcorpRankDto, StarcorpRankDto, UpdateStarcorpRankDto } from './dto/rank.dto';
import { StarcorpRanksService } from './ranks.service';

const StarcorpRankPageDto = PageOf(StarcorpRankDto);

/** The corporation's ranks, ordered; admins edit them. */
@ApiTags('starcorp-ranks')
@OrgContext('starcorp')
@Controller('orgs/:org/starcorp')
export class StarcorpRanksController {
  constructor(private readonly ranks: StarcorpRanksService) {}

  /** Lists the ranks, lowest first (an org starts with the ten default ranks). */
  @Get('ranks')
  @StarcorpRead()
  @ApiOkResponse({ type: StarcorpRankPageDto })
  listStarcorpRanks(@CurrentOrg() access: OrgAccess, @Query() q: CursorPageQueryDto): Promise<Page<StarcorpRankDto>> {
    return this.ranks.list(access.org.id, q);
  }

  /** Creates a rank. */
  @Post('ranks')
  @StarcorpAdmin()
  @ApiCreatedResponse({ type: StarcorpRankDto })
  @ApiProblem(409, ['starcorp-rank-taken'])
  createStarcorpRank(@CurrentOrg() access: OrgAccess, @Body() dto: CreateStarcorpRankDto): Promise<StarcorpRankDto> {
    return this.ranks.create(access.org.id, dto);
  }

  /** Renames, reorders or re-badges a rank. */
  @Patch('ranks/:id')
  @StarcorpAdmin()
  @ApiOkResponse({ type: StarcorpRankDto })
  @ApiProblem(409, ['starcorp-rank-taken'])
  updateStarcorpRank(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdateStarcorpRankDto,
  ): Promise<StarcorpRankDto> {
    return this.ranks.update(access.org.id, id, dto);
  }

  /** Deletes a rank nobody holds. */
  @Delete('ranks/:id')
  @HttpCode(204)
  @StarcorpAdmin()
  @ApiNoContentResponse()
  @ApiProblem(409, ['rank-in-use'])
  deleteStarcorpRank(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.ranks.remove(access.org.id, id);
  }
}
