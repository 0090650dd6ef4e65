import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Attendance } from './attendance/attendance.entity';
import { BidSession } from './bidding/bid-session.entity';
import { Bid } from './bidding/bid.entity';
import { BiddingController } from './bidding/bidding.controller';
import { BiddingService } from './bidding/bidding.service';
import { AttendanceService } from './attendance/attendance.service';
import { DiscordRoleMapping } from './discord/discord-role-mapping.entity';
import { DiscordRolesController } from './discord/discord-roles.controller';
import { DiscordRosterService } from './discord/discord-roster.service';
import { DiscordSyncLog } from './discord/discord-sync-log.entity';
import { DiscordSyncService } from './discord/discord-sync.service';
import { DecayRun } from './decay/decay-run.entity';
import { DecayService } from './decay/decay.service';
import { DkpEvent } from './events/dkp-event.entity';
import { EventsService } from './events/events.service';
import { Item } from './items/item.entity';
import { ItemsController } from './items/items.controller';
import { ItemsService } from './items/items.service';
import { Loot } from './items/loot.entity';
import { LootService } from './items/loot.service';
import { Balance } from './points/balance.entity';
import { LedgerEntry } from './points/ledger-entry.entity';
import { LedgerService } from './points/ledger.service';
import { PointsController } from './points/points.controller';
import { PointsService } from './points/points.service';
import { Pool } from './pools/pool.entity';
import { PoolsController } from './pools/pools.controller';
import { PoolsService } from './pools/pools.service';
import { RaidsController } from './raids/raids.controller';
import { Raid } from './raids/raid.entity';
import { RaidsService } from './raids/raids.service';
import { CharacterOwnership } from './roster/character-ownership.entity';
import { Character } from './roster/character.entity';
import { CharactersService } from './roster/characters.service';
import { Rank } from './roster/rank.entity';
import { RanksService } from './roster/ranks.service';
import { RosterController } from './roster/roster.controller';
import { ApplicationComment } from './recruitment/application-comment.entity';
import { ApplicationQuestion } from './recruitment/application-question.entity';
import { ApplicationVoteChange } from './recruitment/application-vote-change.entity';
import { ApplicationVote } from './recruitment/application-vote.entity';
import { ApplicationVotesService } from './recruitment/application-votes.service';
import { Application } from './recruitment/application.entity';
import { ApplicationsController } from './recruitment/applications.controller';
import { ApplicationsService } from './recruitment/applications.service';
import { RecruitmentSettings } from './recruitment/recruitment-settings.entity';
import { RecruitmentSettingsService } from './recruitment/recruitment-settings.service';

/**
 * The guild DKP context (EQ DKP Plus): roster, pools and events, raids and attendance, the
 * points ledger, items and loot, decay, live auctions and the Discord bot's endpoints. Routes live under /orgs/{org}/dkp/... and answer 404
 * for orgs that have not enabled `dkp`.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Pool, Rank, Character, CharacterOwnership, DkpEvent, Raid, Attendance, LedgerEntry, Balance, Item, Loot, DecayRun, BidSession, Bid, DiscordRoleMapping, DiscordSyncLog, Application, ApplicationQuestion, ApplicationVote, ApplicationVoteChange, ApplicationComment, RecruitmentSettings])],
  controllers: [RosterController, PoolsController, RaidsController, PointsController, ItemsController, BiddingController, DiscordRolesController, ApplicationsController],
  providers: [RanksService, CharactersService, PoolsService, EventsService, RaidsService, AttendanceService, LedgerService, PointsService, ItemsService, LootService, DecayService, BiddingService, DiscordRosterService, DiscordSyncService, RecruitmentSettingsService, ApplicationsService, ApplicationVotesService],
  exports: [LedgerService, PointsService, LootService, CharactersService],
})
export class DkpModule {}
