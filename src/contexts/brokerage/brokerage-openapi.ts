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
    {
      name: 'Sales orders',
      description:
        'Loads sold to customers: lines priced by the server, linked purchase orders and margin, confirmation ' +
        "within the customer's credit limit (officers override with a reason), shipping and delivery.",
      prefixes: ['/sales-orders'],
    },
    {
      name: 'Invoices',
      description:
        'Invoices and credit notes: drafted by hand or from a delivered sales order, numbered gaplessly at issue ' +
        '(treasurer or officer), PDF, mailing, void; overdue is derived in the org time zone.',
      prefixes: ['/invoices'],
    },
    {
      name: 'Payments & receivables',
      description:
        'Payments received (allocated to invoices, the rest customer credit; mistakes reversed, never edited), ' +
        'open receivables with days overdue, customer statements and the ageing report (JSON or CSV).',
      prefixes: ['/payments', '/receivables'],
      exact: ['/customers/{id}/statement'],
    },
    {
      name: 'Bug reports',
      description:
        "Bug reports, feature requests, questions and feedback from the brokerage's users, triaged by admins or " +
        "the `developer` grant: new, in progress, resolved, closed, or won't fix.",
      prefixes: ['/bug-reports'],
    },
    {
      name: 'Dashboard & exports',
      description:
        'The brokerage at a glance (purchase orders by status, loads in transit, receivables by age, month revenue ' +
        'and margin, top customers) and data exports: a ZIP of CSVs written by a job, for admins.',
      prefixes: ['/dashboard', '/exports'],
    },
    {
      name: 'Assistant',
      description:
        'Uploaded documents (PDF text, images through a vision-capable provider) read into facts and proposals ' +
        'that a member applies through the normal services, and conversations with a model that answers through ' +
        'read-only, org-scoped lookups within a monthly token budget.',
      prefixes: ['/assistant'],
    },
  ],
};
