import { Module } from '@nestjs/common';
import { StarcorpCommunicationsModule } from './communications/communications.module';
import { StarcorpDashboardModule } from './dashboard/dashboard.module';
import { StarcorpMissionsModule } from './missions/missions.module';
import { StarcorpPeopleModule } from './people/people.module';
import { StarcorpPublishingModule } from './publishing/publishing.module';
import { StarcorpRsiModule } from './rsi/rsi.module';

/**
 * The Star Citizen corporation context: a small parent of one module per side. Routes live under
 * /orgs/{org}/starcorp/... and answer 404 for orgs that have not enabled `starcorp`.
 */
@Module({
  imports: [
    StarcorpPeopleModule,
    StarcorpPublishingModule,
    StarcorpRsiModule,
    StarcorpMissionsModule,
    StarcorpDashboardModule,
    StarcorpCommunicationsModule,
  ],
  exports: [StarcorpPeopleModule, StarcorpPublishingModule, StarcorpRsiModule, StarcorpMissionsModule],
})
export class StarcorpModule {}
