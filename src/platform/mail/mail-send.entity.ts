import { Check, Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * - `queued`: a job will send it.
 * - `sending`: a worker claimed it and may have handed it to the server; nobody sends it again.
 * - `sent`: the server (or the .eml folder) has it.
 * - `uncertain`: the send failed in a way that may have delivered it anyway, or a worker stopped
 *   while `sending`; it is not sent again (a missing mail is preferred to a duplicate).
 */
export type MailSendStatus = 'queued' | 'sending' | 'sent' | 'uncertain';

/**
 * One mail per (purpose, subject id): the key that makes a second request for the same mail, and
 * a retried job, a no-op. The message itself is not kept here (it travels in the job).
 */
@Entity('mail_sends')
@Check('ck_mail_sends_status', `"status" IN ('queued', 'sending', 'sent', 'uncertain')`)
export class MailSend {
  /** What the mail is for, `<context>.<what>` (e.g. `platform.password-reset`). */
  @PrimaryColumn('varchar', { length: 64 })
  purpose: string;

  /** The thing it is about (a reset token id, an invoice id). */
  @PrimaryColumn('varchar', { length: 200 })
  subjectId: string;

  @Column('varchar', { length: 254 })
  recipient: string;

  @Column('varchar', { length: 64 })
  template: string;

  @Column('varchar', { length: 16, default: 'queued' })
  status: MailSendStatus;

  /** Send attempts that reached the transport. */
  @Column('integer', { default: 0 })
  attempts: number;

  /** The Message-ID header, to find it in the SMTP server's logs. */
  @Column('varchar', { length: 255, nullable: true })
  messageId: string | null;

  @Column('varchar', { length: 500, nullable: true })
  lastError: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  sentAt: Date | null;
}
