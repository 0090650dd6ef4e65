import { contactLifecycle, countLinks, isShouting, spamReasons } from './contact-rules';

const ok = { name: 'Jane Doe', email: 'jane@example.test', subject: 'Joining', message: 'Hello, can I join your org?' };

describe('contact rules', () => {
  it('finds nothing wrong with an ordinary message', () => {
    expect(spamReasons(ok)).toEqual([]);
    expect(spamReasons({ ...ok, website: '   ' })).toEqual([]);
  });

  it('flags a filled honeypot', () => {
    expect(spamReasons({ ...ok, website: 'http://spam.test' })).toEqual(['honeypot']);
  });

  it('flags more than two links, a link as the name, shouting and spam phrases', () => {
    const links = 'see https://a.test and http://b.test and www.c.test';
    expect(countLinks(links)).toBe(3);
    expect(spamReasons({ ...ok, message: links })).toEqual(['too-many-links']);
    expect(spamReasons({ ...ok, message: 'two links https://a.test https://b.test' })).toEqual([]);
    expect(spamReasons({ ...ok, name: 'www.cheap.test' })).toEqual(['link-in-name']);
    expect(spamReasons({ ...ok, message: 'BUY CHEAP CREDITS NOW, BEST PRICES IN THE VERSE' })).toEqual(['shouting']);
    expect(spamReasons({ ...ok, message: 'We offer SEO services for your site' })).toEqual(['spam-phrases']);
  });

  it('does not call short capitals shouting', () => {
    expect(isShouting('OK THANKS')).toBe(false);
    expect(isShouting('Our UEE NAVY friends fly the F7C-M')).toBe(false);
  });

  it('the triage lifecycle follows the seed', () => {
    expect(contactLifecycle.next('new')).toEqual(['read', 'archived']);
    expect(contactLifecycle.next('read')).toEqual(['replied', 'archived']);
    expect(contactLifecycle.next('replied')).toEqual(['archived']);
    expect(contactLifecycle.next('archived')).toEqual(['read']);
  });
});
