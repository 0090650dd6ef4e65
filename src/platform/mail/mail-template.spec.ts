import { escapeHtml, html, MailTemplate, renderMail, trusted } from './mail-template';

describe('mail templates', () => {
  it('escapes every interpolated value in an HTML part', () => {
    expect(html`<p>Hello ${'<b>"Bob" & \'Co\'</b>'}</p>`.value).toBe(
      '<p>Hello &lt;b&gt;&quot;Bob&quot; &amp; &#39;Co&#39;&lt;/b&gt;</p>',
    );
  });

  it('keeps markup built with html or marked trusted, and joins arrays', () => {
    const items = ['a<', 'b'].map((item) => html`<li>${item}</li>`);
    // prettier-ignore
    const list = html`<ul>${items}</ul>${trusted('<hr>')}`;
    expect(list.value).toBe('<ul><li>a&lt;</li><li>b</li></ul><hr>');
  });

  it('renders null and undefined as nothing', () => {
    expect(escapeHtml(null) + escapeHtml(undefined)).toBe('');
  });

  it('renders the three parts and keeps the subject on one line', () => {
    const template: MailTemplate<{ name: string }> = {
      subject: ({ name }) => `Hi ${name}`,
      text: ({ name }) => `Hello ${name}`,
      html: ({ name }) => html`<p>Hello ${name}</p>`,
    };
    expect(renderMail(template, { name: 'Eve\r\nBcc: x@example.com' })).toEqual({
      subject: 'Hi Eve Bcc: x@example.com',
      text: 'Hello Eve\r\nBcc: x@example.com',
      html: '<p>Hello Eve\r\nBcc: x@example.com</p>',
    });
  });
});
