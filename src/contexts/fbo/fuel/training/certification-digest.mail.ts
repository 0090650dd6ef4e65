import { html, MailTemplate } from '../../../../platform/mail/mail-template';

export const CERTIFICATION_DIGEST_TEMPLATE = 'fbo.certification-digest';

export interface DigestLine {
  fuelerName: string;
  courseName: string;
  expiresOn: string;
}

export interface CertificationDigestData {
  orgName: string;
  /** The org's calendar day the job ran for, YYYY-MM-DD. */
  day: string;
  expiring: DigestLine[];
  expired: DigestLine[];
}

const line = (l: DigestLine) => `${l.fuelerName}: ${l.courseName} (expires ${l.expiresOn})`;
const lapsed = (l: DigestLine) => `${l.fuelerName}: ${l.courseName} (expired ${l.expiresOn})`;

/**
 * The officers' daily digest of certifications that reached a threshold that day: what is about
 * to expire (renew it) and what has expired (take the fueler off that fuel until they retrain).
 */
export const certificationDigestMail: MailTemplate<CertificationDigestData> = {
  subject: ({ orgName, expiring, expired }) =>
    `${orgName}: ${expired.length} certification(s) expired, ${expiring.length} expiring soon`,
  text: ({ orgName, day, expiring, expired }) =>
    [
      `Training records of ${orgName}, ${day}.`,
      '',
      ...(expired.length
        ? ['Expired (the fueler may not fuel under this course until retrained):', ...expired.map(lapsed), '']
        : []),
      ...(expiring.length ? ['Expiring within 30 days:', ...expiring.map(line), ''] : []),
      'Each certification is reported once per threshold; a renewal re-arms it.',
    ].join('\n'),
  html: ({ orgName, day, expiring, expired }) =>
    html`<p>Training records of ${orgName}, ${day}.</p>
      ${
        expired.length
          ? html`<p><strong>Expired</strong> (the fueler may not fuel under this course until retrained):</p>
              <ul>
                ${expired.map((l) => html`<li>${lapsed(l)}</li>`)}
              </ul>`
          : ''
      }
      ${
        expiring.length
          ? html`<p><strong>Expiring within 30 days:</strong></p>
              <ul>
                ${expiring.map((l) => html`<li>${line(l)}</li>`)}
              </ul>`
          : ''
      }
      <p>Each certification is reported once per threshold; a renewal re-arms it.</p>`,
};
