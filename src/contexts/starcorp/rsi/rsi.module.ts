import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StarcorpPeopleModule } from '../people/people.module';
import { StarcorpRsiClaimCode } from './members/rsi-claim-code.entity';
import { StarcorpRsiMember } from './members/rsi-member.entity';
import { StarcorpRsiProfile } from './profile/rsi-profile.entity';
import { RsiSyncJob } from './rsi-sync.job';
import { RsiController } from './rsi.controller';
import { RsiRepository } from './rsi.repository';
import { RsiService } from './rsi.service';
import { RsiApiClient } from './upstream/rsi-api.client';

/** The RSI mirror: the org's RSI profile and listed citizens, synced from the Star Citizen API. */
@Module({
  imports: [
    StarcorpPeopleModule,
    TypeOrmModule.forFeature([StarcorpRsiProfile, StarcorpRsiMember, StarcorpRsiClaimCode]),
  ],
  controllers: [RsiController],
  providers: [RsiApiClient, RsiRepository, RsiService, RsiSyncJob],
  exports: [RsiService],
})
export class StarcorpRsiModule {}
