import { Access } from '../../../platform/auth/access.decorator';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { tierAtLeast } from '../../../platform/tenancy/tiers';

/**
 * Recruitment policies, named once. Bot keys act through `dkp:recruitment` (they have no user, so
 * they cannot apply or vote). A non-member reaches only the routes marked `openToAnyUser`.
 */
/** Any logged-in user, member of the org or not: applying, reading the questionnaire. */
export const ApplyToOrg = () => Access({ tier: 'guest', openToAnyUser: true });
export const ReadQuestionnaire = () => Access({ tier: 'guest', openToAnyUser: true, scopes: ['dkp:read'] });
/** Any member down to applicant/guest; the service shows them their own applications only. */
export const OwnApplication = () => Access({ tier: 'guest' });
export const ReadApplication = () => Access({ tier: 'guest', scopes: ['dkp:recruitment'] });
/** Members vote; trial members, applicants and guests do not. */
export const VoteAsMember = () => Access({ tier: 'member' });
/** Aggregate vote counts: members, developers (grant) and recruiters. */
export const VoteAggregates = () =>
  Access({ tier: 'member', orGrant: ['developer', 'recruiter'], scopes: ['dkp:recruitment'] });
/** Screening, comments, voter details: officers and holders of the recruiter grant. */
export const Recruiters = () => Access({ tier: 'officer', orGrant: 'recruiter', scopes: ['dkp:recruitment'] });
/** Final decisions (approve, recycle) and the trial outcome: officers. */
export const RecruitmentOfficers = () => Access({ tier: 'officer', scopes: ['dkp:recruitment'] });
/** The voting rules: admins. */
export const RecruitmentAdmins = () => Access({ tier: 'admin', scopes: ['dkp:admin'] });

/** Bot keys (with the route's scope), officers and recruiters. */
export function isRecruiter(access: OrgAccess): boolean {
  if (access.userId === null) return true;
  return (access.tier !== null && tierAtLeast(access.tier, 'officer')) || access.grants.includes('recruiter');
}

/** Who may see other people's applications and aggregate votes: recruiters, members and up, developers. */
export function isCommunity(access: OrgAccess): boolean {
  return (
    isRecruiter(access) ||
    (access.tier !== null && tierAtLeast(access.tier, 'member')) ||
    access.grants.includes('developer')
  );
}
