import { Module } from '@nestjs/common';
import { StarcorpPeopleModule } from './people/people.module';
import { StarcorpPublishingModule } from './publishing/publishing.module';

/**
 * The Star Citizen corporation context: a small parent of one module per side. Routes live under
 * /orgs/{org}/starcorp/... and answer 404 for orgs that have not enabled `starcorp`.
 */
@Module({
  imports: [StarcorpPeopleModule, StarcorpPublishingModule],
  exports: [StarcorpPeopleModule, StarcorpPublishingModule],
})
export class StarcorpModule {}
