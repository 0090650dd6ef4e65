import { Problem } from '../http/problem';
import { decidePublicOrgAccess } from './org-resolver';
import { Org } from './orgs/org.entity';

const org = (fields: Partial<Org>): Org =>
  Object.assign(new Org(), { id: 'o1', slug: 'guild', contexts: ['dkp'], ...fields });

describe('decidePublicOrgAccess', () => {
  it('lets anyone into an org whose public site is on, as nobody', () => {
    const open = org({ publicSite: true });
    expect(decidePublicOrgAccess(open, 'dkp')).toEqual({ org: open, tier: null, grants: [], userId: null });
    expect(decidePublicOrgAccess(open, undefined).org).toBe(open);
  });

  it.each([
    ['no such org', null, undefined],
    ['public site off', org({ publicSite: false }), undefined],
    ['public site never set (a partly read row)', org({}), undefined],
    ["the route's context not enabled", org({ publicSite: true, contexts: [] }), 'dkp'],
  ])('answers 404 for %s', (_name, given, context) => {
    const refusal = (() => {
      try {
        decidePublicOrgAccess(given, context);
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(Problem);
    expect((refusal as Problem).getStatus()).toBe(404);
  });
});
