import { Access } from '../../../platform/auth/access.decorator';

/** Officers, and bots whose key carries roster:sync, read the desired state and report syncs. */
export const RosterSync = () => Access({ tier: 'officer', scopes: ['roster:sync'] });
