import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';

import { ApiProblem } from '../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../platform/http/idempotency';
import { CurrentOrg } from '../../../platform/http/request';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { OrgContext } from '../../../platform/tenancy/org-context.decorator';
import { viewerOf } from '../bidding/bidding-viewer';
import { BiddingService } from '../bidding/bidding.service';
import { BidSessionDto } from '../bidding/dto/bidding.dto';
import { BidValidationDto, SubmitBidResultDto, ValidateBidDto } from '../bidding/dto/discord-bot.dto';
import { Posting } from '../common/posting.decorator';
import { BidRead, RunAuctions } from '../dkp-access';
import { LootDto } from '../items/dto/loot.dto';
import type { PostingContext } from '../points/ledger.service';

/** What the Discord bot calls when it runs auctions in chat. */
@OrgContext('dkp')
@Controller('orgs/:org/dkp/discord')
export class DiscordBotController {
  constructor(private readonly bidding: BiddingService) {}

  /** Open auctions, for the bot. */
  @Get('active-bids')
  @BidRead()
  listActiveBids(@CurrentOrg() access: OrgAccess): Promise<BidSessionDto[]> {
    return this.bidding.list(access.org.id, { status: 'open' }, viewerOf(access));
  }

  /** Whether a member could bid `amount` in a pool, before the bot accepts it in chat. */
  @Post('validate-bid')
  @HttpCode(200)
  @BidRead()
  validateBid(@CurrentOrg() access: OrgAccess, @Body() dto: ValidateBidDto): Promise<BidValidationDto> {
    return this.bidding.validateBid(access.org.id, dto);
  }

  /** Records the result of an auction the bot ran in chat: a loot award and its debit. Retry with the same Idempotency-Key. */
  @Post('bid-results')
  @RunAuctions()
  @Idempotent()
  @ApiProblem(409, ['insufficient-points'], "The amount exceeds the winner's balance")
  submitBidResult(@Posting('caller') posting: PostingContext, @Body() dto: SubmitBidResultDto): Promise<LootDto> {
    return this.bidding.submitResult(posting, dto);
  }
}
