import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { MailSendStatus } from './mail-send.entity';

export interface MailSendKey {
  purpose: string;
  subjectId: string;
}

/** The SQL over `mail_sends`. Each state change is one conditional UPDATE, so two workers cannot both win. */
@Injectable()
export class MailSendsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Records a mail to send in the caller's transaction; false when this key was already recorded. */
  async record(tx: EntityManager, key: MailSendKey, recipient: string, template: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO mail_sends (purpose, subject_id, recipient, template) VALUES ($1, $2, $3, $4)
       ON CONFLICT (purpose, subject_id) DO NOTHING RETURNING purpose`,
      [key.purpose, key.subjectId, recipient, template],
    );
    return rows.length > 0;
  }

  /** Moves a queued mail to `sending` (committed before the send); null when it is not queued, with its status. */
  async claim(key: MailSendKey): Promise<{ claimed: boolean; status: MailSendStatus | null }> {
    const [claimed] = await this.db.query(
      `UPDATE mail_sends SET status = 'sending', attempts = attempts + 1
        WHERE purpose = $1 AND subject_id = $2 AND status = 'queued' RETURNING status`,
      [key.purpose, key.subjectId],
    );
    if (claimed?.length) return { claimed: true, status: 'sending' };
    const [row] = await this.db.query('SELECT status FROM mail_sends WHERE purpose = $1 AND subject_id = $2', [
      key.purpose,
      key.subjectId,
    ]);
    return { claimed: false, status: row?.status ?? null };
  }

  markSent(key: MailSendKey, messageId: string | null): Promise<unknown> {
    return this.db.query(
      `UPDATE mail_sends SET status = 'sent', sent_at = now(), message_id = $3, last_error = NULL
        WHERE purpose = $1 AND subject_id = $2`,
      [key.purpose, key.subjectId, messageId?.slice(0, 255) ?? null],
    );
  }

  /** Back to `queued` (nothing was handed over) or on to `uncertain`, with the error. */
  settleFailure(key: MailSendKey, status: 'queued' | 'uncertain', error: string): Promise<unknown> {
    return this.db.query(
      `UPDATE mail_sends SET status = $3, last_error = $4 WHERE purpose = $1 AND subject_id = $2 AND status = 'sending'`,
      [key.purpose, key.subjectId, status, error.slice(0, 500)],
    );
  }
}
