import { describeAccess, describeOperation, describeProblems, WHO_MAY_CALL } from './openapi-descriptions';

describe('operation descriptions', () => {
  it('says who may call from the access policy', () => {
    expect(describeAccess({ public: true })).toBe(`${WHO_MAY_CALL} anyone; no credential needed.`);
    expect(describeAccess({ public: true, publicSite: true })).toBe(
      `${WHO_MAY_CALL} public (when the org's public site is on): anyone, no credential needed; otherwise 404. ` +
        'Counted in the stricter per-IP rate limit of public org routes.',
    );
    expect(describeAccess({ platformAdmin: true })).toContain('platform administrators only');
    expect(describeAccess({})).toContain('any authenticated user');
    expect(describeAccess({ tier: 'officer', orGrant: ['recruiter' as never], scopes: ['dkp:write'] })).toBe(
      `${WHO_MAY_CALL} members of the org with tier \`officer\` or above, or holders of the \`recruiter\` grant.` +
        ' Scope-limited API keys (bot keys) need the scope `dkp:write`.',
    );
    expect(describeAccess({ tier: 'readonly', scopes: ['dkp:read', 'dkp:bidding'] })).toContain(
      'need one of the scopes `dkp:read`, `dkp:bidding`',
    );
    expect(describeAccess({ tier: 'member' })).toContain('bot keys) cannot call it');
    expect(describeAccess({ tier: 'applicant', openToAnyUser: true })).toContain('not a member may call it too');
    expect(describeAccess(undefined)).toContain('nobody');
  });

  it('lists the documented error statuses in order', () => {
    expect(describeProblems({ '200': { description: 'ok' }, '404': { description: 'Gone' }, '400': {} })).toBe(
      '**What can go wrong** (`application/problem+json`):\n- `400`\n- `404` Gone',
    );
    expect(describeProblems({ '200': {} })).toBe('');
  });

  it('keeps a hand-written description first and never repeats the generated part', () => {
    const once = describeOperation('Imports a dump.', { public: true }, { '429': { description: 'Slow down' } });
    expect(once).toBe(
      `Imports a dump.\n\n${WHO_MAY_CALL} anyone; no credential needed.\n\n` +
        '**What can go wrong** (`application/problem+json`):\n- `429` Slow down',
    );
    expect(describeOperation(once, { public: true }, { '429': { description: 'Slow down' } })).toBe(once);
  });
});
