import type { ProblemDefinition } from '../../../platform/http/problem-catalogue';

const uuid = { type: 'string', format: 'uuid' } as const;

/** The problems the people-and-ships side throws (see `ContextDefinition.problems`). */
export const PEOPLE_PROBLEMS: readonly ProblemDefinition[] = [
  {
    slug: 'starcorp-rank-taken',
    status: 409,
    description: 'The org already has a rank with that name (`field` is `name`).',
    extensions: { field: { type: 'string' } },
    example: { detail: 'A rank named Captain exists', field: 'name' },
  },
  {
    slug: 'rank-in-use',
    status: 409,
    description: 'Members hold the rank: move them to another rank first.',
    example: { detail: 'Members hold the rank Captain; give them another rank first' },
  },
  {
    slug: 'ship-retired',
    status: 409,
    description: 'The ship model is retired from the catalog: no new hull of it can be registered.',
    extensions: { shipId: uuid },
    example: { detail: 'The Aurora CL is retired from the catalog', shipId: '0b5c2f0e-1a53-4d4e-9a0d-3f1c2e9d8b7a' },
  },
  {
    slug: 'squadron-name-taken',
    status: 409,
    description: 'The org already has a squadron with that value in `field` (name, slug or callsign).',
    extensions: { field: { type: 'string' } },
    example: { detail: 'A squadron with that callsign exists', field: 'callsign' },
  },
  {
    slug: 'squadron-full',
    status: 409,
    description: 'The squadron has as many active members as `maxMembers` allows.',
    extensions: { maxMembers: { type: 'integer' } },
    example: { detail: 'The squadron is full (12 members)', maxMembers: 12 },
  },
  {
    slug: 'squadron-not-recruiting',
    status: 409,
    description: 'The squadron is closed to new members; its commander or leads can still add members.',
    example: { detail: 'The squadron is not recruiting' },
  },
  {
    slug: 'squadron-inactive',
    status: 409,
    description: 'The squadron is inactive: nobody can join it.',
    example: { detail: 'The squadron is inactive' },
  },
  {
    slug: 'already-in-squadron',
    status: 409,
    description:
      'The user already is an active member of this squadron, or of another one while the org allows one squadron per member (`squadronId` names it).',
    extensions: { squadronId: uuid },
    example: { detail: 'You are already in a squadron', squadronId: '0b5c2f0e-1a53-4d4e-9a0d-3f1c2e9d8b7a' },
  },
];
