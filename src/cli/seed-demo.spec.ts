import type { ContextDefinition } from '../platform/contexts/context-definition';
import type { Grant } from '../platform/tenancy/tiers';
import { demoPlan } from './seed-demo';

const context = (fields: Partial<ContextDefinition>): ContextDefinition =>
  ({ name: 'fbo', grants: [], scopes: [], description: '', module: class {}, ...fields }) as ContextDefinition;

describe('demoPlan', () => {
  it('names a context without demo names after the context: demo-<name>, users demo-<name>-<tier>', () => {
    expect(demoPlan(context({}))).toEqual({
      context: 'fbo',
      org: { slug: 'demo-fbo', name: 'Demo fbo', usernamePrefix: 'demo-fbo' },
      accounts: [
        { username: 'demo-fbo-owner', tier: 'owner', grants: [] },
        { username: 'demo-fbo-officer', tier: 'officer', grants: [] },
        { username: 'demo-fbo-member', tier: 'member', grants: [] },
      ],
    });
  });

  it("adds a member per grant of the context, under the context's own demo names", () => {
    const plan = demoPlan(
      context({
        name: 'dkp',
        grants: ['recruiter' as Grant],
        demo: { slug: 'demo-guild', name: 'Demo Guild', usernamePrefix: 'demo' },
      }),
    );
    expect(plan.org.slug).toBe('demo-guild');
    expect(plan.accounts.map((a) => a.username)).toEqual([
      'demo-owner',
      'demo-officer',
      'demo-member',
      'demo-recruiter',
    ]);
    expect(plan.accounts[3]).toEqual({ username: 'demo-recruiter', tier: 'member', grants: ['recruiter'] });
  });
});
