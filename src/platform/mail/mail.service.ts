import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { withTransaction } from '../database/transactions';
import { AppConfig } from '../config/app-config';
import { JobQueue } from '../jobs/job-queue';
import { MailTemplate, renderMail } from './mail-template';
import { MailSendKey, MailSendsRepository } from './mail-sends.repository';
import { MailAttachment, MailTransport } from './mail-transport';
import { openData, SealedData, sealData } from '../security/sealed-data';
import { failedBeforeHandOver } from './send-outcome';

/** What the mail job's data is sealed for (the key depends on it; mail jobs queued before stay readable). */
const MAIL_JOB_DATA = 'quartermaster mail job data v1';

export const MAIL_QUEUE = 'platform.mail';

export interface MailRequest<Data extends object = Record<string, unknown>> {
  to: string;
  /** A template name given to `defineTemplate`. */
  template: string;
  /** The template's data; it travels in the job (JSON), so keep it small and plain. */
  data: Data;
  /** What the mail is for, `<context>.<what>`; with `subjectId`, the key of "send this once". */
  purpose: string;
  subjectId: string;
  /** Files sent with the mail: base64 in the job (not sealed: documents for the recipient, not secrets); keep them small. */
  attachments?: readonly MailAttachment[];
}

/** The mail job's payload: the request with its template data sealed (see sealed-data.ts). */
type MailJob = Omit<MailRequest, 'data'> & { data: SealedData };

/**
 * The one mailer of every context. `send(tx, ...)` records the mail and queues its job in the
 * caller's transaction (a rolled-back write sends nothing); the job renders the template and
 * hands the message to the transport, at most once per (purpose, subject id):
 *
 * 1. The worker claims the row (`queued` -> `sending`) and commits before talking to the server.
 * 2. It sends. Success -> `sent`. A failure that certainly handed nothing over (server refused,
 *    no connection: `failedBeforeHandOver`) -> back to `queued` and the job retries with backoff.
 *    Any other failure -> `uncertain`, not retried.
 * 3. A job that finds its row `sending` (a worker died or lost the database between steps 1 and
 *    the end of 2) marks it `uncertain` and sends nothing.
 *
 * The window: a crash after the claim and before `sent` is recorded loses that mail (it may or may
 * not have gone out; it stays `uncertain` with an error logged). A duplicate is never possible.
 */
@Injectable()
export class MailService implements OnModuleInit {
  private readonly logger = new Logger(MailService.name);
  private readonly templates = new Map<string, MailTemplate<never>>();

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly jobs: JobQueue,
    private readonly sends: MailSendsRepository,
    private readonly transport: MailTransport,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  onModuleInit(): void {
    this.jobs.define<MailJob>({
      queue: MAIL_QUEUE,
      retryLimit: 6,
      retryDelaySeconds: 30,
      // Above the SMTP client's own timeouts, so an expired job is one that truly hangs.
      expireInSeconds: 300,
      handler: (job) => this.deliver({ ...job, data: openData(this.config.jwtSecret, job.data, MAIL_JOB_DATA) }),
    });
  }

  /** Makes a template available to `send`; call it from `onModuleInit`. Names are `<context>.<what>`. */
  defineTemplate<Data extends object>(name: string, template: MailTemplate<Data>): void {
    if (this.templates.has(name)) throw new Error(`Mail template ${name} defined twice`);
    this.templates.set(name, template as MailTemplate<never>);
  }

  /**
   * Queues a mail in `tx`. False (and nothing queued) when a mail with this purpose and subject id
   * was already queued or sent.
   */
  async send<Data extends object>(tx: EntityManager, request: MailRequest<Data>): Promise<boolean> {
    this.templateOf(request.template);
    const key = { purpose: request.purpose, subjectId: request.subjectId };
    if (!(await this.sends.record(tx, key, request.to, request.template))) return false;
    const job: MailJob = { ...request, data: sealData(this.config.jwtSecret, request.data, MAIL_JOB_DATA) };
    await this.jobs.enqueue(tx, MAIL_QUEUE, job);
    return true;
  }

  /**
   * `send` in a transaction of its own, for a caller whose change lives in another database (a
   * separate communications store) and cannot commit with the mail. Queue it before that change,
   * under a subject id that a retry of the same request repeats: if the change then fails, the
   * retry makes the change and finds the mail already queued (false), so it goes out once.
   */
  sendAlone<Data extends object>(request: MailRequest<Data>): Promise<boolean> {
    return withTransaction(this.db, (tx) => this.send(tx, request), { confirmClaim: false });
  }

  /** The mail job: see the class comment for the states. */
  async deliver(request: MailRequest): Promise<void> {
    const rendered = renderMail(this.templateOf(request.template), request.data as never);
    const key = { purpose: request.purpose, subjectId: request.subjectId };
    const { claimed, status } = await this.sends.claim(key);
    if (!claimed) return this.skip(key, status);
    let messageId: string | null;
    try {
      messageId = await this.transport.send({
        to: request.to,
        ...rendered,
        attachments: request.attachments,
        label: `${key.purpose}-${key.subjectId}`,
      });
    } catch (error) {
      const retry = failedBeforeHandOver(error);
      await this.sends.settleFailure(key, retry ? 'queued' : 'uncertain', (error as Error).message ?? String(error));
      if (retry) throw error;
      this.logger.error({ err: error, ...key }, 'mail send failed after it may have reached the server: not retried');
      return;
    }
    await this.sends.markSent(key, messageId);
  }

  private async skip(key: MailSendKey, status: string | null): Promise<void> {
    if (status !== 'sending') return; // sent, uncertain, or gone: nothing to do
    await this.sends.settleFailure(key, 'uncertain', 'a worker stopped while sending; not sent again');
    this.logger.error(key, 'mail found mid-send after a worker stopped: it may or may not have gone out');
  }

  private templateOf(name: string): MailTemplate<never> {
    const template = this.templates.get(name);
    if (!template) throw new Error(`Unknown mail template ${name}`);
    return template;
  }
}
