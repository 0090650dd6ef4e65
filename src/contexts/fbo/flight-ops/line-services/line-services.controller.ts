import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { ApiProblem } from '../../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../../platform/http/idempotency';
import { Page, PageOf } from '../../../../platform/http/pagination';
import { UuidParam } from '../../../../platform/http/params';
import { CurrentOrg } from '../../../../platform/http/request';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { OrgContext } from '../../../../platform/tenancy/org-context.decorator';
import { FboDispatch, FboMember, FboRead } from '../../fbo-access';
import {
  CreateLineServiceDto,
  LineServiceDto,
  ListLineServicesQueryDto,
  UpdateLineServiceDto,
} from './dto/line-service.dto';
import { LineServicesService } from './line-services.service';

const LineServicePageDto = PageOf(LineServiceDto);

@OrgContext('fbo')
@Controller('orgs/:org/fbo/line-services')
export class LineServicesController {
  constructor(private readonly services: LineServicesService) {}

  /** Line services in schedule order; `today`/`date` are local days in the settings' time zone. */
  @Get()
  @FboRead()
  @ApiOkResponse({ type: LineServicePageDto })
  listFboLineServices(
    @CurrentOrg() access: OrgAccess,
    @Query() q: ListLineServicesQueryDto,
  ): Promise<Page<LineServiceDto>> {
    return this.services.list(access.org.id, q);
  }

  /** Schedules line work on a flight (the spot defaults to the flight's). */
  @Post()
  @FboDispatch()
  @Idempotent()
  @ApiCreatedResponse({ type: LineServiceDto })
  createFboLineService(@CurrentOrg() access: OrgAccess, @Body() dto: CreateLineServiceDto): Promise<LineServiceDto> {
    return this.services.create(access.org.id, dto);
  }

  /** One line service. */
  @Get(':id')
  @FboRead()
  @ApiOkResponse({ type: LineServiceDto })
  getFboLineService(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<LineServiceDto> {
    return this.services.get(access.org.id, id);
  }

  /** Changes a line service that has not started. */
  @Patch(':id')
  @FboDispatch()
  @ApiOkResponse({ type: LineServiceDto })
  @ApiProblem(409, ['fbo-line-service-started'])
  updateFboLineService(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdateLineServiceDto,
  ): Promise<LineServiceDto> {
    return this.services.update(access.org.id, id, dto);
  }

  /** Starts the work (assigned personnel or an officer); its unit goes in use. */
  @Post(':id/start')
  @HttpCode(200)
  @FboMember()
  @ApiOkResponse({ type: LineServiceDto })
  @ApiProblem(409, ['invalid-transition', 'equipment-in-use', 'equipment-unavailable'])
  startFboLineService(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<LineServiceDto> {
    return this.services.start(access, id);
  }

  /** Completes started work (assigned personnel or an officer); its unit is freed. */
  @Post(':id/complete')
  @HttpCode(200)
  @FboMember()
  @ApiOkResponse({ type: LineServiceDto })
  @ApiProblem(409, ['invalid-transition'])
  completeFboLineService(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<LineServiceDto> {
    return this.services.complete(access, id);
  }

  /** Cancels a scheduled or started service; a started one frees its unit. */
  @Post(':id/cancel')
  @HttpCode(200)
  @FboDispatch()
  @ApiOkResponse({ type: LineServiceDto })
  @ApiProblem(409, ['invalid-transition'])
  cancelFboLineService(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<LineServiceDto> {
    return this.services.cancel(access, id);
  }
}
