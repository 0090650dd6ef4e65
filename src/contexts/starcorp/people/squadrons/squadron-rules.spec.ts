import type { Problem } from '../../../../platform/http/problem';
import { mayManageSquadron, seatRefusal, slugify } from './squadron-rules';

const slugOf = (p: Problem | null) => (p ? (p.getResponse() as { slug: string }).slug : null);

describe('squadron rules', () => {
  const open = { active: true, recruiting: true, maxMembers: 3, memberCount: 2 };

  it('seats a member in an active, recruiting squadron with a free seat', () => {
    expect(seatRefusal(open, 'self')).toBeNull();
    expect(seatRefusal({ ...open, maxMembers: null, memberCount: 500 }, 'self')).toBeNull();
  });

  it('refuses inactive first, then not recruiting (members only), then full', () => {
    expect(slugOf(seatRefusal({ ...open, active: false, recruiting: false, memberCount: 3 }, 'self'))).toBe(
      'squadron-inactive',
    );
    expect(slugOf(seatRefusal({ ...open, recruiting: false, memberCount: 3 }, 'self'))).toBe('squadron-not-recruiting');
    expect(slugOf(seatRefusal({ ...open, recruiting: false }, 'lead'))).toBeNull();
    expect(slugOf(seatRefusal({ ...open, memberCount: 3 }, 'lead'))).toBe('squadron-full');
    expect((seatRefusal({ ...open, memberCount: 3 }, 'self')?.getResponse() as { maxMembers: number }).maxMembers).toBe(
      3,
    );
  });

  it('slugs names', () => {
    expect(slugify('Night Owls #2')).toBe('night-owls-2');
    expect(slugify('Équipe Étoile')).toBe('equipe-etoile');
    expect(slugify('!!!')).toBe('squadron');
  });

  it('lets officers, bots, the commander and leads manage members', () => {
    const nobody = { isOfficer: false, userId: 'u', isCommander: false, isLead: false };
    expect(mayManageSquadron(nobody)).toBe(false);
    expect(mayManageSquadron({ ...nobody, isLead: true })).toBe(true);
    expect(mayManageSquadron({ ...nobody, isCommander: true })).toBe(true);
    expect(mayManageSquadron({ ...nobody, isOfficer: true })).toBe(true);
    expect(mayManageSquadron({ ...nobody, userId: null })).toBe(true);
  });
});
