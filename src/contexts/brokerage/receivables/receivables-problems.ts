import type { ProblemDefinition } from '../../../platform/http/problem-catalogue';

const str = { type: 'string' } as const;
const uuid = { type: 'string', format: 'uuid' } as const;
const money = { type: 'string', pattern: '^-?\\d+\\.\\d{2}$' } as const;

/** The problems the receivables module throws (see `ContextDefinition.problems`). */
export const RECEIVABLES_PROBLEMS: readonly ProblemDefinition[] = [
  {
    slug: 'allocation-exceeds-outstanding',
    status: 409,
    description: 'An allocation may not exceed what its invoice still owes; `outstanding` is the invoice’s, now.',
    extensions: { invoiceId: uuid, outstanding: money },
    required: ['invoiceId', 'outstanding'],
    example: {
      detail: 'The allocation of 120.00 exceeds the 100.00 INV-000042 owes',
      invoiceId: '3f1c9a52-7b1e-4f0a-9c55-2d8e6b41a7c3',
      outstanding: '100.00',
    },
  },
  {
    slug: 'allocation-exceeds-payment',
    status: 409,
    description: 'The allocations exceed what the payment has left unallocated (`unallocated`).',
    extensions: { unallocated: money },
    required: ['unallocated'],
    example: { detail: 'The allocations of 500.00 exceed the 300.00 the payment has left', unallocated: '300.00' },
  },
  {
    slug: 'invoice-not-payable',
    status: 409,
    description:
      'Only issued invoices (issued, partly_paid) take allocations: not drafts, cancelled or void invoices, nor credit notes.',
    extensions: { invoiceId: uuid, currentState: str },
    required: ['invoiceId', 'currentState'],
    example: {
      detail: 'The invoice is void; only issued invoices take payments',
      invoiceId: '3f1c9a52-7b1e-4f0a-9c55-2d8e6b41a7c3',
      currentState: 'void',
    },
  },
  {
    slug: 'allocation-customer-mismatch',
    status: 409,
    description: "A payment is allocated to its own customer's invoices only.",
    extensions: { invoiceId: uuid },
    required: ['invoiceId'],
    example: { detail: 'The invoice is not the payment customer’s', invoiceId: '3f1c9a52-7b1e-4f0a-9c55-2d8e6b41a7c3' },
  },
  {
    slug: 'currency-mismatch',
    status: 409,
    description: "An allocation's payment must be in the invoice's currency (`currency`).",
    extensions: { invoiceId: uuid, currency: str },
    required: ['invoiceId', 'currency'],
    example: {
      detail: 'The invoice is in USD, the payment in CAD',
      invoiceId: '3f1c9a52-7b1e-4f0a-9c55-2d8e6b41a7c3',
      currency: 'USD',
    },
  },
];
