import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StarcorpPeopleModule } from '../people/people.module';
import { StarcorpMissionRemindersService } from './mission-reminders.service';
import { StarcorpMissionParticipant } from './mission-participant.entity';
import { StarcorpMission } from './mission.entity';
import { StarcorpMissionsController } from './missions.controller';
import { StarcorpMissionsRepository } from './missions.repository';
import { StarcorpMissionsService } from './missions.service';

/** Missions: officers and squadron commanders run them, members sign up with their own hulls. */
@Module({
  imports: [StarcorpPeopleModule, TypeOrmModule.forFeature([StarcorpMission, StarcorpMissionParticipant])],
  controllers: [StarcorpMissionsController],
  providers: [StarcorpMissionsRepository, StarcorpMissionsService, StarcorpMissionRemindersService],
  exports: [StarcorpMissionsService, StarcorpMissionRemindersService],
})
export class StarcorpMissionsModule {}
