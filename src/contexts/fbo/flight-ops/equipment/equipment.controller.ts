import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { ApiProblem } from '../../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../../platform/http/idempotency';
import { CursorPageQueryDto } from '../../../../platform/http/page-query.dto';
import { Page, PageOf } from '../../../../platform/http/pagination';
import { UuidParam } from '../../../../platform/http/params';
import { CurrentOrg } from '../../../../platform/http/request';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { OrgContext } from '../../../../platform/tenancy/org-context.decorator';
import { FboOfficer, FboRead } from '../../fbo-access';
import {
  ChangeEquipmentStatusDto,
  CreateEquipmentDto,
  EquipmentDto,
  EquipmentMaintenanceDto,
  ListEquipmentQueryDto,
  LogMaintenanceDto,
  UpdateEquipmentDto,
} from './dto/equipment.dto';
import { EquipmentService } from './equipment.service';

const EquipmentPageDto = PageOf(EquipmentDto);
const EquipmentMaintenancePageDto = PageOf(EquipmentMaintenanceDto);

@OrgContext('fbo')
@Controller('orgs/:org/fbo/equipment')
export class EquipmentController {
  constructor(private readonly equipment: EquipmentService) {}

  /** Lists ground equipment by id; filters by type, status, tag, and maintenance overdue or due within 7 days. */
  @Get()
  @FboRead()
  @ApiOkResponse({ type: EquipmentPageDto })
  listFboEquipment(@CurrentOrg() access: OrgAccess, @Query() q: ListEquipmentQueryDto): Promise<Page<EquipmentDto>> {
    return this.equipment.list(access.org.id, q);
  }

  /** Adds a unit (available); a fuel truck needs its capacity. */
  @Post()
  @FboOfficer()
  @Idempotent()
  @ApiCreatedResponse({ type: EquipmentDto })
  @ApiProblem(409, ['fbo-equipment-id-taken'])
  createFboEquipment(@CurrentOrg() access: OrgAccess, @Body() dto: CreateEquipmentDto): Promise<EquipmentDto> {
    return this.equipment.create(access.org.id, dto);
  }

  /** One unit. */
  @Get(':id')
  @FboRead()
  @ApiOkResponse({ type: EquipmentDto })
  getFboEquipment(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<EquipmentDto> {
    return this.equipment.get(access.org.id, id);
  }

  /** Changes a unit's details (not its type or status). */
  @Patch(':id')
  @FboOfficer()
  @ApiOkResponse({ type: EquipmentDto })
  @ApiProblem(409, ['fbo-equipment-id-taken'])
  updateFboEquipment(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdateEquipmentDto,
  ): Promise<EquipmentDto> {
    return this.equipment.update(access.org.id, id, dto);
  }

  /**
   * Moves a unit: available↔in_use, available|in_use→maintenance→available,
   * any→out_of_service→maintenance. A unit in maintenance or out of service cannot be put to use.
   */
  @Post(':id/status')
  @HttpCode(200)
  @FboOfficer()
  @ApiOkResponse({ type: EquipmentDto })
  @ApiProblem(409, ['invalid-transition', 'equipment-in-use', 'equipment-unavailable'])
  changeFboEquipmentStatus(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: ChangeEquipmentStatusDto,
  ): Promise<EquipmentDto> {
    return this.equipment.changeStatus(access.org.id, id, dto);
  }

  /** Logs maintenance done: sets the last and next dates and frees the unit (available). */
  @Post(':id/maintenance')
  @FboOfficer()
  @Idempotent()
  @ApiCreatedResponse({ type: EquipmentMaintenanceDto })
  @ApiProblem(409, ['invalid-transition'])
  logFboEquipmentMaintenance(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: LogMaintenanceDto,
  ): Promise<EquipmentMaintenanceDto> {
    return this.equipment.logMaintenance(access.org.id, id, dto, access.userId);
  }

  /** A unit's maintenance log, newest first. */
  @Get(':id/maintenance')
  @FboRead()
  @ApiOkResponse({ type: EquipmentMaintenancePageDto })
  listFboEquipmentMaintenance(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Query() q: CursorPageQueryDto,
  ): Promise<Page<EquipmentMaintenanceDto>> {
    return this.equipment.maintenanceLog(access.org.id, id, q);
  }
}
