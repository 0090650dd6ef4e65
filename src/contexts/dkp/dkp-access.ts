import { Access } from '../../platform/auth/access.decorator';

/**
 * The DKP context's policies, named once so every controller says the same thing:
 * members (down to readonly) read, officers run raids and points, admins configure pools.
 */
export const DkpRead = () => Access({ tier: 'readonly', scopes: ['dkp:read'] });
export const DkpWrite = () => Access({ tier: 'officer', scopes: ['dkp:write'] });
export const DkpAdmin = () => Access({ tier: 'admin', scopes: ['dkp:admin'] });

/**
 * Auctions. Members (down to readonly) watch and members bid; a bidding bot (scope dkp:bidding)
 * reads sessions and bids for members. Running auctions (start, close, award, cancel, and
 * recording a result the bot ran in chat) is for officers and auctioneer bots (dkp:auctioneer),
 * so a key that only takes bids cannot also decide who wins.
 */
export const BidRead = () => Access({ tier: 'readonly', scopes: ['dkp:bidding'] });
export const BidAsMember = () => Access({ tier: 'member', scopes: ['dkp:bidding'] });
export const RunAuctions = () => Access({ tier: 'officer', scopes: ['dkp:auctioneer'] });

/** A member's balance by Discord id: DKP readers, and bidding bots (max-bid already shows it to them). */
export const DiscordBalanceRead = () => Access({ tier: 'readonly', scopes: ['dkp:read', 'dkp:bidding'] });

/**
 * EQdkp imports: org owners (and owner-scoped bots with dkp:admin). Platform administrators who
 * are not members get in as owners (the org resolver's rule), so they can run a guild's migration.
 */
export const DkpImportAdmin = () => Access({ tier: 'owner', scopes: ['dkp:admin'] });
