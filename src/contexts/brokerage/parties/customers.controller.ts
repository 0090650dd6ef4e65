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
import { CreateCustomerDto, ListCustomersQueryDto, CustomerDto, UpdateCustomerDto } from './dto/customer.dto';
import { PartiesService } from './parties.service';

const CustomerPageDto = PageOf(CustomerDto);

/**
 * Customers the org sells to.
 * The rules are the parties' (PartiesService); this maps the routes.
 */
@ApiTags('brokerage-customers')
@BrokerageController()
export class CustomersController {
  constructor(private readonly parties: PartiesService) {}

  /** List, search (name or code, by word prefix) and filter the org's customers, by name. */
  @Get('customers')
  @BrokerageRead()
  @ApiOkResponse({ type: CustomerPageDto })
  listBrokerageCustomers(
    @CurrentOrg() access: OrgAccess,
    @Query() q: ListCustomersQueryDto,
  ): Promise<Page<CustomerDto>> {
    return this.parties.list(access.org.id, 'customer', q);
  }

  /** Gets one customer. */
  @Get('customers/:id')
  @BrokerageRead()
  @ApiOkResponse({ type: CustomerDto })
  getBrokerageCustomer(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<CustomerDto> {
    return this.parties.get(access.org.id, 'customer', id);
  }

  /** Adds a customer. Names and codes are unique per org (any case for names). */
  @Post('customers')
  @BrokerageWrite()
  @Idempotent()
  @ApiCreatedResponse({ type: CustomerDto })
  @ApiProblem(409, ['duplicate-value'], 'A customer with that name or code exists')
  createBrokerageCustomer(@CurrentOrg() access: OrgAccess, @Body() dto: CreateCustomerDto): Promise<CustomerDto> {
    return this.parties.create(access.org.id, 'customer', { ...dto });
  }

  /** Changes a customer; only the fields given change, null clears a field. */
  @Patch('customers/:id')
  @BrokerageWrite()
  @ApiOkResponse({ type: CustomerDto })
  @ApiProblem(409, ['duplicate-value'], 'A customer with that name or code exists')
  updateBrokerageCustomer(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdateCustomerDto,
  ): Promise<CustomerDto> {
    return this.parties.update(access.org.id, 'customer', id, { ...dto });
  }

  /** Archives a customer: kept for the records that name it, off lists and new orders. */
  @Post('customers/:id/archive')
  @HttpCode(200)
  @BrokerageApprove()
  @ApiOkResponse({ type: CustomerDto })
  archiveBrokerageCustomer(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<CustomerDto> {
    return this.parties.archive(access.org.id, 'customer', id);
  }

  /** Deletes a customer nothing refers to; one in use answers 409 `in-use` (archive it instead). */
  @Delete('customers/:id')
  @HttpCode(204)
  @BrokerageApprove()
  @ApiProblem(409, ['in-use'], 'Other records refer to the customer')
  deleteBrokerageCustomer(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.parties.remove(access.org.id, 'customer', id);
  }
}
