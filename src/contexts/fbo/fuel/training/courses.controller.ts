import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '../../../../platform/http/api-problem.decorator';
import { Page, PageOf } from '../../../../platform/http/pagination';
import { UuidParam } from '../../../../platform/http/params';
import { CurrentOrg } from '../../../../platform/http/request';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { OrgContext } from '../../../../platform/tenancy/org-context.decorator';
import { FboOfficer, FboRead } from '../../fbo-access';
import { TrainingCoursesService } from './courses.service';
import {
  CreateTrainingCourseDto,
  ListTrainingCoursesQueryDto,
  TrainingCourseDto,
  UpdateTrainingCourseDto,
} from './dto/course.dto';

const TrainingCoursePageDto = PageOf(TrainingCourseDto);

@ApiTags('fbo-training')
@OrgContext('fbo')
@Controller('orgs/:org/fbo')
export class TrainingCoursesController {
  constructor(private readonly courses: TrainingCoursesService) {}

  /** Lists training courses by name. */
  @Get('training-courses')
  @FboRead()
  @ApiOkResponse({ type: TrainingCoursePageDto })
  listFboTrainingCourses(
    @CurrentOrg() access: OrgAccess,
    @Query() q: ListTrainingCoursesQueryDto,
  ): Promise<Page<TrainingCourseDto>> {
    return this.courses.list(access.org.id, q);
  }

  /** Gets a training course. */
  @Get('training-courses/:id')
  @FboRead()
  @ApiOkResponse({ type: TrainingCourseDto })
  getFboTrainingCourse(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<TrainingCourseDto> {
    return this.courses.detail(access.org.id, id);
  }

  /** Defines a course; its validity is in days or in calendar months, exactly one. */
  @Post('training-courses')
  @FboOfficer()
  @ApiCreatedResponse({ type: TrainingCourseDto })
  @ApiProblem(409, ['course-name-taken'])
  createFboTrainingCourse(
    @CurrentOrg() access: OrgAccess,
    @Body() dto: CreateTrainingCourseDto,
  ): Promise<TrainingCourseDto> {
    return this.courses.create(access.org.id, dto);
  }

  /** Changes a course; recorded expiries stay as they were computed. */
  @Patch('training-courses/:id')
  @FboOfficer()
  @ApiOkResponse({ type: TrainingCourseDto })
  @ApiProblem(409, ['course-name-taken'])
  updateFboTrainingCourse(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdateTrainingCourseDto,
  ): Promise<TrainingCourseDto> {
    return this.courses.update(access.org.id, id, dto);
  }

  /** Deletes a course nobody was certified in or assigned. */
  @Delete('training-courses/:id')
  @FboOfficer()
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiProblem(409, ['course-in-use'])
  deleteFboTrainingCourse(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.courses.remove(access.org.id, id);
  }
}
