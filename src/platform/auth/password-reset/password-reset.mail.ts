import { html, MailTemplate } from '../../mail/mail-template';

export const PASSWORD_RESET_TEMPLATE = 'platform.password-reset';

export interface PasswordResetMailData {
  username: string;
  token: string;
  minutes: number;
  /** A frontend page that takes the token (PASSWORD_RESET_URL), if configured. */
  link: string | null;
}

export const passwordResetMail: MailTemplate<PasswordResetMailData> = {
  subject: () => 'Reset your Quartermaster password',
  text: ({ username, token, minutes, link }) =>
    [
      `Hello ${username},`,
      '',
      'Someone (hopefully you) asked to reset the password of this account.',
      link
        ? `Choose a new password here: ${link}`
        : 'Send this token with a new password to POST /api/v1/auth/password-reset/confirm:',
      '',
      `Token: ${token}`,
      '',
      `It works once, for ${minutes} minutes. If you did not ask for it, ignore this mail: your password stays as it is.`,
    ].join('\n'),
  html: ({ username, token, minutes, link }) =>
    html`<p>Hello ${username},</p>
      <p>Someone (hopefully you) asked to reset the password of this account.</p>
      ${link ? html`<p><a href="${link}">Choose a new password</a></p>` : html`<p>Send this token with a new password to <code>POST /api/v1/auth/password-reset/confirm</code>:</p>`}
      <p>Token: <code>${token}</code></p>
      <p>
        It works once, for ${minutes} minutes. If you did not ask for it, ignore this mail: your password stays as it
        is.
      </p>`,
};
