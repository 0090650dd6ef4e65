import { openData, sealData } from '../../../platform/security/sealed-data';
import { auditableRequest, connectionErrors, connectionOf, redactedError } from './import-run-rules';

describe('EQdkp import runs: connection rules', () => {
  const prefix = 'eqdkp20_';

  it('takes a URL or host, user and database, never both', () => {
    expect(connectionErrors({ mysqlUrl: 'mysql://root@db:3306/eqdkp' })).toEqual([]);
    expect(connectionErrors({ mysqlUrl: 'mariadb://u:p@db/eqdkp' })).toEqual([]);
    expect(connectionErrors({ host: 'db', user: 'u', database: 'eqdkp' })).toEqual([]);
    expect(connectionErrors({ mysqlUrl: 'mysql://root@db/eqdkp', host: 'db' }).map((e) => e.path)).toEqual(['host']);
    expect(connectionErrors({}).map((e) => e.path)).toEqual(['host', 'user', 'database']);
    expect(connectionErrors({ mysqlUrl: 'postgres://db/x' }).map((e) => e.path)).toEqual(['mysqlUrl']);
    expect(connectionErrors({ mysqlUrl: 'mysql://db' }).map((e) => e.path)).toEqual(['mysqlUrl']);
    expect(connectionErrors({ mysqlUrl: 'not a url' }).map((e) => e.path)).toEqual(['mysqlUrl']);
  });

  it('checks pools as the CLI does', () => {
    expect(connectionErrors({ mysqlUrl: 'mysql://r@db/x', pools: '1=Main,none=Outside' })).toEqual([]);
    expect(connectionErrors({ mysqlUrl: 'mysql://r@db/x', pools: 'one=Main' })).toEqual([
      { path: 'pools', message: 'Bad pools entry "one=Main"' },
    ]);
  });

  it('builds the driver URL from parts, encoding what needs it', () => {
    expect(
      connectionOf({ host: 'db.example.net', user: 'guild admin', password: 'p@ss:w/rd', database: 'eq dkp' }),
    ).toEqual({
      // prettier-ignore
      mysqlUrl: 'mysql://guild%20admin:p%40ss%3Aw%2Frd@db.example.net:3306/eq%20dkp',
      password: 'p@ss:w/rd',
    });
    expect(connectionOf({ host: '::1', port: 3307, user: 'root', database: 'x' })).toEqual({
      mysqlUrl: 'mysql://root@[::1]:3307/x',
      password: null,
    });
    expect(connectionOf({ mysqlUrl: 'mariadb://u:s%40cret@db/x' })).toEqual({
      mysqlUrl: 'mysql://u:s%40cret@db/x',
      password: 's@cret',
    });
    expect(new URL(connectionOf({ host: 'db', user: 'u', password: 'p@ss', database: 'x' }).mysqlUrl).password).toBe('p%40ss'); // prettier-ignore
  });

  it('never lets the password or the key through an error or the audit', () => {
    const secrets = { password: 'p@ss word', encryptionKey: 'k3y-material' };
    expect(redactedError("Access denied for 'u' using p@ss word / p%40ss%20word, key k3y-material", secrets)).toBe(
      "Access denied for 'u' using *** / ***, key ***",
    );
    expect(redactedError('connect to mysql://u:anything@db/x failed', {})).toBe('connect to mysql://u:***@db/x failed');
    expect(redactedError('x'.repeat(3000), {})).toHaveLength(2000);
    expect(auditableRequest({ mysqlUrl: 'mysql://u:secret@db/x', prefix, encryptionKey: 'k', password: 'p' })).toEqual({
      mysqlUrl: 'mysql://u:***@db/x',
      prefix,
      password: '[redacted]',
      encryptionKey: '[redacted]',
    });
    expect(auditableRequest({ host: 'db', prefix })).toEqual({ host: 'db', prefix });
  });

  it('seals job data per purpose: it opens only as what it was sealed for', () => {
    const sealed = sealData('server-secret', { password: 'p' }, 'quartermaster dkp import job v1');
    expect(JSON.stringify(sealed)).not.toContain('"p"');
    expect(openData('server-secret', sealed, 'quartermaster dkp import job v1')).toEqual({ password: 'p' });
    expect(() => openData('server-secret', sealed, 'quartermaster mail job data v1')).toThrow();
  });
});
