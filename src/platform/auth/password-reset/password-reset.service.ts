import { randomUUID } from 'node:crypto';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { withTransaction } from '../../database/transactions';
import { Problem } from '../../http/problem';
import { JobQueue } from '../../jobs/job-queue';
import { MailService } from '../../mail/mail.service';
import { LoginThrottle } from '../login-throttle';
import { hashSecret, randomSecret } from '../secrets';
import { UsersService } from '../users/users.service';
import { PASSWORD_RESET_TEMPLATE, passwordResetMail } from './password-reset.mail';
import * as queries from './password-reset.queries';

export const PASSWORD_RESET_QUEUE = 'platform.password-reset';

export const PASSWORD_RESET_ACCEPTED = 'If the account exists and has an email address, a reset link is on its way.';

interface ResetRequest {
  requestId: string;
  login: string;
}

/**
 * Password reset by mail. The request route only queues a job with the login name it was given,
 * so it does the same work, and answers the same, whether or not the account exists: nothing about
 * the account is looked up before the answer. The job looks the user up and, for an active user
 * with an email, stores a token's hash and queues the mail in one transaction. Confirming spends
 * the token (and any other open one of that user), sets the password and ends every session.
 */
@Injectable()
export class PasswordResetService implements OnModuleInit {
  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobQueue,
    private readonly mail: MailService,
    private readonly users: UsersService,
    private readonly throttle: LoginThrottle,
  ) {}

  onModuleInit(): void {
    this.mail.defineTemplate(PASSWORD_RESET_TEMPLATE, passwordResetMail);
    this.jobs.define<ResetRequest>({ queue: PASSWORD_RESET_QUEUE, retryLimit: 5, handler: (job) => this.issue(job) });
  }

  /**
   * Throttled like logins, per (login name, IP) and per login name, in buckets of their own (a
   * reset request never locks a login). Keyed by the name as typed, so a lock says nothing about
   * whether the account exists.
   */
  async request(login: string, clientIp: string): Promise<string> {
    await this.throttle.attempt(`password-reset:${login.toLowerCase()}`, clientIp);
    const request: ResetRequest = { requestId: randomUUID(), login };
    await withTransaction(this.db, (tx) => this.jobs.enqueue(tx, PASSWORD_RESET_QUEUE, request));
    return PASSWORD_RESET_ACCEPTED;
  }

  /** The job: a token and its mail, once per request (the request id is the token's id). */
  async issue({ requestId, login }: ResetRequest): Promise<void> {
    const user = await this.users.findByLogin(login);
    if (!user?.email || user.disabledAt) return;
    const token = randomSecret();
    const minutes = this.config.PASSWORD_RESET_TTL_MINUTES;
    const expiresAt = new Date(Date.now() + minutes * 60_000);
    await withTransaction(this.db, async (tx) => {
      if (!(await queries.insertToken(tx, { id: requestId, userId: user.id, tokenHash: hashSecret(token), expiresAt })))
        return;
      await this.mail.send(tx, {
        to: user.email!,
        template: PASSWORD_RESET_TEMPLATE,
        data: { username: user.username, token, minutes, link: this.linkFor(token) },
        purpose: PASSWORD_RESET_TEMPLATE,
        subjectId: requestId,
      });
    });
  }

  /** Sets the password of the token's user and ends all their sessions; 400 for a bad, used or expired token. */
  async confirm(token: string, newPassword: string): Promise<void> {
    // Hashed before the transaction: argon2 takes tens of milliseconds, too long to hold a row lock.
    const passwordHash = await this.users.hashPassword(newPassword);
    await withTransaction(this.db, async (tx) => {
      const userId = await queries.spendToken(tx, hashSecret(token));
      if (!userId) {
        throw new Problem(400, 'The password-reset token is unknown, expired or already used; ask for a new one', {
          slug: 'password-reset-token-invalid',
        });
      }
      await queries.setPassword(tx, userId, passwordHash);
      await queries.revokeSessions(tx, userId);
    });
  }

  private linkFor(token: string): string | null {
    const base = this.config.PASSWORD_RESET_URL;
    if (!base) return null;
    const url = new URL(base);
    url.searchParams.set('token', token);
    return url.toString();
  }
}
