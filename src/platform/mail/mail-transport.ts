import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import { AppConfig } from '../config/app-config';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Files sent with the mail (a document's PDF, say). */
  attachments?: readonly MailAttachment[];
  /** Names the .eml file when there is no SMTP server. */
  label: string;
}

/** A file attached to a mail; its bytes are base64 because they travel in the mail job's JSON. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  contentBase64: string;
}

/** The SMTP client gives up this long without progress, well within the mail job's expiry. */
const SMTP_TIMEOUTS = { connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000 };

/**
 * Hands a message to the SMTP server of SMTP_URL, or, without one, writes it as an `.eml` file
 * under QM_MAIL_DIR and logs where, so a fresh checkout shows what it would send. Errors from
 * writing the file carry code EFILEWRITE: nothing was handed over, so the job may retry.
 */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private readonly logger = new Logger(MailTransport.name);
  private readonly smtp?: ReturnType<typeof createTransport>;

  constructor(@Inject(AppConfig) private readonly config: AppConfig) {
    if (config.SMTP_URL) this.smtp = createTransport({ url: config.SMTP_URL, ...SMTP_TIMEOUTS });
  }

  onModuleDestroy(): void {
    this.smtp?.close();
  }

  /** The Message-ID of the sent message. */
  async send(mail: OutgoingMail): Promise<string | null> {
    const message = {
      from: this.config.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      attachments: mail.attachments?.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: Buffer.from(a.contentBase64, 'base64'),
      })),
    };
    if (this.smtp) return ((await this.smtp.sendMail(message)) as { messageId?: string }).messageId ?? null;
    const file = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    const info = await file.sendMail(message);
    const path = join(
      this.config.mailDir,
      `${new Date().toISOString().replace(/[:.]/g, '-')}-${safeName(mail.label)}.eml`,
    );
    try {
      await mkdir(this.config.mailDir, { recursive: true });
      await writeFile(path, info.message as Buffer, { flag: 'wx' });
    } catch (error) {
      throw Object.assign(new Error(`Could not write ${path}: ${(error as Error).message}`), { code: 'EFILEWRITE' });
    }
    this.logger.log({ to: mail.to, subject: mail.subject, path }, 'SMTP_URL is not set: mail written to a file');
    return info.messageId ?? null;
  }
}

function safeName(label: string): string {
  return label.replace(/[^a-zA-Z0-9._-]+/g, '_').slice(0, 120);
}
