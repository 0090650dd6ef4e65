import type { ProblemDefinition } from '../../../platform/http/problem-catalogue';

const str = { type: 'string' } as const;
const uuid = { type: 'string', format: 'uuid' } as const;

/** The problems the assistant module throws (see `ContextDefinition.problems`). */
export const ASSISTANT_PROBLEMS: readonly ProblemDefinition[] = [
  {
    slug: 'assistant-unavailable',
    status: 503,
    title: 'Assistant unavailable',
    description:
      'No model provider is configured on this server (ASSISTANT_URL), so the assistant cannot chat. Documents ' +
      'are still read, by the rule-based extractor.',
    example: { detail: 'No model provider is configured for the assistant on this server' },
  },
  {
    slug: 'assistant-provider-failed',
    status: 502,
    title: 'Assistant provider failed',
    description:
      'The model provider did not answer, or answered with an error, on the first try and 3 retries (timeouts, ' +
      'network errors, 429 and 5xx are retried with backoff). Nothing was stored; send the message again later.',
    example: { detail: "The assistant's model provider failed: HTTP 503" },
  },
  {
    slug: 'assistant-budget-exhausted',
    status: 429,
    title: 'Assistant budget exhausted',
    description:
      'The org has used its monthly token budget (prompt and completion tokens of this calendar month, UTC). It ' +
      'resets at `resetsAt`.',
    extensions: {
      budget: { type: 'integer' },
      used: { type: 'integer' },
      resetsAt: { type: 'string', format: 'date-time' },
    },
    required: ['budget', 'used', 'resetsAt'],
    example: {
      detail: 'The org has used its 1000000 assistant tokens for this month',
      budget: 1000000,
      used: 1000412,
      resetsAt: '2026-12-01T00:00:00.000Z',
    },
  },
  {
    slug: 'ocr-unavailable',
    status: 422,
    title: 'OCR unavailable',
    description:
      'The document is an image, and images are read only by a vision-capable model provider, which this server ' +
      'does not have (ASSISTANT_URL with ASSISTANT_VISION). The document is marked failed; upload a PDF with text.',
    extensions: { documentId: uuid },
    required: ['documentId'],
    example: {
      detail: 'Images are read only by a vision-capable model provider, and none is configured: upload a PDF with text',
      documentId: '6c1b9a52-7b1e-4f0a-9c55-2d8e6b41a7c3',
    },
  },
  {
    slug: 'conversation-not-active',
    status: 409,
    description:
      'The conversation is completed or archived: it takes no messages (reopen a completed one), and an archived ' +
      'one does not change. `currentState` is its status.',
    extensions: { currentState: str },
    required: ['currentState'],
    example: { detail: 'The conversation is completed; reopen it first', currentState: 'completed' },
  },
  {
    slug: 'proposal-supplier-unresolved',
    status: 409,
    description:
      'The purchase order proposal names a supplier that is not on file: apply its supplier proposal ' +
      '(`dependsOnId`) first, or add the supplier, then apply it again.',
    extensions: { supplierName: { type: 'string', nullable: true }, dependsOnId: { ...uuid, nullable: true } },
    required: ['supplierName', 'dependsOnId'],
    example: {
      detail: 'No supplier named Valley Beef Co is on file: apply the supplier proposal first',
      supplierName: 'Valley Beef Co',
      dependsOnId: '3f1c9a52-7b1e-4f0a-9c55-2d8e6b41a7c3',
    },
  },
  {
    slug: 'proposal-in-progress',
    status: 409,
    description: 'Another request is applying the proposal right now and has not finished; retry shortly.',
    example: { detail: 'The proposal is being applied; retry shortly' },
  },
];
