import { openData, sealData } from './sealed-data';

const PURPOSE = 'test data v1';

describe('job data sealing', () => {
  it('round-trips the data and hides it', () => {
    const sealed = sealData('secret-one', { token: 'abc123', name: 'Zoë' }, PURPOSE);
    expect(JSON.stringify(sealed)).not.toContain('abc123');
    expect(openData('secret-one', sealed, PURPOSE)).toEqual({ token: 'abc123', name: 'Zoë' });
  });

  it('refuses data sealed under another secret or altered', () => {
    const sealed = sealData('secret-one', { token: 'abc123' }, PURPOSE);
    expect(() => openData('secret-two', sealed, PURPOSE)).toThrow();
    const altered = { ...sealed, data: Buffer.from('{"token":"evil"}').toString('base64') };
    expect(() => openData('secret-one', altered, PURPOSE)).toThrow();
  });

  it('seals the same data differently each time (random IV)', () => {
    expect(sealData('s', { a: 1 }, PURPOSE).data).not.toEqual(sealData('s', { a: 1 }, PURPOSE).data);
  });
});

describe('job data purposes', () => {
  it('does not open data sealed for another purpose', () => {
    const sealed = sealData('s', { password: 'x' }, 'import job v1');
    expect(() => openData('s', sealed, 'mail job v1')).toThrow();
    expect(openData('s', sealed, 'import job v1')).toEqual({ password: 'x' });
  });
});
