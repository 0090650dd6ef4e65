import { Access } from '../../../platform/auth/access.decorator';

/**
 * Who triages bug reports: the org's admins, or anyone holding the platform's `developer` grant
 * (the people who fix them, at any tier). A bot key needs `brokerage:admin`. Filing is
 * `BrokerageWrite` (members) and reading `BrokerageRead` (see brokerage-access.ts).
 */
export const BrokerageTriage = () => Access({ tier: 'admin', orGrant: 'developer', scopes: ['brokerage:admin'] });
