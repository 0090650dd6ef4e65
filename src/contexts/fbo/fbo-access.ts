import { Access } from '../../platform/auth/access.decorator';

/**
 * The FBO context's policies (seed roles: admin→admin, supervisor→officer, frontdesk→member with
 * the `dispatcher` grant, line→member; `trainer` certifies). Everyone down to readonly reads;
 * nobody reads anonymously (an improvement on the seed).
 */
export const FboRead = () => Access({ tier: 'readonly', scopes: ['fbo:read'] });
/** Line staff's own work: readings, moving their own orders and services (the service checks "own"). */
export const FboMember = () => Access({ tier: 'member', scopes: ['fbo:write'] });
/** The front desk books flights and dispatches fuel: `dispatcher` members or officers. */
export const FboDispatch = () => Access({ tier: 'officer', orGrant: 'dispatcher', scopes: ['fbo:write'] });
/** Certifying training: `trainer` members or officers. */
export const FboTrain = () => Access({ tier: 'officer', orGrant: 'trainer', scopes: ['fbo:write'] });
/** Supervisors: locations, tanks, receipts, equipment, fuelers, courses. */
export const FboOfficer = () => Access({ tier: 'officer', scopes: ['fbo:write'] });
/** Settings (airports, time zone, fuel densities). */
export const FboAdmin = () => Access({ tier: 'admin', scopes: ['fbo:admin'] });
/** A tank gauge posting readings: a bot key with `fbo:gauge`, or a member. */
export const FboGauge = () => Access({ tier: 'member', scopes: ['fbo:gauge'] });
