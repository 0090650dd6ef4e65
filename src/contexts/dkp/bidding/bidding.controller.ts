import { Body, Controller, Get, HttpCode, MessageEvent, Param, Post, Query, Sse } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { map, Observable } from 'rxjs';
import { Access } from '../../../platform/auth/access.decorator';
import type { Principal } from '../../../platform/auth/principal';
import { LiveEvents } from '../../../platform/events/live-events';
import { ApiProblem } from '../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../platform/http/idempotency';
import { UuidParam } from '../../../platform/http/params';
import { CurrentOrg, CurrentPrincipal } from '../../../platform/http/request';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { OrgContext } from '../../../platform/tenancy/org-context.decorator';
import { tierAtLeast } from '../../../platform/tenancy/tiers';
import { LootDto } from '../items/dto/loot.dto';
import { LootService } from '../items/loot.service';
import { BiddingService, BiddingViewer, biddingTopic } from './bidding.service';
import { BidSessionDetailDto, BidSessionDto, ListBidSessionsQueryDto, MaxBidDto, MaxBidQueryDto, PlaceBidDto, PlaceBidResultDto, StartBidSessionDto } from './dto/bidding.dto';
import { BidValidationDto, SubmitBidResultDto, ValidateBidDto } from './dto/discord-bot.dto';

/** Members bid; officers and bots (scope dkp:bidding) run auctions. */
const BidRead = () => Access({ tier: 'readonly', scopes: ['dkp:bidding'] });
const BidAsMember = () => Access({ tier: 'member', scopes: ['dkp:bidding'] });
const RunAuctions = () => Access({ tier: 'officer', scopes: ['dkp:bidding'] });

/** Bot keys (no user) run auctions like officers; a null tier with a user is a stranger, never privileged. */
function viewerOf(access: OrgAccess): BiddingViewer {
  const privileged = access.userId === null || (access.tier !== null && tierAtLeast(access.tier, 'officer'));
  return { userId: access.userId, privileged };
}

@ApiTags('dkp-bidding')
@OrgContext('dkp')
@Controller('orgs/:org/dkp')
export class BiddingController {
  constructor(
    private readonly bidding: BiddingService,
    private readonly loot: LootService,
    private readonly live: LiveEvents,
  ) {}

  /** Opens an auction for a dropped item, with the pool's auction rules. */
  @Post('bidding/sessions')
  @RunAuctions()
  @Idempotent()
  @ApiCreatedResponse({ type: BidSessionDto })
  startBidSession(@CurrentOrg() a: OrgAccess, @Body() dto: StartBidSessionDto): Promise<BidSessionDto> {
    return this.bidding.start(a.org.id, a.userId, dto);
  }

  /** Sessions by status (open by default), soonest to close first. */
  @Get('bidding/sessions')
  @BidRead()
  @ApiOkResponse({ type: [BidSessionDto] })
  listBidSessions(@CurrentOrg() a: OrgAccess, @Query() q: ListBidSessionsQueryDto): Promise<BidSessionDto[]> {
    return this.bidding.list(a.org.id, q, viewerOf(a));
  }

  /** A session with its bids; in a sealed auction, bidders see only their own bids until close. */
  @Get('bidding/sessions/:id')
  @BidRead()
  @ApiOkResponse({ type: BidSessionDetailDto })
  getBidSession(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string): Promise<BidSessionDetailDto> {
    return this.bidding.detail(a.org.id, id, viewerOf(a));
  }

  /** Places a bid for the caller (or, for officers and bots, for the member with `discordId`). */
  @Post('bidding/sessions/:id/bids')
  @BidAsMember()
  @Idempotent()
  @ApiCreatedResponse({ type: PlaceBidResultDto })
  @ApiProblem(409, 'Auction closed, bid too low, or above what the bidder can spend')
  placeBid(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string, @Body() dto: PlaceBidDto): Promise<PlaceBidResultDto> {
    return this.bidding.placeBid(a.org.id, id, viewerOf(a), dto);
  }

  /** Ends bidding and fixes winners and prices. Closing again returns the same result. */
  @Post('bidding/sessions/:id/close')
  @HttpCode(200)
  @RunAuctions()
  @ApiOkResponse({ type: BidSessionDetailDto })
  @ApiProblem(409, 'The auction was cancelled')
  closeBidSession(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string): Promise<BidSessionDetailDto> {
    return this.bidding.close(a.org.id, id);
  }

  /** Debits the winners (a loot award each). Awarding again returns the same result. */
  @Post('bidding/sessions/:id/award')
  @HttpCode(200)
  @RunAuctions()
  @ApiOkResponse({ type: BidSessionDetailDto })
  @ApiProblem(409, 'The auction is open or cancelled, or a winner can no longer pay')
  awardBidSession(@CurrentOrg() a: OrgAccess, @CurrentPrincipal() p: Principal, @UuidParam('id') id: string): Promise<BidSessionDetailDto> {
    return this.bidding.award({ orgId: a.org.id, actorUserId: p.user.id, source: p.apiKey?.kind === 'bot' ? 'bot' : 'api' }, id);
  }

  @Post('bidding/sessions/:id/cancel')
  @HttpCode(200)
  @RunAuctions()
  @ApiOkResponse({ type: BidSessionDetailDto })
  @ApiProblem(409, 'The auction was awarded')
  cancelBidSession(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string): Promise<BidSessionDetailDto> {
    return this.bidding.cancel(a.org.id, id);
  }

  /** Balance minus what the user already leads with in the pool's open auctions. */
  @Get('bidding/users/:discordId/max-bid')
  @BidRead()
  @ApiOkResponse({ type: MaxBidDto })
  getMaxBid(@CurrentOrg() a: OrgAccess, @Param('discordId') discordId: string, @Query() q: MaxBidQueryDto): Promise<MaxBidDto> {
    return this.bidding.maxBid(a.org.id, q.poolId, discordId);
  }

  /**
   * Server-sent events for the org's auctions: session_started, bid_placed, outbid,
   * session_closed, session_awarded, session_cancelled (and a heartbeat every 15 s).
   */
  @Sse('bidding/events')
  @BidRead()
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'An event stream (text/event-stream)' })
  streamBiddingEvents(@CurrentOrg() a: OrgAccess): Observable<MessageEvent> {
    return this.live.stream(biddingTopic(a.org.id)).pipe(map((e) => ({ type: e.type, data: e.data }) as MessageEvent));
  }

  /** Open auctions, for the bot. */
  @Get('discord/active-bids')
  @BidRead()
  @ApiOkResponse({ type: [BidSessionDto] })
  listActiveBids(@CurrentOrg() a: OrgAccess): Promise<BidSessionDto[]> {
    return this.bidding.list(a.org.id, { status: 'open' }, viewerOf(a));
  }

  /** Whether a member could bid `amount` in a pool, before the bot accepts it in chat. */
  @Post('discord/validate-bid')
  @HttpCode(200)
  @BidRead()
  @ApiOkResponse({ type: BidValidationDto })
  async validateBid(@CurrentOrg() a: OrgAccess, @Body() dto: ValidateBidDto): Promise<BidValidationDto> {
    const max = await this.bidding.maxBid(a.org.id, dto.poolId, dto.discordId);
    const valid = Number(dto.amount) > 0 && Number(dto.amount) <= Number(max.maxBid);
    return { valid, reason: valid ? null : Number(dto.amount) <= 0 ? 'amount must be positive' : `exceeds the maximum bid of ${max.maxBid}`, maxBid: max.maxBid, balance: max.balance };
  }

  /** Records the result of an auction the bot ran in chat: a loot award and its debit. Retry with the same Idempotency-Key. */
  @Post('discord/bid-results')
  @RunAuctions()
  @Idempotent()
  @ApiCreatedResponse({ type: LootDto })
  @ApiProblem(409, 'The amount exceeds the winner\'s balance')
  async submitBidResult(@CurrentOrg() a: OrgAccess, @CurrentPrincipal() p: Principal, @Body() dto: SubmitBidResultDto): Promise<LootDto> {
    const user = await this.bidding.memberByDiscordId(a.org.id, dto.discordId);
    return this.loot.award(
      { orgId: a.org.id, actorUserId: p.user.id, source: p.apiKey?.kind === 'bot' ? 'bot' : 'api' },
      { itemName: dto.itemName, userId: user, amount: dto.amount, poolId: dto.poolId, raidId: dto.raidId, ...(dto.characterName ? { characterName: dto.characterName } : {}) },
    );
  }
}
