import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BidSession } from './bidding/bid-session.entity';
import { Bid } from './bidding/bid.entity';
import { BiddingController } from './bidding/bidding.controller';
import { BiddingRepository } from './bidding/bidding.repository';
import { BiddingService } from './bidding/bidding.service';
import { Item } from './items/item.entity';
import { ItemsController } from './items/items.controller';
import { ItemsRepository } from './items/items.repository';
import { ItemsService } from './items/items.service';
import { Loot } from './items/loot.entity';
import { LootRepository } from './items/loot.repository';
import { LootService } from './items/loot.service';
import { DkpPointsModule } from './points.module';
import { DkpRaidsModule } from './raids.module';

/** Loot: the item catalogue, loot awards charged to the ledger, and live auctions (bid sessions). */
@Module({
  imports: [TypeOrmModule.forFeature([Item, Loot, BidSession, Bid]), DkpPointsModule, DkpRaidsModule],
  controllers: [ItemsController, BiddingController],
  providers: [ItemsRepository, ItemsService, LootRepository, LootService, BiddingRepository, BiddingService],
  exports: [ItemsService, LootService, BiddingService],
})
export class DkpLootModule {}
