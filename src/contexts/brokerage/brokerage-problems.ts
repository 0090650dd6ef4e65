import type { ProblemDefinition } from '../../platform/http/problem-catalogue';

const str = { type: 'string' } as const;

/** The problems the brokerage's code throws (see `ContextDefinition.problems`). */
export const BROKERAGE_PROBLEMS: readonly ProblemDefinition[] = [
  {
    slug: 'trial-expired',
    status: 403,
    description:
      "The org's brokerage trial has ended (`trialEndsAt`): reads still work, writes are refused until an admin " +
      'extends or clears the trial in the settings.',
    extensions: { trialEndsAt: { type: 'string', format: 'date-time' } },
    required: ['trialEndsAt'],
    example: {
      detail: 'The brokerage trial ended on 2026-11-01T00:00:00.000Z',
      trialEndsAt: '2026-11-01T00:00:00.000Z',
    },
  },
  {
    slug: 'inactive-product',
    status: 409,
    description: 'The product is inactive and cannot go on new orders; `productId` names it.',
    extensions: { productId: { type: 'string', format: 'uuid' } },
    required: ['productId'],
    example: { detail: 'Product BF-8141 is inactive', productId: '3f1c9a52-7b1e-4f0a-9c55-2d8e6b41a7c3' },
  },
  {
    slug: 'insurance-expired',
    status: 409,
    description:
      "The carrier's insurance is missing or expired, which keeps it off new orders; update the insurance first.",
    extensions: { carrierId: { type: 'string', format: 'uuid' }, expiresAt: { type: 'string', nullable: true } },
    required: ['carrierId'],
    example: {
      detail: "The carrier's insurance expired on 2026-01-01T00:00:00.000Z",
      carrierId: '3f1c9a52-7b1e-4f0a-9c55-2d8e6b41a7c3',
      expiresAt: '2026-01-01T00:00:00.000Z',
    },
  },
  {
    slug: 'party-archived',
    status: 409,
    description: 'The supplier, plant or carrier is archived and cannot go on new orders; `field` names the reference.',
    extensions: { field: str },
    required: ['field'],
    example: { detail: 'The supplier is archived', field: 'supplierId' },
  },
  {
    slug: 'order-not-editable',
    status: 409,
    description: 'Only a draft order can be changed; `currentState` is where it stands.',
    extensions: { currentState: str },
    required: ['currentState'],
    example: { detail: 'The purchase order is approved; only drafts can be changed', currentState: 'approved' },
  },
];
