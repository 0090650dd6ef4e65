import type { ProblemDefinition } from '../../../platform/http/problem-catalogue';

const str = { type: 'string' } as const;
const money = { type: 'string', pattern: '^-?\\d+\\.\\d{2}$' } as const;

/** The problems the sales module throws (see `ContextDefinition.problems`). */
export const SALES_PROBLEMS: readonly ProblemDefinition[] = [
  {
    slug: 'credit-limit-exceeded',
    status: 409,
    description:
      "Confirming the sales order would take the customer's exposure (open receivables + open orders + this " +
      'order) past its credit limit. An officer can confirm anyway with `creditOverrideReason`.',
    extensions: { creditLimit: money, exposure: money, orderTotal: money, excess: money, currency: str },
    required: ['creditLimit', 'exposure', 'orderTotal', 'excess', 'currency'],
    example: {
      detail: 'Confirming SO-000042 would put Acme Foods 1200.00 USD past its credit limit',
      creditLimit: '50000.00',
      exposure: '45000.00',
      orderTotal: '6200.00',
      excess: '1200.00',
      currency: 'USD',
    },
  },
  {
    slug: 'invoice-not-editable',
    status: 409,
    description: 'Only a draft invoice can be changed; issued invoices are corrected by a credit note.',
    extensions: { currentState: str },
    required: ['currentState'],
    example: { detail: 'The invoice is issued; correct it with a credit note', currentState: 'issued' },
  },
  {
    slug: 'sales-order-not-delivered',
    status: 409,
    description: 'Only a delivered sales order can be invoiced; `currentState` is where it stands.',
    extensions: { currentState: str },
    required: ['currentState'],
    example: { detail: 'The sales order is in_transit; invoice it once delivered', currentState: 'in_transit' },
  },
  {
    slug: 'already-invoiced',
    status: 409,
    description: 'The sales order already has an invoice that is not cancelled or void; `invoiceId` names it.',
    extensions: { invoiceId: { type: 'string', format: 'uuid' } },
    required: [],
    example: { detail: 'SO-000042 is already invoiced', invoiceId: '3f1c9a52-7b1e-4f0a-9c55-2d8e6b41a7c3' },
  },
  {
    slug: 'credit-exceeds-outstanding',
    status: 409,
    description: "A credit note may not exceed what its invoice still owes; `outstanding` is the invoice's.",
    extensions: { outstanding: money },
    required: ['outstanding'],
    example: { detail: 'The credit of 120.00 exceeds the 100.00 outstanding', outstanding: '100.00' },
  },
  {
    slug: 'invoice-not-issued',
    status: 409,
    description: 'Only an issued invoice or credit note (not a draft, cancelled or void one) can be sent.',
    extensions: { currentState: str },
    required: ['currentState'],
    example: { detail: 'The invoice is draft; only issued invoices are sent', currentState: 'draft' },
  },
  {
    slug: 'no-recipient',
    status: 409,
    description: 'The customer has no accounts-payable contact with an email and no email of its own: add one first.',
    example: { detail: 'The customer has no accounts-payable contact with an email, nor an email of its own' },
  },
];
