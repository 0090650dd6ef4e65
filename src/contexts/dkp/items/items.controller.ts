import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../platform/auth/principal';
import { ApiProblem } from '../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../platform/http/idempotency';
import { Page, PageOf } from '../../../platform/http/pagination';
import { UuidParam } from '../../../platform/http/params';
import { CurrentOrg, CurrentPrincipal } from '../../../platform/http/request';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { OrgContext } from '../../../platform/tenancy/org-context.decorator';
import { DkpRead, DkpWrite } from '../dkp-access';
import { BidHistoryQueryDto, CreateItemDto, ItemDto, ListItemsQueryDto, PriceStatsDto, UpdateItemDto } from './dto/item.dto';
import { AwardLootDto, ListLootQueryDto, LootDto } from './dto/loot.dto';
import { ItemsService } from './items.service';
import { LootService } from './loot.service';

const ItemPageDto = PageOf(ItemDto);
const LootPageDto = PageOf(LootDto);

@ApiTags('dkp-items')
@OrgContext('dkp')
@Controller('orgs/:org/dkp')
export class ItemsController {
  constructor(
    private readonly items: ItemsService,
    private readonly loot: LootService,
  ) {}

  @Get('items')
  @DkpRead()
  @ApiOkResponse({ type: ItemPageDto })
  listItems(@CurrentOrg() a: OrgAccess, @Query() q: ListItemsQueryDto): Promise<Page<ItemDto>> {
    return this.items.list(a.org.id, q);
  }

  @Post('items')
  @DkpWrite()
  @ApiCreatedResponse({ type: ItemDto })
  @ApiProblem(409, 'Name taken (names are unique per org, any case)')
  createItem(@CurrentOrg() a: OrgAccess, @Body() dto: CreateItemDto): Promise<ItemDto> {
    return this.items.create(a.org.id, dto);
  }

  @Get('items/:id')
  @DkpRead()
  @ApiOkResponse({ type: ItemDto })
  getItem(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string): Promise<ItemDto> {
    return this.items.get(a.org.id, id);
  }

  @Patch('items/:id')
  @DkpWrite()
  @ApiOkResponse({ type: ItemDto })
  updateItem(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string, @Body() dto: UpdateItemDto): Promise<ItemDto> {
    return this.items.update(a.org.id, id, dto);
  }

  @Delete('items/:id')
  @HttpCode(204)
  @DkpWrite()
  @ApiNoContentResponse()
  @ApiProblem(409, 'The item has loot awards')
  deleteItem(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.items.remove(a.org.id, id);
  }

  /** Past awards of the item, newest first. */
  @Get('items/:id/bid-history')
  @DkpRead()
  @ApiOkResponse({ type: LootPageDto })
  getItemBidHistory(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string, @Query() q: BidHistoryQueryDto): Promise<Page<LootDto>> {
    return this.items.get(a.org.id, id).then(() => this.loot.list(a.org.id, { ...q, itemId: id }));
  }

  /** Count, min, median and max of winning amounts: a reference price for bidders. */
  @Get('items/:id/price-stats')
  @DkpRead()
  @ApiOkResponse({ type: PriceStatsDto })
  getItemPriceStats(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string): Promise<PriceStatsDto> {
    return this.items.priceStats(a.org.id, id);
  }

  @Get('loot')
  @DkpRead()
  @ApiOkResponse({ type: LootPageDto })
  listLoot(@CurrentOrg() a: OrgAccess, @Query() q: ListLootQueryDto): Promise<Page<LootDto>> {
    return this.loot.list(a.org.id, q);
  }

  /** Awards an item and debits the winner. Refused when the amount exceeds their balance. */
  @Post('loot')
  @DkpWrite()
  @Idempotent()
  @ApiCreatedResponse({ type: LootDto })
  @ApiProblem(409, 'The amount exceeds the winner\'s balance')
  awardLoot(@CurrentOrg() a: OrgAccess, @CurrentPrincipal() p: Principal, @Body() dto: AwardLootDto): Promise<LootDto> {
    return this.loot.award({ orgId: a.org.id, actorUserId: p.user.id, source: 'api' }, dto);
  }

  @Get('loot/:id')
  @DkpRead()
  @ApiOkResponse({ type: LootDto })
  getLoot(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string): Promise<LootDto> {
    return this.loot.get(a.org.id, id);
  }

  /** Reverses an award: the row stays (marked) and a correction entry refunds the points. */
  @Delete('loot/:id')
  @DkpWrite()
  @ApiOkResponse({ type: LootDto })
  @ApiProblem(409, 'Already reversed')
  reverseLoot(@CurrentOrg() a: OrgAccess, @CurrentPrincipal() p: Principal, @UuidParam('id') id: string): Promise<LootDto> {
    return this.loot.reverse({ orgId: a.org.id, actorUserId: p.user.id, source: 'api' }, id);
  }
}
