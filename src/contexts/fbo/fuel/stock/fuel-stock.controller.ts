import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '../../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../../platform/http/idempotency';
import { Page, PageOf } from '../../../../platform/http/pagination';
import { CurrentOrg } from '../../../../platform/http/request';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { OrgContext } from '../../../../platform/tenancy/org-context.decorator';
import { FboMember, FboOfficer, FboRead } from '../../fbo-access';
import {
  AdjustFuelStockDto,
  DefuelDto,
  FuelAdjustmentDto,
  FuelMovementDto,
  FuelStockDto,
  FuelVarianceDto,
  FuelVarianceQueryDto,
  ListFuelMovementsQueryDto,
  ListFuelStockQueryDto,
  ReceiveFuelDto,
  TransferFuelDto,
} from './dto/fuel-stock.dto';
import { FuelStockService } from './fuel-stock.service';

const FuelMovementPageDto = PageOf(FuelMovementDto);

@ApiTags('fbo-fuel-stock')
@OrgContext('fbo')
@Controller('orgs/:org/fbo/fuel')
export class FuelStockController {
  constructor(private readonly stock: FuelStockService) {}

  /** The book stock of every tank and fuel truck that has held fuel. */
  @Get('stock')
  @FboRead()
  @ApiOkResponse({ type: [FuelStockDto] })
  listFboFuelStock(@CurrentOrg() access: OrgAccess, @Query() q: ListFuelStockQueryDto): Promise<FuelStockDto[]> {
    return this.stock.listStock(access.org.id, q);
  }

  /** The movement ledger, newest first; filter by holder, kind and time. */
  @Get('movements')
  @FboRead()
  @ApiOkResponse({ type: FuelMovementPageDto })
  listFboFuelMovements(
    @CurrentOrg() access: OrgAccess,
    @Query() q: ListFuelMovementsQueryDto,
  ): Promise<Page<FuelMovementDto>> {
    return this.stock.listMovements(access.org.id, q);
  }

  /** Stick-reading variances per tank and truck in [from, to): gains, losses, and their sum. */
  @Get('variance')
  @FboRead()
  @ApiOkResponse({ type: FuelVarianceDto })
  getFboFuelVariance(@CurrentOrg() access: OrgAccess, @Query() q: FuelVarianceQueryDto): Promise<FuelVarianceDto> {
    return this.stock.variance(access.org.id, q);
  }

  /** Books a delivery into a tank. */
  @Post('receipts')
  @FboOfficer()
  @Idempotent()
  @ApiCreatedResponse({ type: FuelMovementDto })
  @ApiProblem(409, ['fuel-capacity-exceeded'])
  receiveFboFuel(@CurrentOrg() access: OrgAccess, @Body() dto: ReceiveFuelDto): Promise<FuelMovementDto> {
    return this.stock.receive(access, dto);
  }

  /** Fills a fuel truck from a tank. */
  @Post('transfers')
  @FboMember()
  @Idempotent()
  @ApiCreatedResponse({ type: FuelMovementDto })
  @ApiProblem(409, ['insufficient-fuel', 'fuel-capacity-exceeded', 'fuel-type-mismatch'])
  transferFboFuel(@CurrentOrg() access: OrgAccess, @Body() dto: TransferFuelDto): Promise<FuelMovementDto> {
    return this.stock.transfer(access, dto);
  }

  /** Books fuel taken off an aircraft into a fuel truck. */
  @Post('defuels')
  @FboMember()
  @Idempotent()
  @ApiCreatedResponse({ type: FuelMovementDto })
  @ApiProblem(409, ['fuel-capacity-exceeded', 'fuel-type-mismatch'])
  recordFboDefuel(@CurrentOrg() access: OrgAccess, @Body() dto: DefuelDto): Promise<FuelMovementDto> {
    return this.stock.defuel(access, dto);
  }

  /** Books a stick reading against the book stock; the difference is the variance. */
  @Post('adjustments')
  @FboOfficer()
  @ApiCreatedResponse({ type: FuelAdjustmentDto })
  @ApiProblem(409, ['insufficient-fuel', 'fuel-capacity-exceeded'])
  adjustFboFuelStock(@CurrentOrg() access: OrgAccess, @Body() dto: AdjustFuelStockDto): Promise<FuelAdjustmentDto> {
    return this.stock.adjust(access, dto);
  }
}
