import { randomUUID } from 'node:crypto';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../../../platform/audit/audit.service';
import { DomainEvents } from '../../../../platform/events/domain-events';
import { keysetPage, Page, timeAndId } from '../../../../platform/http/pagination';
import { MailRequest, MailService } from '../../../../platform/mail/mail.service';
import { CONTACT_REPLY_TEMPLATE, contactReplyMail, ContactReplyMailData } from './contact-reply.mail';
import { contactLifecycle, ContactStatus, spamReasons } from './contact-rules';
import { ContactSubmission } from './contact-submission.communications-entity';
import { ContactRepository } from './contact.repository';
import {
  ContactReceiptDto,
  ContactSubmissionDto,
  ListContactSubmissionsQueryDto,
  ReplyToContactDto,
  SubmitContactDto,
} from './dto/contact.dto';

export const CONTACT_RECEIVED = 'starcorp.contact.received';

/** Where a submission came from, as the HTTP layer saw it. */
export interface ContactClient {
  ip: string;
  userAgent: string;
}

const toSubmissionDto = (s: ContactSubmission): ContactSubmissionDto => ({
  id: s.id,
  name: s.name,
  email: s.email,
  subject: s.subject,
  message: s.message,
  ipAddress: s.ipAddress,
  userAgent: s.userAgent,
  status: s.status,
  isSpam: s.isSpam,
  spamReasons: s.spamReasons,
  responseSentAt: s.responseSentAt,
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
});

/** The reply mail's "send once" key on a separate store: the submission as the officer answered it. */
const replyMailKey = (s: ContactSubmission) => `${s.id}:${s.updatedAt.toISOString()}`;

/** The same answer for every accepted message, spam or not: a bot learns nothing from it. */
export const CONTACT_RECEIPT = 'Thank you: your message has been received.';

@Injectable()
export class ContactService implements OnModuleInit {
  constructor(
    private readonly contacts: ContactRepository,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
    private readonly mail: MailService,
  ) {}

  onModuleInit(): void {
    this.mail.defineTemplate(CONTACT_REPLY_TEMPLATE, contactReplyMail);
  }

  /** Stores a public submission, flagged as spam by the heuristics; only non-spam is announced. */
  submit(orgId: string, dto: SubmitContactDto, client: ContactClient): Promise<ContactReceiptDto> {
    const reasons = spamReasons(dto);
    return this.contacts.transaction(async (tx) => {
      const saved = await this.contacts.save(tx, {
        orgId,
        name: dto.name,
        email: dto.email,
        subject: dto.subject,
        message: dto.message,
        ipAddress: client.ip.slice(0, 45),
        userAgent: client.userAgent.slice(0, 500),
        status: 'new',
        isSpam: reasons.length > 0,
        spamReasons: reasons,
      });
      if (!saved.isSpam)
        await this.events.record(tx, {
          orgId,
          type: CONTACT_RECEIVED,
          subjectId: saved.id,
          payload: { submissionId: saved.id, name: saved.name, subject: saved.subject },
        });
      const receipt = { id: saved.id, detail: CONTACT_RECEIPT };
      await this.audit.recordInTransaction(tx, receipt);
      return receipt;
    });
  }

  async list(orgId: string, q: ListContactSubmissionsQueryDto): Promise<Page<ContactSubmissionDto>> {
    const rows = await this.contacts.page(orgId, { status: q.status, spam: q.spam }, q);
    return keysetPage(rows, q.limit, (s) => timeAndId(s.createdAt, s.id), toSubmissionDto);
  }

  /** For the dashboard: submissions waiting for triage (`new`, spam left out). */
  countNew(orgId: string): Promise<number> {
    return this.contacts.countByStatus(orgId, 'new');
  }

  async get(orgId: string, id: string): Promise<ContactSubmissionDto> {
    return toSubmissionDto(await this.contacts.load(orgId, id));
  }

  /** Marks a submission read or archived (or takes an archived one up again) under its row lock. */
  setStatus(
    orgId: string,
    id: string,
    status: Exclude<ContactStatus, 'new' | 'replied'>,
  ): Promise<ContactSubmissionDto> {
    return this.move(orgId, id, status, async (submission) => submission);
  }

  /**
   * Mails the officer's reply to the submitter and marks the submission replied; `responseSentAt`
   * is when the reply was accepted for delivery. On the main database both happen in one
   * transaction (a refused move sends nothing). On a separate communications store they cannot:
   * the mail is queued first, keyed by the submission's version (`replyMailKey`), then the move is
   * made; when the move fails, the officer's retry finds the submission unchanged and its mail
   * already queued, so the reply goes out once.
   */
  async reply(org: { id: string; name: string }, id: string, dto: ReplyToContactDto): Promise<ContactSubmissionDto> {
    if (!this.contacts.separateStore)
      return this.move(org.id, id, 'replied', async (submission, tx) => {
        // Each reply is its own mail (a submission can be answered again after being taken up).
        await this.mail.send(tx, this.replyMail(org, submission, dto, randomUUID()));
        submission.responseSentAt = new Date();
        return submission;
      });
    const seen = await this.contacts.load(org.id, id);
    contactLifecycle.assert(seen.status, 'replied');
    await this.mail.sendAlone(this.replyMail(org, seen, dto, replyMailKey(seen)));
    return this.move(org.id, id, 'replied', async (submission) => {
      submission.responseSentAt = new Date();
      return submission;
    });
  }

  private replyMail(
    org: { name: string },
    submission: ContactSubmission,
    dto: ReplyToContactDto,
    subjectId: string,
  ): MailRequest<ContactReplyMailData> {
    return {
      to: submission.email,
      template: CONTACT_REPLY_TEMPLATE,
      data: {
        orgName: org.name,
        name: submission.name,
        subject: submission.subject,
        message: dto.message,
        original: submission.message,
      },
      purpose: 'starcorp.contact.reply',
      subjectId,
    };
  }

  private move(
    orgId: string,
    id: string,
    status: ContactStatus,
    effect: (submission: ContactSubmission, tx: EntityManager) => Promise<ContactSubmission>,
  ): Promise<ContactSubmissionDto> {
    return this.contacts.transaction(async (tx) => {
      const submission = await this.contacts.load(orgId, id, tx, true);
      contactLifecycle.assert(submission.status, status);
      submission.status = status;
      const dto = toSubmissionDto(await this.contacts.save(tx, await effect(submission, tx)));
      await this.audit.recordInTransaction(tx, dto);
      return dto;
    });
  }
}
