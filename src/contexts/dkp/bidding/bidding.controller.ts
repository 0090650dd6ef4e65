import { Body, Controller, Get, HttpCode, MessageEvent, Param, Post, Query, Sse } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { Observable } from 'rxjs';
import { ApiResumableStream, LastEventId } from '../../../platform/events/last-event-id';
import { LiveEvents } from '../../../platform/events/live-events';
import { ApiProblem } from '../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../platform/http/idempotency';
import { UuidParam } from '../../../platform/http/params';
import { CurrentOrg, CurrentPrincipal } from '../../../platform/http/request';
import type { Principal } from '../../../platform/auth/principal';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { OrgContext } from '../../../platform/tenancy/org-context.decorator';
import { Posting } from '../common/posting.decorator';
import { BidAsMember, BidRead, RunAuctions } from '../dkp-access';
import type { PostingContext } from '../points/ledger.service';
import { viewerOf } from './bidding-viewer';
import { BiddingService, biddingTopic } from './bidding.service';
import {
  BidSessionDetailDto,
  BidSessionDto,
  ListBidSessionsQueryDto,
  MaxBidDto,
  MaxBidQueryDto,
  PlaceBidDto,
  PlaceBidResultDto,
  StartBidSessionDto,
} from './dto/bidding.dto';

@OrgContext('dkp')
@Controller('orgs/:org/dkp')
export class BiddingController {
  constructor(
    private readonly bidding: BiddingService,
    private readonly live: LiveEvents,
  ) {}

  /** Opens an auction for a dropped item, with the pool's auction rules. */
  @Post('bidding/sessions')
  @RunAuctions()
  @Idempotent()
  startBidSession(@CurrentOrg() access: OrgAccess, @Body() dto: StartBidSessionDto): Promise<BidSessionDto> {
    return this.bidding.start(access.org.id, access.userId, dto);
  }

  /** Sessions by status (open by default), soonest to close first. */
  @Get('bidding/sessions')
  @BidRead()
  listBidSessions(@CurrentOrg() access: OrgAccess, @Query() q: ListBidSessionsQueryDto): Promise<BidSessionDto[]> {
    return this.bidding.list(access.org.id, q, viewerOf(access));
  }

  /** A session with its bids; in a sealed auction, bidders see only their own bids until close. */
  @Get('bidding/sessions/:id')
  @BidRead()
  getBidSession(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<BidSessionDetailDto> {
    return this.bidding.detail(access.org.id, id, viewerOf(access));
  }

  /** Places a bid for the caller (or, for officers and bots, for the member with `discordId`). */
  @Post('bidding/sessions/:id/bids')
  @BidAsMember()
  @Idempotent()
  @ApiProblem(
    409,
    ['auction-closed', 'bid-too-low', 'bid-exceeds-balance'],
    'Auction closed, bid too low, or above what the bidder can spend',
  )
  @ApiProblem(403, ['forbidden'], 'Only officers and bots bid on behalf of others')
  placeBid(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: PlaceBidDto,
  ): Promise<PlaceBidResultDto> {
    return this.bidding.placeBid(access.org.id, id, viewerOf(access), dto);
  }

  /**
   * Ends bidding and fixes winners and prices, among the bids their bidders can still pay.
   * Closing again returns the same result.
   */
  @Post('bidding/sessions/:id/close')
  @HttpCode(200)
  @RunAuctions()
  @ApiProblem(409, ['auction-cancelled'], 'The auction was cancelled')
  closeBidSession(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<BidSessionDetailDto> {
    return this.bidding.close(access.org.id, id);
  }

  /**
   * Debits the winners (a loot award each). A winner who can no longer pay is passed over for the
   * next bidder who can. Awarding again returns the same result.
   */
  @Post('bidding/sessions/:id/award')
  @HttpCode(200)
  @RunAuctions()
  @ApiProblem(
    409,
    ['auction-not-closed', 'insufficient-points'],
    'The auction is open or cancelled, or a winner cannot pay',
  )
  awardBidSession(
    @Posting('caller') posting: PostingContext,
    @UuidParam('id') id: string,
  ): Promise<BidSessionDetailDto> {
    return this.bidding.award(posting, id);
  }

  @Post('bidding/sessions/:id/cancel')
  @ApiOperation({ summary: 'Cancel a bid session without awarding the item' })
  @HttpCode(200)
  @RunAuctions()
  @ApiProblem(409, ['auction-awarded'], 'The auction was awarded')
  cancelBidSession(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<BidSessionDetailDto> {
    return this.bidding.cancel(access.org.id, id);
  }

  /** Balance minus what the user leads with in the pool's open auctions and owes for closed, unawarded wins. */
  @Get('bidding/users/:discordId/max-bid')
  @BidRead()
  getMaxBid(
    @CurrentOrg() access: OrgAccess,
    @Param('discordId') discordId: string,
    @Query() q: MaxBidQueryDto,
  ): Promise<MaxBidDto> {
    return this.bidding.maxBid(access.org.id, q.poolId, discordId);
  }

  /**
   * Server-sent events for the org's auctions: session_started, bid_placed, outbid,
   * session_closed, session_awarded, session_cancelled (and a heartbeat every 15 s). Every event
   * has an id; a client reconnecting with Last-Event-ID gets the events it missed, or a `reset`
   * event (refetch) when they are no longer kept. The stream starts with `retry: 3000`.
   */
  @Sse('bidding/events')
  @BidRead()
  @ApiResumableStream()
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'An event stream (text/event-stream)' })
  @ApiProblem(429, ['too-many-streams'], 'Too many open event streams for this credential or org')
  streamBiddingEvents(
    @CurrentOrg() access: OrgAccess,
    @CurrentPrincipal() principal: Principal,
    @LastEventId() lastEventId: string | undefined,
  ): Observable<MessageEvent> {
    return this.live.stream(biddingTopic(access.org.id), { principal, orgId: access.org.id }, lastEventId);
  }
}
