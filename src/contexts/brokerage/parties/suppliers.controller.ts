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
import { CreateSupplierDto, ListSuppliersQueryDto, SupplierDto, UpdateSupplierDto } from './dto/supplier.dto';
import { PartiesService } from './parties.service';

const SupplierPageDto = PageOf(SupplierDto);

/**
 * Suppliers the org buys from (packers, processors).
 * The rules are the parties' (PartiesService); this maps the routes.
 */
@ApiTags('brokerage-suppliers')
@BrokerageController()
export class SuppliersController {
  constructor(private readonly parties: PartiesService) {}

  /** List, search (name or code, by word prefix) and filter the org's suppliers, by name. */
  @Get('suppliers')
  @BrokerageRead()
  @ApiOkResponse({ type: SupplierPageDto })
  listBrokerageSuppliers(
    @CurrentOrg() access: OrgAccess,
    @Query() q: ListSuppliersQueryDto,
  ): Promise<Page<SupplierDto>> {
    return this.parties.list(access.org.id, 'supplier', q);
  }

  /** Gets one supplier. */
  @Get('suppliers/:id')
  @BrokerageRead()
  @ApiOkResponse({ type: SupplierDto })
  getBrokerageSupplier(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<SupplierDto> {
    return this.parties.get(access.org.id, 'supplier', id);
  }

  /** Adds a supplier. Names and codes are unique per org (any case for names). */
  @Post('suppliers')
  @BrokerageWrite()
  @Idempotent()
  @ApiCreatedResponse({ type: SupplierDto })
  @ApiProblem(409, ['duplicate-value'], 'A supplier with that name or code exists')
  createBrokerageSupplier(@CurrentOrg() access: OrgAccess, @Body() dto: CreateSupplierDto): Promise<SupplierDto> {
    return this.parties.create(access.org.id, 'supplier', { ...dto });
  }

  /** Changes a supplier; only the fields given change, null clears a field. */
  @Patch('suppliers/:id')
  @BrokerageWrite()
  @ApiOkResponse({ type: SupplierDto })
  @ApiProblem(409, ['duplicate-value'], 'A supplier with that name or code exists')
  updateBrokerageSupplier(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdateSupplierDto,
  ): Promise<SupplierDto> {
    return this.parties.update(access.org.id, 'supplier', id, { ...dto });
  }

  /** Archives a supplier: kept for the records that name it, off lists and new orders. */
  @Post('suppliers/:id/archive')
  @HttpCode(200)
  @BrokerageApprove()
  @ApiOkResponse({ type: SupplierDto })
  archiveBrokerageSupplier(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<SupplierDto> {
    return this.parties.archive(access.org.id, 'supplier', id);
  }

  /** Deletes a supplier nothing refers to; one in use answers 409 `in-use` (archive it instead). */
  @Delete('suppliers/:id')
  @HttpCode(204)
  @BrokerageApprove()
  @ApiProblem(409, ['in-use'], 'Other records refer to the supplier')
  deleteBrokerageSupplier(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.parties.remove(access.org.id, 'supplier', id);
  }
}
