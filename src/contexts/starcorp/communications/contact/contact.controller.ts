import { Body, Controller, Get, HttpCode, Post, Put, Query, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Access } from '../../../../platform/auth/access.decorator';
import { ApiProblem } from '../../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../../platform/http/idempotency';
import { Page, PageOf } from '../../../../platform/http/pagination';
import { UuidParam } from '../../../../platform/http/params';
import { RateLimit } from '../../../../platform/http/rate-limit';
import { CurrentOrg } from '../../../../platform/http/request';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { OrgContext } from '../../../../platform/tenancy/org-context.decorator';
import { StarcorpWrite } from '../../starcorp-access';
import { ContactService } from './contact.service';

/** Contact messages per minute per client IP (beside the public-org limit of every public route). */
const CONTACT_PER_MINUTE = 5;
import {
  ContactReceiptDto,
  ContactSubmissionDto,
  ListContactSubmissionsQueryDto,
  ReplyToContactDto,
  SetContactStatusDto,
  SubmitContactDto,
} from './dto/contact.dto';

const ContactSubmissionPageDto = PageOf(ContactSubmissionDto);

/**
 * The public contact form and its triage by officers. The form counts in the public-org rate limit
 * like every public route, and also in a budget of its own: 5 a minute per IP.
 */
@ApiTags('starcorp-contact')
@OrgContext('starcorp')
@Controller('orgs/:org/starcorp/contact')
export class ContactController {
  constructor(private readonly contact: ContactService) {}

  /** Sends a message to the corporation's officers (public; 5 a minute per IP). */
  @Post()
  @HttpCode(202)
  @Access.publicOrg()
  @RateLimit({ bucket: 'starcorp-contact', perMinute: CONTACT_PER_MINUTE })
  @ApiAcceptedResponse({ type: ContactReceiptDto })
  submitStarcorpContact(
    @CurrentOrg() access: OrgAccess,
    @Body() dto: SubmitContactDto,
    @Req() request: FastifyRequest,
  ): Promise<ContactReceiptDto> {
    return this.contact.submit(access.org.id, dto, { ip: request.ip, userAgent: request.headers['user-agent'] ?? '' });
  }

  /** Lists submissions, newest first; filter by `status` and `spam`. */
  @Get('submissions')
  @StarcorpWrite()
  @ApiOkResponse({ type: ContactSubmissionPageDto })
  listStarcorpContactSubmissions(
    @CurrentOrg() access: OrgAccess,
    @Query() q: ListContactSubmissionsQueryDto,
  ): Promise<Page<ContactSubmissionDto>> {
    return this.contact.list(access.org.id, q);
  }

  /** Gets one submission. */
  @Get('submissions/:id')
  @StarcorpWrite()
  @ApiOkResponse({ type: ContactSubmissionDto })
  getStarcorpContactSubmission(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
  ): Promise<ContactSubmissionDto> {
    return this.contact.get(access.org.id, id);
  }

  /** Marks a submission read or archived (new → read|archived, read|replied → archived, archived → read). */
  @Put('submissions/:id/status')
  @StarcorpWrite()
  @ApiOkResponse({ type: ContactSubmissionDto })
  @ApiProblem(409, ['invalid-transition'], 'The submission cannot move from its current state to that one')
  setStarcorpContactStatus(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: SetContactStatusDto,
  ): Promise<ContactSubmissionDto> {
    return this.contact.setStatus(access.org.id, id, dto.status);
  }

  /** Mails a reply to the submitter and marks the submission replied (only a read submission). */
  @Post('submissions/:id/reply')
  @HttpCode(200)
  @StarcorpWrite()
  @Idempotent()
  @ApiOkResponse({ type: ContactSubmissionDto })
  @ApiProblem(409, ['invalid-transition'], 'Only a read submission can be replied to')
  replyToStarcorpContact(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: ReplyToContactDto,
  ): Promise<ContactSubmissionDto> {
    return this.contact.reply(access.org, id, dto);
  }
}
