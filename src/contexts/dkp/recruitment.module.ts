import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DkpPointsModule } from './points.module';
import { ApplicationComment } from './recruitment/application-comment.entity';
import { ApplicationEvents } from './recruitment/application-events';
import { ApplicationQuestion } from './recruitment/application-question.entity';
import { ApplicationVoteChange } from './recruitment/application-vote-change.entity';
import { ApplicationVote } from './recruitment/application-vote.entity';
import { ApplicationVotesController } from './recruitment/application-votes.controller';
import { ApplicationVotesRepository } from './recruitment/application-votes.repository';
import { ApplicationVotesService } from './recruitment/application-votes.service';
import { Application } from './recruitment/application.entity';
import { ApplicationsController } from './recruitment/applications.controller';
import { ApplicationsRepository } from './recruitment/applications.repository';
import { ApplicationsService } from './recruitment/applications.service';
import { RecruitmentSettingsController } from './recruitment/recruitment-settings.controller';
import { RecruitmentSettings } from './recruitment/recruitment-settings.entity';
import { RecruitmentSettingsRepository } from './recruitment/recruitment-settings.repository';
import { RecruitmentSettingsService } from './recruitment/recruitment-settings.service';
import { DkpRosterModule } from './roster.module';

/** Recruitment: applications, the questionnaire, member votes, trials. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Application,
      ApplicationQuestion,
      ApplicationVote,
      ApplicationVoteChange,
      ApplicationComment,
      RecruitmentSettings,
    ]),
    DkpRosterModule,
    DkpPointsModule,
  ],
  controllers: [ApplicationsController, ApplicationVotesController, RecruitmentSettingsController],
  providers: [
    RecruitmentSettingsRepository,
    RecruitmentSettingsService,
    ApplicationsRepository,
    ApplicationEvents,
    ApplicationsService,
    ApplicationVotesRepository,
    ApplicationVotesService,
  ],
})
export class DkpRecruitmentModule {}
