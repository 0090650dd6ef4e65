import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../platform/auth/principal';
import { ApiProblem } from '../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../platform/http/idempotency';
import { Page, PageOf } from '../../../platform/http/pagination';
import { UuidParam } from '../../../platform/http/params';
import { CurrentOrg, CurrentPrincipal } from '../../../platform/http/request';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { OrgContext } from '../../../platform/tenancy/org-context.decorator';
import { DkpRead, DkpWrite } from '../dkp-access';
import { AdjustmentsQueryDto, BalanceQueryDto, BulkAdjustmentDto, CreateAdjustmentDto, LeaderboardEntryDto, LeaderboardQueryDto, LedgerEntryDto, PointHistoryQueryDto, PoolPointsDto, UserBalanceDto, UserPointsDto } from './dto/points.dto';
import { PointsService } from './points.service';

const LedgerEntryPageDto = PageOf(LedgerEntryDto);
const LeaderboardEntryPageDto = PageOf(LeaderboardEntryDto);

@ApiTags('dkp-points')
@OrgContext('dkp')
@Controller('orgs/:org/dkp')
export class PointsController {
  constructor(private readonly points: PointsService) {}

  /** Balances in every pool, with attendance rates over 30/60/90 days and lifetime. */
  @Get('points/users/:userId')
  @DkpRead()
  @ApiOkResponse({ type: UserPointsDto })
  getUserPoints(@CurrentOrg() a: OrgAccess, @UuidParam('userId') userId: string): Promise<UserPointsDto> {
    return this.points.userPoints(a.org.id, userId);
  }

  @Get('points/users/:userId/pools/:poolId')
  @DkpRead()
  @ApiOkResponse({ type: PoolPointsDto })
  getUserPoolPoints(@CurrentOrg() a: OrgAccess, @UuidParam('userId') userId: string, @UuidParam('poolId') poolId: string): Promise<PoolPointsDto> {
    return this.points.userPoolPoints(a.org.id, userId, poolId);
  }

  /** The user's ledger, newest first. */
  @Get('points/users/:userId/history')
  @DkpRead()
  @ApiOkResponse({ type: LedgerEntryPageDto })
  getPointHistory(@CurrentOrg() a: OrgAccess, @UuidParam('userId') userId: string, @Query() q: PointHistoryQueryDto): Promise<Page<LedgerEntryDto>> {
    return this.points.history(a.org.id, userId, q);
  }

  @Get('points/leaderboard/:poolId')
  @DkpRead()
  @ApiOkResponse({ type: LeaderboardEntryPageDto })
  getLeaderboard(@CurrentOrg() a: OrgAccess, @UuidParam('poolId') poolId: string, @Query() q: LeaderboardQueryDto): Promise<Page<LeaderboardEntryDto>> {
    return this.points.leaderboard(a.org.id, poolId, q.limit, q.offset);
  }

  /** Ledger rows recorded under a character name (as it was at the time). */
  @Get('points/character-attribution/:characterName')
  @DkpRead()
  @ApiOkResponse({ type: LedgerEntryPageDto })
  getCharacterAttribution(@CurrentOrg() a: OrgAccess, @Param('characterName') name: string, @Query() q: PointHistoryQueryDto): Promise<Page<LedgerEntryDto>> {
    return this.points.characterAttribution(a.org.id, name, q);
  }

  @Get('points/adjustments')
  @DkpRead()
  @ApiOkResponse({ type: LedgerEntryPageDto })
  listAdjustments(@CurrentOrg() a: OrgAccess, @Query() q: AdjustmentsQueryDto): Promise<Page<LedgerEntryDto>> {
    return this.points.adjustments(a.org.id, q);
  }

  /** Adds or removes points with a reason. A removal cannot take a balance below zero. */
  @Post('points/adjustments')
  @DkpWrite()
  @Idempotent()
  @ApiCreatedResponse({ type: LedgerEntryDto })
  @ApiProblem(409, 'The removal exceeds the balance')
  createAdjustment(@CurrentOrg() a: OrgAccess, @CurrentPrincipal() p: Principal, @Body() dto: CreateAdjustmentDto): Promise<LedgerEntryDto> {
    return this.points.adjust({ orgId: a.org.id, actorUserId: p.user.id, source: 'api' }, dto);
  }

  /** Adjusts many users at once, all or nothing. */
  @Post('points/adjustments/bulk')
  @DkpWrite()
  @Idempotent()
  @ApiCreatedResponse({ type: [LedgerEntryDto] })
  @ApiProblem(409, 'A removal exceeds a balance')
  createBulkAdjustment(@CurrentOrg() a: OrgAccess, @CurrentPrincipal() p: Principal, @Body() dto: BulkAdjustmentDto): Promise<LedgerEntryDto[]> {
    return this.points.bulkAdjust({ orgId: a.org.id, actorUserId: p.user.id, source: 'api' }, dto);
  }

  /** Balance of the user linked to a Discord account: what the bot asks. */
  @Get('discord/users/:discordId/balance')
  @DkpRead()
  @ApiOkResponse({ type: UserBalanceDto })
  getBalanceByDiscordId(@CurrentOrg() a: OrgAccess, @Param('discordId') discordId: string, @Query() q: BalanceQueryDto): Promise<UserBalanceDto> {
    return this.points.balanceByDiscordId(a.org.id, discordId, q.poolId);
  }
}
