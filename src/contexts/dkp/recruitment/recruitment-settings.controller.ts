import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { UuidParam } from '../../../platform/http/params';
import { CurrentOrg } from '../../../platform/http/request';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { OrgContext } from '../../../platform/tenancy/org-context.decorator';
import {
  ApplicationQuestionDto,
  CreateApplicationQuestionDto,
  ListApplicationQuestionsQueryDto,
  RecruitmentSettingsDto,
  UpdateApplicationQuestionDto,
  UpdateRecruitmentSettingsDto,
} from './dto/recruitment-settings.dto';
import { ReadQuestionnaire, RecruitmentAdmins, Recruiters } from './recruitment-access';
import { RecruitmentSettingsService } from './recruitment-settings.service';

/** The org's recruitment rules and the questionnaire applicants answer. */
@OrgContext('dkp')
@Controller('orgs/:org/dkp/applications')
export class RecruitmentSettingsController {
  constructor(private readonly settings: RecruitmentSettingsService) {}

  /** The org's questionnaire (active questions; recruiters may ask for inactive ones too). Open to any logged-in user. */
  @Get('questions')
  @ReadQuestionnaire()
  listApplicationQuestions(
    @CurrentOrg() access: OrgAccess,
    @Query() q: ListApplicationQuestionsQueryDto,
  ): Promise<ApplicationQuestionDto[]> {
    return this.settings.listQuestions(access, q);
  }

  @Post('questions')
  @ApiOperation({ summary: 'Add a question to the application form' })
  @Recruiters()
  createApplicationQuestion(
    @CurrentOrg() access: OrgAccess,
    @Body() dto: CreateApplicationQuestionDto,
  ): Promise<ApplicationQuestionDto> {
    return this.settings.createQuestion(access.org.id, dto);
  }

  @Patch('questions/:questionId')
  @ApiOperation({ summary: 'Change an application question' })
  @Recruiters()
  updateApplicationQuestion(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('questionId') id: string,
    @Body() dto: UpdateApplicationQuestionDto,
  ): Promise<ApplicationQuestionDto> {
    return this.settings.updateQuestion(access.org.id, id, dto);
  }

  /** Deletes a question; submitted applications keep their answers with the prompt. */
  @Delete('questions/:questionId')
  @HttpCode(204)
  @Recruiters()
  deleteApplicationQuestion(@CurrentOrg() access: OrgAccess, @UuidParam('questionId') id: string): Promise<void> {
    return this.settings.deleteQuestion(access.org.id, id);
  }

  /** The org's recruitment rules (defaults until changed). */
  @Get('settings')
  @Recruiters()
  getRecruitmentSettings(@CurrentOrg() access: OrgAccess): Promise<RecruitmentSettingsDto> {
    return this.settings.get(access.org.id);
  }

  /** Changes the rules; votes already open keep the rules they opened with. */
  @Patch('settings')
  @RecruitmentAdmins()
  updateRecruitmentSettings(
    @CurrentOrg() access: OrgAccess,
    @Body() dto: UpdateRecruitmentSettingsDto,
  ): Promise<RecruitmentSettingsDto> {
    return this.settings.update(access.org.id, dto);
  }
}
