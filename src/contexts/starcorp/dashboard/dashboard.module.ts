import { Module } from '@nestjs/common';
import { StarcorpCommunicationsModule } from '../communications/communications.module';
import { StarcorpMissionsModule } from '../missions/missions.module';
import { StarcorpPeopleModule } from '../people/people.module';

import { StarcorpDashboardController } from './dashboard.controller';
import { StarcorpDashboardRepository } from './dashboard.repository';
import { StarcorpDashboardService } from './dashboard.service';

/** The corporation's dashboard: read-only aggregates over people, ships, missions and the contact inbox. */
@Module({
  imports: [StarcorpPeopleModule, StarcorpCommunicationsModule, StarcorpMissionsModule],
  controllers: [StarcorpDashboardController],
  providers: [StarcorpDashboardRepository, StarcorpDashboardService],
})
export class StarcorpDashboardModule {}
