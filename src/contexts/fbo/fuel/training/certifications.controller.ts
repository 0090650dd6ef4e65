import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '../../../../platform/http/api-problem.decorator';
import { Page, PageOf } from '../../../../platform/http/pagination';
import { UuidParam } from '../../../../platform/http/params';
import { CurrentOrg } from '../../../../platform/http/request';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { OrgContext } from '../../../../platform/tenancy/org-context.decorator';
import { FboRead, FboTrain } from '../../fbo-access';
import { CertificationsService } from './certifications.service';
import {
  CertificationCalendarDto,
  CertificationCalendarQueryDto,
  CertificationDto,
  CertificationRecordDto,
  CertificationWindowQueryDto,
  CompleteCertificationDto,
  ListCertificationsQueryDto,
} from './dto/certification.dto';
import { FuelerComplianceDto, ListComplianceQueryDto } from './dto/compliance.dto';

const CertificationPageDto = PageOf(CertificationDto);
const FuelerCompliancePageDto = PageOf(FuelerComplianceDto);

@ApiTags('fbo-training')
@OrgContext('fbo')
@Controller('orgs/:org/fbo')
export class CertificationsController {
  constructor(private readonly certifications: CertificationsService) {}

  /** Records a completed course; the expiry follows the course's validity unless given. */
  @Post('certifications/complete')
  @FboTrain()
  @ApiCreatedResponse({ type: CertificationDto })
  @ApiProblem(409, ['certifier-not-qualified'])
  completeFboCertification(
    @CurrentOrg() access: OrgAccess,
    @Body() dto: CompleteCertificationDto,
  ): Promise<CertificationDto> {
    return this.certifications.complete(access, dto);
  }

  /** Current certifications by expiry, soonest first; filter valid, expiring within `days`, or expired. */
  @Get('certifications')
  @FboRead()
  @ApiOkResponse({ type: CertificationPageDto })
  listFboCertifications(
    @CurrentOrg() access: OrgAccess,
    @Query() q: ListCertificationsQueryDto,
  ): Promise<Page<CertificationDto>> {
    return this.certifications.list(access.org.id, q);
  }

  /** Expiries per day from `from` to `to` (at most 366 days), for a training calendar. */
  @Get('certifications/calendar')
  @FboRead()
  @ApiOkResponse({ type: CertificationCalendarDto })
  getFboCertificationCalendar(
    @CurrentOrg() access: OrgAccess,
    @Query() q: CertificationCalendarQueryDto,
  ): Promise<CertificationCalendarDto> {
    return this.certifications.calendar(access.org.id, q);
  }

  /** A fueler's current certifications by expiry. */
  @Get('fuelers/:id/certifications')
  @FboRead()
  @ApiOkResponse({ type: CertificationPageDto })
  listFboFuelerCertifications(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Query() q: CertificationWindowQueryDto,
  ): Promise<Page<CertificationDto>> {
    return this.certifications.listForFueler(access.org.id, id, q);
  }

  /** Every completion ever recorded for a fueler, newest first (the history is never deleted). */
  @Get('fuelers/:id/certification-history')
  @FboRead()
  @ApiOkResponse({ type: [CertificationRecordDto] })
  listFboFuelerCertificationHistory(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
  ): Promise<CertificationRecordDto[]> {
    return this.certifications.history(access.org.id, id);
  }

  /** Per fueler, by name: the standing in every required course, and overdue training assignments. */
  @Get('compliance')
  @FboRead()
  @ApiOkResponse({ type: FuelerCompliancePageDto })
  listFboCompliance(
    @CurrentOrg() access: OrgAccess,
    @Query() q: ListComplianceQueryDto,
  ): Promise<Page<FuelerComplianceDto>> {
    return this.certifications.compliance(access.org.id, q);
  }

  /** The caller's own current certifications (404 when the caller is not a fueler). */
  @Get('me/certifications')
  @FboRead()
  @ApiOkResponse({ type: CertificationPageDto })
  listMyFboCertifications(
    @CurrentOrg() access: OrgAccess,
    @Query() q: CertificationWindowQueryDto,
  ): Promise<Page<CertificationDto>> {
    return this.certifications.listMine(access, q);
  }
}
