import { Access } from '../../platform/auth/access.decorator';

/**
 * The DKP context's policies, named once so every controller says the same thing:
 * members (down to readonly) read, officers run raids and points, admins configure pools.
 */
export const DkpRead = () => Access({ tier: 'readonly', scopes: ['dkp:read'] });
export const DkpWrite = () => Access({ tier: 'officer', scopes: ['dkp:write'] });
export const DkpAdmin = () => Access({ tier: 'admin', scopes: ['dkp:admin'] });

/** Auctions: members (down to readonly) watch, members bid, officers and bots (scope dkp:bidding) run them. */
export const BidRead = () => Access({ tier: 'readonly', scopes: ['dkp:bidding'] });
export const BidAsMember = () => Access({ tier: 'member', scopes: ['dkp:bidding'] });
export const RunAuctions = () => Access({ tier: 'officer', scopes: ['dkp:bidding'] });
