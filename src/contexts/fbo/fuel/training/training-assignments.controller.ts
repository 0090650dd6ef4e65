import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '../../../../platform/http/api-problem.decorator';
import { Page, PageOf } from '../../../../platform/http/pagination';
import { UuidParam } from '../../../../platform/http/params';
import { CurrentOrg } from '../../../../platform/http/request';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { OrgContext } from '../../../../platform/tenancy/org-context.decorator';
import { FboRead, FboTrain } from '../../fbo-access';
import {
  CreateTrainingAssignmentDto,
  ListTrainingAssignmentsQueryDto,
  TrainingAssignmentDto,
} from './dto/training-assignment.dto';
import { TrainingAssignmentsService } from './training-assignments.service';

const TrainingAssignmentPageDto = PageOf(TrainingAssignmentDto);

@ApiTags('fbo-training')
@OrgContext('fbo')
@Controller('orgs/:org/fbo')
export class TrainingAssignmentsController {
  constructor(private readonly assignments: TrainingAssignmentsService) {}

  /** Lists training assignments by due day; filter status, fueler, overdue. */
  @Get('training-assignments')
  @FboRead()
  @ApiOkResponse({ type: TrainingAssignmentPageDto })
  listFboTrainingAssignments(
    @CurrentOrg() access: OrgAccess,
    @Query() q: ListTrainingAssignmentsQueryDto,
  ): Promise<Page<TrainingAssignmentDto>> {
    return this.assignments.list(access.org.id, q);
  }

  /** Assigns a course to a fueler, due by a day; recording the certification completes it. */
  @Post('training-assignments')
  @FboTrain()
  @ApiCreatedResponse({ type: TrainingAssignmentDto })
  createFboTrainingAssignment(
    @CurrentOrg() access: OrgAccess,
    @Body() dto: CreateTrainingAssignmentDto,
  ): Promise<TrainingAssignmentDto> {
    return this.assignments.create(access, dto);
  }

  /** Cancels an assignment that is still open. */
  @Post('training-assignments/:id/cancel')
  @FboTrain()
  @HttpCode(200)
  @ApiOkResponse({ type: TrainingAssignmentDto })
  @ApiProblem(409, ['invalid-transition'])
  cancelFboTrainingAssignment(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
  ): Promise<TrainingAssignmentDto> {
    return this.assignments.cancel(access.org.id, id);
  }
}
