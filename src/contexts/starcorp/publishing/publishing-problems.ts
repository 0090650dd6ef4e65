import type { ProblemDefinition } from '../../../platform/http/problem-catalogue';

/** The problems the publishing side throws (see `ContextDefinition.problems`). */
export const PUBLISHING_PROBLEMS: readonly ProblemDefinition[] = [
  {
    slug: 'starcorp-slug-taken',
    status: 409,
    description:
      'A blog post or category of the org already has this slug (slugs are unique per org); `field` names the input and `value` the slug taken.',
    extensions: { field: { type: 'string' }, value: { type: 'string' } },
    required: ['field', 'value'],
    example: { detail: 'A blog post with the slug "fleet-week" exists', field: 'slug', value: 'fleet-week' },
  },
  {
    slug: 'insufficient-quantity',
    status: 409,
    description:
      'The adjustment would take the item below zero; `quantity` is what is in stock now and `delta` what was asked.',
    extensions: { quantity: { type: 'integer' }, delta: { type: 'integer' } },
    required: ['quantity', 'delta'],
    example: { detail: 'Only 3 in stock; cannot remove 5', quantity: 3, delta: -5 },
  },
];
