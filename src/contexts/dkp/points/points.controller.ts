import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiProblem } from '../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../platform/http/idempotency';
import { Page, PageOf } from '../../../platform/http/pagination';
import { UuidParam } from '../../../platform/http/params';
import { CurrentOrg } from '../../../platform/http/request';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { OrgContext } from '../../../platform/tenancy/org-context.decorator';
import { Posting } from '../common/posting.decorator';
import { DiscordBalanceRead, DkpRead, DkpWrite } from '../dkp-access';
import {
  AdjustmentsQueryDto,
  BalanceQueryDto,
  BulkAdjustmentDto,
  CreateAdjustmentDto,
  LeaderboardEntryDto,
  LeaderboardQueryDto,
  LedgerEntryDto,
  PointHistoryQueryDto,
  PoolPointsDto,
  UserBalanceDto,
  UserPointsDto,
} from './dto/points.dto';
import type { PostingContext } from './ledger.service';
import { PointsService } from './points.service';

const LedgerEntryPageDto = PageOf(LedgerEntryDto);
const LeaderboardEntryPageDto = PageOf(LeaderboardEntryDto);

@OrgContext('dkp')
@Controller('orgs/:org/dkp')
export class PointsController {
  constructor(private readonly points: PointsService) {}

  /** Balances in every pool, with attendance rates over 30/60/90 days and lifetime. */
  @Get('points/users/:userId')
  @DkpRead()
  getUserPoints(@CurrentOrg() access: OrgAccess, @UuidParam('userId') userId: string): Promise<UserPointsDto> {
    return this.points.userPoints(access.org.id, userId);
  }

  @Get('points/users/:userId/pools/:poolId')
  @ApiOperation({ summary: "Get a member's balance in one pool" })
  @DkpRead()
  getUserPoolPoints(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('userId') userId: string,
    @UuidParam('poolId') poolId: string,
  ): Promise<PoolPointsDto> {
    return this.points.userPoolPoints(access.org.id, userId, poolId);
  }

  /** The user's ledger, newest first. */
  @Get('points/users/:userId/history')
  @DkpRead()
  @ApiOkResponse({ type: LedgerEntryPageDto })
  getPointHistory(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('userId') userId: string,
    @Query() q: PointHistoryQueryDto,
  ): Promise<Page<LedgerEntryDto>> {
    return this.points.history(access.org.id, userId, q);
  }

  @Get('points/leaderboard/:poolId')
  @ApiOperation({ summary: "Get a pool's leaderboard (highest balance first)" })
  @DkpRead()
  @ApiOkResponse({ type: LeaderboardEntryPageDto })
  getLeaderboard(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('poolId') poolId: string,
    @Query() q: LeaderboardQueryDto,
  ): Promise<Page<LeaderboardEntryDto>> {
    return this.points.leaderboard(access.org.id, poolId, q.limit, q.offset);
  }

  /** Ledger rows recorded under a character name (as it was at the time). */
  @Get('points/character-attribution/:characterName')
  @DkpRead()
  @ApiOkResponse({ type: LedgerEntryPageDto })
  getCharacterAttribution(
    @CurrentOrg() access: OrgAccess,
    @Param('characterName') name: string,
    @Query() q: PointHistoryQueryDto,
  ): Promise<Page<LedgerEntryDto>> {
    return this.points.characterAttribution(access.org.id, name, q);
  }

  @Get('points/adjustments')
  @ApiOperation({ summary: 'List manual point adjustments' })
  @DkpRead()
  @ApiOkResponse({ type: LedgerEntryPageDto })
  listAdjustments(@CurrentOrg() access: OrgAccess, @Query() q: AdjustmentsQueryDto): Promise<Page<LedgerEntryDto>> {
    return this.points.adjustments(access.org.id, q);
  }

  /** Adds or removes points with a reason. A removal cannot take a balance below zero. */
  @Post('points/adjustments')
  @DkpWrite()
  @Idempotent()
  @ApiProblem(409, ['insufficient-points'], 'The removal exceeds the balance')
  createAdjustment(@Posting() posting: PostingContext, @Body() dto: CreateAdjustmentDto): Promise<LedgerEntryDto> {
    return this.points.adjust(posting, dto);
  }

  /** Adjusts many users at once, all or nothing. */
  @Post('points/adjustments/bulk')
  @DkpWrite()
  @Idempotent()
  @ApiProblem(409, ['insufficient-points'], 'A removal exceeds a balance')
  createBulkAdjustment(@Posting() posting: PostingContext, @Body() dto: BulkAdjustmentDto): Promise<LedgerEntryDto[]> {
    return this.points.bulkAdjust(posting, dto);
  }

  /** Balance of the user linked to a Discord account: what the bot asks. */
  @Get('discord/users/:discordId/balance')
  @DiscordBalanceRead()
  getBalanceByDiscordId(
    @CurrentOrg() access: OrgAccess,
    @Param('discordId') discordId: string,
    @Query() q: BalanceQueryDto,
  ): Promise<UserBalanceDto> {
    return this.points.balanceByDiscordId(access.org.id, discordId, q.poolId);
  }
}
