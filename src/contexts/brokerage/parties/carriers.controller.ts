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
import { CreateCarrierDto, ListCarriersQueryDto, CarrierDto, UpdateCarrierDto } from './dto/carrier.dto';
import { PartiesService } from './parties.service';

const CarrierPageDto = PageOf(CarrierDto);

/**
 * Carriers that haul the loads.
 * The rules are the parties' (PartiesService); this maps the routes.
 */
@ApiTags('brokerage-carriers')
@BrokerageController()
export class CarriersController {
  constructor(private readonly parties: PartiesService) {}

  /** List, search and filter the org's carriers, by name. */
  @Get('carriers')
  @BrokerageRead()
  @ApiOkResponse({ type: CarrierPageDto })
  listBrokerageCarriers(@CurrentOrg() access: OrgAccess, @Query() q: ListCarriersQueryDto): Promise<Page<CarrierDto>> {
    return this.parties.list(access.org.id, 'carrier', q);
  }

  /** Gets one carrier. */
  @Get('carriers/:id')
  @BrokerageRead()
  @ApiOkResponse({ type: CarrierDto })
  getBrokerageCarrier(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<CarrierDto> {
    return this.parties.get(access.org.id, 'carrier', id);
  }

  /** Adds a carrier. Names and codes are unique per org (any case for names). */
  @Post('carriers')
  @BrokerageWrite()
  @Idempotent()
  @ApiCreatedResponse({ type: CarrierDto })
  @ApiProblem(409, ['duplicate-value'], 'A carrier with that name or code exists')
  createBrokerageCarrier(@CurrentOrg() access: OrgAccess, @Body() dto: CreateCarrierDto): Promise<CarrierDto> {
    return this.parties.create(access.org.id, 'carrier', { ...dto });
  }

  /** Changes a carrier; only the fields given change, null clears a field. */
  @Patch('carriers/:id')
  @BrokerageWrite()
  @ApiOkResponse({ type: CarrierDto })
  @ApiProblem(409, ['duplicate-value'], 'A carrier with that name or code exists')
  updateBrokerageCarrier(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdateCarrierDto,
  ): Promise<CarrierDto> {
    return this.parties.update(access.org.id, 'carrier', id, { ...dto });
  }

  /** Archives a carrier: kept for the records that name it, off lists and new orders. */
  @Post('carriers/:id/archive')
  @HttpCode(200)
  @BrokerageApprove()
  @ApiOkResponse({ type: CarrierDto })
  archiveBrokerageCarrier(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<CarrierDto> {
    return this.parties.archive(access.org.id, 'carrier', id);
  }

  /** Deletes a carrier nothing refers to; one in use answers 409 `in-use` (archive it instead). */
  @Delete('carriers/:id')
  @HttpCode(204)
  @BrokerageApprove()
  @ApiProblem(409, ['in-use'], 'Other records refer to the carrier')
  deleteBrokerageCarrier(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.parties.remove(access.org.id, 'carrier', id);
  }
}
