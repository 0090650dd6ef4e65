import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiProblem } from '../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../platform/http/idempotency';
import { Page, PageOf } from '../../../platform/http/pagination';
import { UuidParam } from '../../../platform/http/params';
import { CurrentOrg } from '../../../platform/http/request';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { OrgContext } from '../../../platform/tenancy/org-context.decorator';
import { Posting } from '../common/posting.decorator';
import { DkpRead, DkpWrite } from '../dkp-access';
import type { PostingContext } from '../points/ledger.service';
import {
  BidHistoryQueryDto,
  CreateItemDto,
  ItemDto,
  ListItemsQueryDto,
  PriceStatsDto,
  UpdateItemDto,
} from './dto/item.dto';
import { AwardLootDto, ListLootQueryDto, LootDto } from './dto/loot.dto';
import { ItemsService } from './items.service';
import { LootService } from './loot.service';

const ItemPageDto = PageOf(ItemDto);
const LootPageDto = PageOf(LootDto);

@OrgContext('dkp')
@Controller('orgs/:org/dkp')
export class ItemsController {
  constructor(
    private readonly items: ItemsService,
    private readonly loot: LootService,
  ) {}

  @Get('items')
  @ApiOperation({ summary: 'List the item catalogue' })
  @DkpRead()
  @ApiOkResponse({ type: ItemPageDto })
  listItems(@CurrentOrg() access: OrgAccess, @Query() q: ListItemsQueryDto): Promise<Page<ItemDto>> {
    return this.items.list(access.org.id, q);
  }

  @Post('items')
  @ApiOperation({ summary: 'Add an item to the catalogue' })
  @DkpWrite()
  @ApiProblem(409, ['item-name-taken'], 'Name taken (names are unique per org, any case)')
  createItem(@CurrentOrg() access: OrgAccess, @Body() dto: CreateItemDto): Promise<ItemDto> {
    return this.items.create(access.org.id, dto);
  }

  @Get('items/:id')
  @ApiOperation({ summary: 'Get an item' })
  @DkpRead()
  getItem(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<ItemDto> {
    return this.items.get(access.org.id, id);
  }

  @Patch('items/:id')
  @ApiOperation({ summary: 'Change an item' })
  @DkpWrite()
  updateItem(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdateItemDto,
  ): Promise<ItemDto> {
    return this.items.update(access.org.id, id, dto);
  }

  @Delete('items/:id')
  @ApiOperation({ summary: 'Delete an item that has no loot awards' })
  @HttpCode(204)
  @DkpWrite()
  @ApiProblem(409, ['item-in-use'], 'The item has loot awards')
  deleteItem(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.items.remove(access.org.id, id);
  }

  /** Past awards of the item, newest first. */
  @Get('items/:id/bid-history')
  @DkpRead()
  @ApiOkResponse({ type: LootPageDto })
  getItemBidHistory(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Query() q: BidHistoryQueryDto,
  ): Promise<Page<LootDto>> {
    return this.loot.itemHistory(access.org.id, id, q);
  }

  /** Count, min, median and max of winning amounts: a reference price for bidders. */
  @Get('items/:id/price-stats')
  @DkpRead()
  getItemPriceStats(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<PriceStatsDto> {
    return this.items.priceStats(access.org.id, id);
  }

  @Get('loot')
  @ApiOperation({ summary: 'List loot awarded to characters' })
  @DkpRead()
  @ApiOkResponse({ type: LootPageDto })
  listLoot(@CurrentOrg() access: OrgAccess, @Query() q: ListLootQueryDto): Promise<Page<LootDto>> {
    return this.loot.list(access.org.id, q);
  }

  /** Awards an item and debits the winner. Refused when the amount exceeds their balance. */
  @Post('loot')
  @DkpWrite()
  @Idempotent()
  @ApiProblem(409, ['insufficient-points'], "The amount exceeds the winner's balance")
  awardLoot(@Posting() posting: PostingContext, @Body() dto: AwardLootDto): Promise<LootDto> {
    return this.loot.award(posting, dto);
  }

  @Get('loot/:id')
  @ApiOperation({ summary: 'Get one loot award' })
  @DkpRead()
  getLoot(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<LootDto> {
    return this.loot.get(access.org.id, id);
  }

  /** Reverses an award: the row stays (marked) and a correction entry refunds the points. */
  @Delete('loot/:id')
  @DkpWrite()
  @ApiProblem(409, ['loot-already-reversed'], 'Already reversed')
  reverseLoot(@Posting() posting: PostingContext, @UuidParam('id') id: string): Promise<LootDto> {
    return this.loot.reverse(posting, id);
  }
}
