import type { ProblemDefinition } from '../../../platform/http/problem-catalogue';

const str = { type: 'string' } as const;
const gallons = { type: 'string', pattern: '^\\d+\\.\\d{2}$', description: 'Gallons, a decimal string.' } as const;

/** The problems the fuel side throws (see `ContextDefinition.problems`). */
export const FUEL_PROBLEMS: readonly ProblemDefinition[] = [
  {
    slug: 'tank-id-taken',
    status: 409,
    description: 'Another tank of the org has this `tankId`.',
    extensions: { field: str },
    required: ['field'],
    example: { detail: 'A tank JA-1 exists', field: 'tankId' },
  },
  {
    slug: 'tank-has-records',
    status: 409,
    description: 'The tank has readings, inspections or fuel movements, which are kept: it cannot be deleted.',
    example: { detail: 'Tank JA-1 has records and cannot be deleted' },
  },
  {
    slug: 'reading-exists',
    status: 409,
    description: 'The tank already has a reading at this `recordedAt`.',
    extensions: { field: str },
    required: ['field'],
    example: { detail: 'Tank JA-1 has a reading at 2026-05-01T06:00:00.000Z', field: 'recordedAt' },
  },
  {
    slug: 'employee-id-taken',
    status: 409,
    description: 'Another fueler of the org has this `employeeId`.',
    extensions: { field: str },
    required: ['field'],
    example: { detail: 'A fueler with employee id E-104 exists', field: 'employeeId' },
  },
  {
    slug: 'fueler-exists',
    status: 409,
    description: 'The user already has a fueler record in this org.',
    extensions: { field: str },
    required: ['field'],
    example: { detail: 'That user is already a fueler', field: 'userId' },
  },
  {
    slug: 'course-name-taken',
    status: 409,
    description: 'Another training course of the org has this `name`.',
    extensions: { field: str },
    required: ['field'],
    example: { detail: 'A course named Jet A initial exists', field: 'name' },
  },
  {
    slug: 'course-in-use',
    status: 409,
    description: 'The course has certifications or assignments, which are kept: it cannot be deleted.',
    example: { detail: 'The course has certifications and cannot be deleted' },
  },
  {
    slug: 'certifier-not-qualified',
    status: 409,
    description: 'A certifier who is not an officer needs a current certification in a `supervisor` course of the org.',
    example: { detail: 'You hold no current supervisor certification' },
  },
  {
    slug: 'insufficient-fuel',
    status: 409,
    description: 'The movement would take the stock of a tank or truck below zero; `available` is what it holds.',
    extensions: { holderId: str, available: gallons },
    required: ['holderId', 'available'],
    example: { detail: 'Tank JA-1 holds 120.00 gallons', holderId: 'f0c1…', available: '120.00' },
  },
  {
    slug: 'fuel-capacity-exceeded',
    status: 409,
    description: 'The movement would fill the tank or truck past its capacity; `room` is what still fits.',
    extensions: { holderId: str, room: gallons },
    required: ['holderId', 'room'],
    example: { detail: 'Tank JA-1 has room for 800.00 gallons', holderId: 'f0c1…', room: '800.00' },
  },
  {
    slug: 'fuel-type-mismatch',
    status: 409,
    description: 'The tank or truck holds another fuel; a truck takes a new fuel only when empty.',
    extensions: { holderId: str, holderFuelType: { $ref: '#/components/schemas/FboFuelType' } },
    required: ['holderId', 'holderFuelType'],
    example: {
      detail: 'The fuel truck holds avgas_100ll, not jet_a',
      holderId: 'f0c1…',
      holderFuelType: 'avgas_100ll',
    },
  },
];
