import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiProblem } from '../../../platform/http/api-problem.decorator';
import { CursorPageQueryDto } from '../../../platform/http/page-query.dto';
import { Page, PageOf } from '../../../platform/http/pagination';
import { UuidParam } from '../../../platform/http/params';
import { CurrentOrg } from '../../../platform/http/request';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { OrgContext } from '../../../platform/tenancy/org-context.decorator';
import { DkpAdmin, DkpRead } from '../dkp-access';
import { CreatePoolDto, PoolDto, UpdatePoolDto } from './dto/pool.dto';
import { PoolsService } from './pools.service';

const PoolPageDto = PageOf(PoolDto);

@OrgContext('dkp')
@Controller('orgs/:org/dkp')
export class PoolsController {
  constructor(private readonly pools: PoolsService) {}

  /** By name, keyset-paged (`limit`, `cursor`). */
  @Get('pools')
  @DkpRead()
  @ApiOkResponse({ type: PoolPageDto })
  listPools(@CurrentOrg() access: OrgAccess, @Query() q: CursorPageQueryDto): Promise<Page<PoolDto>> {
    return this.pools.list(access.org.id, q);
  }

  @Post('pools')
  @ApiOperation({ summary: 'Create a point pool' })
  @DkpAdmin()
  @ApiProblem(409, ['pool-name-taken'], 'Name taken')
  createPool(@CurrentOrg() access: OrgAccess, @Body() dto: CreatePoolDto): Promise<PoolDto> {
    return this.pools.create(access.org.id, dto);
  }

  @Get('pools/:id')
  @ApiOperation({ summary: 'Get a point pool' })
  @DkpRead()
  getPool(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<PoolDto> {
    return this.pools.detail(access.org.id, id);
  }

  /** Award fractions and decay settings; changes apply to future awards and periods. */
  @Patch('pools/:id')
  @DkpAdmin()
  updatePool(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdatePoolDto,
  ): Promise<PoolDto> {
    return this.pools.update(access.org.id, id, dto);
  }
}
