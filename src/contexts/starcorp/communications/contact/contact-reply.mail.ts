import { html, MailTemplate } from '../../../../platform/mail/mail-template';

export const CONTACT_REPLY_TEMPLATE = 'starcorp.contact-reply';

export interface ContactReplyMailData {
  orgName: string;
  name: string;
  subject: string;
  /** The officer's reply, plain text. */
  message: string;
  /** What the submitter wrote, quoted below the reply. */
  original: string;
}

/** An officer's answer to a contact form submission, with the original quoted. */
export const contactReplyMail: MailTemplate<ContactReplyMailData> = {
  subject: ({ subject }) => `Re: ${subject}`,
  text: ({ orgName, name, message, original }) =>
    [
      `Hello ${name},`,
      '',
      message,
      '',
      `-- ${orgName}`,
      '',
      'You wrote:',
      ...original.split('\n').map((line) => `> ${line}`),
    ].join('\n'),
  html: ({ orgName, name, message, original }) =>
    html`<p>Hello ${name},</p>
      ${message.split(/\n{2,}/).map((para) => html`<p>${para}</p>`)}
      <p>-- ${orgName}</p>
      <p>You wrote:</p>
      <blockquote>${original.split(/\n{2,}/).map((para) => html`<p>${para}</p>`)}</blockquote>`,
};
