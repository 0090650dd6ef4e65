import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Page, PageOf } from '../../../../platform/http/pagination';
import { UuidParam } from '../../../../platform/http/params';
import { CurrentOrg } from '../../../../platform/http/request';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { OrgContext } from '../../../../platform/tenancy/org-context.decorator';
import { FboMember, FboRead } from '../../fbo-access';
import { CreateFuelInspectionDto, FuelInspectionDto, ListFuelInspectionsQueryDto } from './dto/inspection.dto';
import { FuelInspectionsService } from './inspections.service';

const FuelInspectionPageDto = PageOf(FuelInspectionDto);

@ApiTags('fbo-fuel-inspections')
@OrgContext('fbo')
@Controller('orgs/:org/fbo')
export class FuelInspectionsController {
  constructor(private readonly inspections: FuelInspectionsService) {}

  /** Lists a tank's inspections (14 CFR 139.321(d)), newest first. */
  @Get('tanks/:id/inspections')
  @FboRead()
  @ApiOkResponse({ type: FuelInspectionPageDto })
  listFboTankInspections(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Query() q: ListFuelInspectionsQueryDto,
  ): Promise<Page<FuelInspectionDto>> {
    return this.inspections.list(access.org.id, { kind: 'tank', id }, q);
  }

  /** Records a checklist inspection of a tank; any failed item fails it. */
  @Post('tanks/:id/inspections')
  @FboMember()
  @ApiCreatedResponse({ type: FuelInspectionDto })
  recordFboTankInspection(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: CreateFuelInspectionDto,
  ): Promise<FuelInspectionDto> {
    return this.inspections.record(access, { kind: 'tank', id }, dto);
  }

  /** Lists a fuel truck's inspections (14 CFR 139.321(d)), newest first; the id is the truck's equipment id. */
  @Get('trucks/:id/inspections')
  @FboRead()
  @ApiOkResponse({ type: FuelInspectionPageDto })
  listFboTruckInspections(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Query() q: ListFuelInspectionsQueryDto,
  ): Promise<Page<FuelInspectionDto>> {
    return this.inspections.list(access.org.id, { kind: 'truck', id }, q);
  }

  /** Records a checklist inspection of a fuel truck; any failed item fails it. */
  @Post('trucks/:id/inspections')
  @FboMember()
  @ApiCreatedResponse({ type: FuelInspectionDto })
  recordFboTruckInspection(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: CreateFuelInspectionDto,
  ): Promise<FuelInspectionDto> {
    return this.inspections.record(access, { kind: 'truck', id }, dto);
  }
}
