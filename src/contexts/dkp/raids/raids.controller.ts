import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
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

@ApiTags('dkp-raids')
@OrgContext('dkp')
@Controller('orgs/:org/dkp/raids')
export class RaidsController {
  constructor(private readonly raids: RaidsService) {}

  @Get()
  @DkpRead()
  @ApiOkResponse({ type: RaidPageDto })
  listRaids(@CurrentOrg() access: OrgAccess, @Query() q: ListRaidsQueryDto): Promise<Page<RaidDto>> {
    return this.raids.list(access.org.id, q);
  }

  @Post()
  @DkpWrite()
  @Idempotent()
  createRaid(@CurrentOrg() access: OrgAccess, @Body() dto: CreateRaidDto): Promise<RaidDto> {
    return this.raids.create(access.org.id, dto);
  }

  @Get(':id')
  @DkpRead()
  getRaid(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<RaidDto> {
    return this.raids.get(access.org.id, id);
  }

  @Patch(':id')
  @DkpWrite()
  updateRaid(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdateRaidDto,
  ): Promise<RaidDto> {
    return this.raids.update(access.org.id, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @DkpWrite()
  @ApiProblem(409, 'The raid has attendance or loot')
  deleteRaid(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.raids.remove(access.org.id, id);
  }
}
