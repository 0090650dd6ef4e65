import { Body, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../platform/http/idempotency';
import { Page, PageOf } from '../../../platform/http/pagination';
import { UuidParam } from '../../../platform/http/params';
import { CurrentOrg } from '../../../platform/http/request';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { BrokerageApprove, BrokerageRead, BrokerageWrite } from '../brokerage-access';
import { BrokerageController } from '../common/brokerage-controller.decorator';
import { CreatePlantDto, ListPlantsQueryDto, PlantDto, UpdatePlantDto } from './dto/plant.dto';
import { PartiesService } from './parties.service';

const PlantPageDto = PageOf(PlantDto);

/**
 * Plants: processing, distribution, warehouses.
 * The rules are the parties' (PartiesService); this maps the routes.
 */
@ApiTags('brokerage-plants')
@BrokerageController()
export class PlantsController {
  constructor(private readonly parties: PartiesService) {}

  /** List, search and filter the org's plants, by name. */
  @Get('plants')
  @BrokerageRead()
  @ApiOkResponse({ type: PlantPageDto })
  listBrokeragePlants(@CurrentOrg() access: OrgAccess, @Query() q: ListPlantsQueryDto): Promise<Page<PlantDto>> {
    return this.parties.list(access.org.id, 'plant', q);
  }

  /** Gets one plant. */
  @Get('plants/:id')
  @BrokerageRead()
  @ApiOkResponse({ type: PlantDto })
  getBrokeragePlant(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<PlantDto> {
    return this.parties.get(access.org.id, 'plant', id);
  }

  /** Adds a plant. Names and codes are unique per org (any case for names). */
  @Post('plants')
  @BrokerageWrite()
  @Idempotent()
  @ApiCreatedResponse({ type: PlantDto })
  @ApiProblem(409, ['duplicate-value'], 'A plant with that name or code exists')
  createBrokeragePlant(@CurrentOrg() access: OrgAccess, @Body() dto: CreatePlantDto): Promise<PlantDto> {
    return this.parties.create(access.org.id, 'plant', { ...dto });
  }

  /** Changes a plant; only the fields given change, null clears a field. */
  @Patch('plants/:id')
  @BrokerageWrite()
  @ApiOkResponse({ type: PlantDto })
  @ApiProblem(409, ['duplicate-value'], 'A plant with that name or code exists')
  updateBrokeragePlant(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdatePlantDto,
  ): Promise<PlantDto> {
    return this.parties.update(access.org.id, 'plant', id, { ...dto });
  }

  /** Archives a plant: kept for the records that name it, off lists and new orders. */
  @Post('plants/:id/archive')
  @HttpCode(200)
  @BrokerageApprove()
  @ApiOkResponse({ type: PlantDto })
  archiveBrokeragePlant(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<PlantDto> {
    return this.parties.archive(access.org.id, 'plant', id);
  }

  /** Deletes a plant nothing refers to; one in use answers 409 `in-use` (archive it instead). */
  @Delete('plants/:id')
  @HttpCode(204)
  @BrokerageApprove()
  @ApiProblem(409, ['in-use'], 'Other records refer to the plant')
  deleteBrokeragePlant(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.parties.remove(access.org.id, 'plant', id);
  }
}
