import type { ProblemDefinition } from '../../../platform/http/problem-catalogue';

const str = { type: 'string' } as const;
const uuid = { type: 'string', format: 'uuid' } as const;
const orderStatus = { $ref: '#/components/schemas/FboFuelOrderStatus' };
const fuelType = { $ref: '#/components/schemas/FboFuelType' };

/** The problems fuel dispatch throws (see `ContextDefinition.problems`). */
export const DISPATCH_PROBLEMS: readonly ProblemDefinition[] = [
  {
    slug: 'ticket-number-taken',
    status: 409,
    description: 'Another fuel order of the org has this `ticketNumber`.',
    extensions: { field: str, value: str },
    required: ['field'],
    example: { detail: 'A fuel order with ticket number FT-000042 exists', field: 'ticketNumber', value: 'FT-000042' },
  },
  {
    slug: 'fueler-not-certified',
    status: 409,
    description:
      'The fueler is inactive, or holds no current certification for the fuel type (and the aircraft type, ' +
      'when a course names one).',
    extensions: { fuelerId: uuid, fuelType, aircraftType: { type: 'string', nullable: true } },
    required: ['fuelerId', 'fuelType'],
    example: {
      detail: 'The fueler holds no current certification for jet_a',
      fuelerId: '6f1c2b7e-3d4a-4c5b-8e9f-0a1b2c3d4e5f',
      fuelType: 'jet_a',
    },
  },
  {
    slug: 'truck-busy',
    status: 409,
    description:
      'The truck is en route or fueling on another order; it serves one order at a time (a truck in use by ' +
      'a line service is `equipment-in-use`).',
    extensions: { field: str, value: uuid },
    required: ['field'],
    example: { detail: 'The truck is already en route or fueling on another order', field: 'truckId' },
  },
  {
    slug: 'fueler-busy',
    status: 409,
    description: 'A fueler of the order is en route or fueling on another order; one order at a time.',
    extensions: { field: str, value: uuid },
    required: ['field'],
    example: { detail: 'The fueler is already en route or fueling on another order', field: 'fuelerId' },
  },
  {
    slug: 'unacknowledged-change',
    status: 409,
    description:
      'The order was edited after the fueler acknowledged it (`changeVersion` > `acknowledgedVersion`): ' +
      'acknowledge it again before fueling.',
    extensions: { changeVersion: { type: 'integer' }, acknowledgedVersion: { type: 'integer', nullable: true } },
    required: ['changeVersion'],
    example: { detail: 'The order changed after it was acknowledged', changeVersion: 2, acknowledgedVersion: 1 },
  },
  {
    slug: 'fuel-order-closed',
    status: 409,
    description: 'The order is fueling, completed, reviewed or cancelled: it can no longer be edited or (re)assigned.',
    extensions: { currentState: orderStatus },
    required: ['currentState'],
    example: { detail: 'The fuel order is completed; it can no longer change', currentState: 'completed' },
  },
];
