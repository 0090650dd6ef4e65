import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '../../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../../platform/http/idempotency';
import { Page, PageOf } from '../../../../platform/http/pagination';
import { UuidParam } from '../../../../platform/http/params';
import { CurrentOrg } from '../../../../platform/http/request';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { OrgContext } from '../../../../platform/tenancy/org-context.decorator';
import { StarcorpRead, StarcorpWrite } from '../../starcorp-access';
import {
  AdjustStoreItemDto,
  CreateStoreItemDto,
  ItemMovementDto,
  ListItemMovementsQueryDto,
  ListStoreItemsQueryDto,
  StoreItemAdjustedDto,
  StoreItemDto,
  UpdateStoreItemDto,
} from './dto/item.dto';
import { StoreItemsService } from './items.service';

const StoreItemPageDto = PageOf(StoreItemDto);
const ItemMovementPageDto = PageOf(ItemMovementDto);

/** The corporation's item store: members read it, officers keep it. */
@ApiTags('starcorp-items')
@OrgContext('starcorp')
@Controller('orgs/:org/starcorp/items')
export class StoreItemsController {
  constructor(private readonly items: StoreItemsService) {}

  /** Lists items by title; filter by category or location, search the title. */
  @Get()
  @StarcorpRead()
  @ApiOkResponse({ type: StoreItemPageDto })
  listStarcorpItems(@CurrentOrg() access: OrgAccess, @Query() q: ListStoreItemsQueryDto): Promise<Page<StoreItemDto>> {
    return this.items.list(access.org.id, q);
  }

  /** Gets an item. */
  @Get(':id')
  @StarcorpRead()
  @ApiOkResponse({ type: StoreItemDto })
  getStarcorpItem(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<StoreItemDto> {
    return this.items.get(access.org.id, id);
  }

  /** Adds an item with quantity 0 (stock comes in by adjustments). */
  @Post()
  @StarcorpWrite()
  @Idempotent()
  @ApiCreatedResponse({ type: StoreItemDto })
  createStarcorpItem(@CurrentOrg() access: OrgAccess, @Body() dto: CreateStoreItemDto): Promise<StoreItemDto> {
    return this.items.create(access.org.id, dto);
  }

  /** Changes an item's description fields (not its quantity: see adjust). */
  @Patch(':id')
  @StarcorpWrite()
  @ApiOkResponse({ type: StoreItemDto })
  updateStarcorpItem(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdateStoreItemDto,
  ): Promise<StoreItemDto> {
    return this.items.update(access.org.id, id, dto);
  }

  /** Deletes an item and its movements. */
  @Delete(':id')
  @HttpCode(204)
  @StarcorpWrite()
  deleteStarcorpItem(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.items.remove(access.org.id, id);
  }

  /** Adds or removes units, with a reason; refused (409) when the quantity would go below zero. */
  @Post(':id/adjust')
  @HttpCode(200)
  @StarcorpWrite()
  @Idempotent()
  @ApiOkResponse({ type: StoreItemAdjustedDto })
  @ApiProblem(409, ['insufficient-quantity'], 'Fewer units in stock than the adjustment removes')
  adjustStarcorpItem(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: AdjustStoreItemDto,
  ): Promise<StoreItemAdjustedDto> {
    return this.items.adjust(access.org.id, id, dto, access.userId);
  }

  /** The item's movements, newest first. */
  @Get(':id/movements')
  @StarcorpRead()
  @ApiOkResponse({ type: ItemMovementPageDto })
  listStarcorpItemMovements(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Query() q: ListItemMovementsQueryDto,
  ): Promise<Page<ItemMovementDto>> {
    return this.items.movements(access.org.id, id, q);
  }
}
