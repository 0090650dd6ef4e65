import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiProblem } from '../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../platform/http/idempotency';
import { Page, PageOf } from '../../../platform/http/pagination';
import { UuidParam } from '../../../platform/http/params';
import { CurrentOrg } from '../../../platform/http/request';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { OrgContext } from '../../../platform/tenancy/org-context.decorator';
import { DkpRead, DkpWrite } from '../dkp-access';
import { CreateRaidDto, ListRaidsQueryDto, RaidDto, UpdateRaidDto } from './dto/raid.dto';
import { RaidsService } from './raids.service';

const RaidPageDto = PageOf(RaidDto);

@OrgContext('dkp')
@Controller('orgs/:org/dkp/raids')
export class RaidsController {
  constructor(private readonly raids: RaidsService) {}

  @Get()
  @ApiOperation({ summary: 'List raids, latest first' })
  @DkpRead()
  @ApiOkResponse({ type: RaidPageDto })
  listRaids(@CurrentOrg() access: OrgAccess, @Query() q: ListRaidsQueryDto): Promise<Page<RaidDto>> {
    return this.raids.list(access.org.id, q);
  }

  @Post()
  @ApiOperation({ summary: 'Create a raid' })
  @DkpWrite()
  @Idempotent()
  createRaid(@CurrentOrg() access: OrgAccess, @Body() dto: CreateRaidDto): Promise<RaidDto> {
    return this.raids.create(access.org.id, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a raid' })
  @DkpRead()
  getRaid(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<RaidDto> {
    return this.raids.get(access.org.id, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a raid' })
  @DkpWrite()
  updateRaid(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdateRaidDto,
  ): Promise<RaidDto> {
    return this.raids.update(access.org.id, id, dto);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a raid that has no attendance or loot' })
  @HttpCode(204)
  @DkpWrite()
  @ApiProblem(409, ['raid-not-empty'], 'The raid has attendance or loot')
  deleteRaid(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.raids.remove(access.org.id, id);
  }
}
