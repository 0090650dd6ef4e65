import { openData, sealData } from './sealed-data';

describe('mail job data sealing', () => {
  it('round-trips the data and hides it', () => {
    const sealed = sealData('secret-one', { token: 'abc123', name: 'Zoë' });
    expect(JSON.stringify(sealed)).not.toContain('abc123');
    expect(openData('secret-one', sealed)).toEqual({ token: 'abc123', name: 'Zoë' });
  });

  it('refuses data sealed under another secret or altered', () => {
    const sealed = sealData('secret-one', { token: 'abc123' });
    expect(() => openData('secret-two', sealed)).toThrow();
    const altered = { ...sealed, data: Buffer.from('{"token":"evil"}').toString('base64') };
    expect(() => openData('secret-one', altered)).toThrow();
  });

  it('seals the same data differently each time (random IV)', () => {
    expect(sealData('s', { a: 1 }).data).not.toEqual(sealData('s', { a: 1 }).data);
  });
});
