import { Access } from '../../platform/auth/access.decorator';

/**
 * The Star Citizen corporation's policies (seed roles: admin→admin, member→member, user→guest;
 * `editor` writes the blog). Members down to readonly read; officers run the corporation.
 */
export const StarcorpRead = () => Access({ tier: 'readonly', scopes: ['starcorp:read'] });
/** A member's own things: their profile, their ships, joining squadrons and missions, messages. */
export const StarcorpMember = () => Access({ tier: 'member', scopes: ['starcorp:write'] });
export const StarcorpWrite = () => Access({ tier: 'officer', scopes: ['starcorp:write'] });
/** The blog: officers or `editor` members. */
export const StarcorpEdit = () => Access({ tier: 'officer', orGrant: 'editor', scopes: ['starcorp:write'] });
export const StarcorpAdmin = () => Access({ tier: 'admin', scopes: ['starcorp:admin'] });
