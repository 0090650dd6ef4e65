import type { ProblemDefinition } from '../../../platform/http/problem-catalogue';

const str = { type: 'string' } as const;

/**
 * The problems the support module throws (see `ContextDefinition.problems`), and the two of
 * sending a purchase order (`purchase-orders/{id}/send`), which the support work added.
 */
export const SUPPORT_PROBLEMS: readonly ProblemDefinition[] = [
  {
    slug: 'order-not-sendable',
    status: 409,
    description:
      'Only an approved purchase order is mailed to the supplier: a draft or one pending approval is not agreed ' +
      'yet, and a received, closed or cancelled one is done with. `currentState` is where it stands.',
    extensions: { currentState: str, allowedStates: { type: 'array', items: str } },
    required: ['currentState', 'allowedStates'],
    example: {
      detail: 'The purchase order is draft; only approved orders are sent to the supplier',
      currentState: 'draft',
      allowedStates: ['approved'],
    },
  },
  {
    slug: 'no-supplier-contact',
    status: 409,
    description:
      'Nobody to mail the purchase order to: the supplier has no linked contact with an ordering role (sales, ' +
      "orders, purchasing, customer service, dispatch) and an email, and no email of its own. Link a contact or set the supplier's email.",
    extensions: { supplierId: { type: 'string', format: 'uuid' } },
    required: ['supplierId'],
    example: {
      detail: 'Valley Beef Co has no email: link a contact with an ordering role or set the supplier email',
      supplierId: '3f1c9a52-7b1e-4f0a-9c55-2d8e6b41a7c3',
    },
  },
];
