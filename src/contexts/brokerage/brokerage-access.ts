import { Access } from '../../platform/auth/access.decorator';
import type { OrgAccess } from '../../platform/tenancy/org-access';
import { tierAtLeast } from '../../platform/tenancy/tiers';

/**
 * The brokerage's policies, named once so every controller says the same thing: everyone down to
 * readonly reads, brokers (members) enter parties and orders, managers (officers) approve and
 * archive, admins configure the org, and accounting (`treasurer`) invoices and collects without
 * being an officer.
 */
export const BrokerageRead = () => Access({ tier: 'readonly', scopes: ['brokerage:read'] });
export const BrokerageWrite = () => Access({ tier: 'member', scopes: ['brokerage:write'] });
export const BrokerageApprove = () => Access({ tier: 'officer', scopes: ['brokerage:write'] });
export const BrokerageSettings = () => Access({ tier: 'admin', scopes: ['brokerage:admin'] });
export const BrokerageAccounting = () => Access({ tier: 'officer', orGrant: 'treasurer', scopes: ['brokerage:write'] });

/**
 * Officers (and bot keys, which act for the org through their scopes) act on any order; members
 * (brokers) on the orders they entered.
 */
export function actsOnAnyOrder(access: OrgAccess): boolean {
  return access.tier === null || tierAtLeast(access.tier, 'officer');
}
