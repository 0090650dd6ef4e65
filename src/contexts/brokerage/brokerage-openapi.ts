import type { ContextOpenApi } from '../../platform/contexts/context-definition';

/**
 * How Swagger UI shows the brokerage context: its group and one tag per aggregate, each with the
 * paths it covers, relative to `/orgs/{org}/brokerage` (see src/platform/http/openapi-tags.ts).
 */
export const BROKERAGE_OPENAPI: ContextOpenApi = {
  group: 'Brokerage',
  tags: [
    {
      name: 'Settings',
      description:
        "The brokerage's legal name, currency, time zone, document number prefixes, reminder schedule and trial, " +
        'and its list of proteins.',
      prefixes: ['/settings', '/proteins'],
    },
    {
      name: 'Parties',
      description:
        'Suppliers (packers), customers, plants and carriers with their terms, credit limits, certificates and ' +
        'insurance, and the contacts linked to them. Records in use are archived, not deleted.',
      prefixes: ['/suppliers', '/customers', '/plants', '/carriers', '/contacts'],
    },
    {
      name: 'Products',
      description: 'The product list: protein, fresh or frozen, package, net or catch weight, unit weight.',
      prefixes: ['/products'],
    },
    {
      name: 'Purchase orders',
      description:
        'Loads bought from packers: lines priced per lb, kg or case with totals computed by the server, gapless ' +
        'numbers per org, approval by officers, receiving with actual weights.',
      prefixes: ['/purchase-orders'],
    },
  ],
};
