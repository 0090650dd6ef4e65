import type { ProblemDefinition } from '../../../platform/http/problem-catalogue';

const field = { type: 'string', description: 'The request field whose value is taken.' } as const;
const flightStatus = { $ref: '#/components/schemas/FboFlightStatus' };
const lineServiceStatus = { $ref: '#/components/schemas/FboLineServiceStatus' };
const equipmentStatus = { $ref: '#/components/schemas/FboEquipmentStatus' };

/** The problems flight operations throw (see `ContextDefinition.problems`). */
export const FLIGHT_OPS_PROBLEMS: readonly ProblemDefinition[] = [
  {
    slug: 'fbo-location-code-taken',
    status: 409,
    description: 'Another parking location of the airport has that code; `field` names it.',
    extensions: { field },
    required: ['field'],
    example: { detail: 'KMSO already has a parking location A-1', field: 'locationCode' },
  },
  {
    slug: 'fbo-tail-number-taken',
    status: 409,
    description: 'Another aircraft of the org has that tail number; `field` names it.',
    extensions: { field },
    required: ['field'],
    example: { detail: 'An aircraft N123AB exists', field: 'tailNumber' },
  },
  {
    slug: 'fbo-equipment-id-taken',
    status: 409,
    description: 'Another unit of the org has that equipment id; `field` names it.',
    extensions: { field },
    required: ['field'],
    example: { detail: 'Equipment TUG-01 exists', field: 'equipmentId' },
  },
  {
    slug: 'fbo-aircraft-has-flights',
    status: 409,
    description: 'The aircraft has flights; it cannot be deleted.',
    example: { detail: 'The aircraft has flights' },
  },
  {
    slug: 'fbo-flight-closed',
    status: 409,
    description: 'The flight departed or was cancelled; its booking can no longer change.',
    extensions: { currentState: flightStatus },
    required: ['currentState'],
    example: { detail: 'The flight is departed; it can no longer change', currentState: 'departed' },
  },
  {
    slug: 'fbo-line-service-started',
    status: 409,
    description: 'The line service has started (or ended); its booking can no longer change.',
    extensions: { currentState: lineServiceStatus },
    required: ['currentState'],
    example: { detail: 'The line service is in_progress; it can no longer change', currentState: 'in_progress' },
  },
  {
    slug: 'equipment-in-use',
    status: 409,
    description:
      'The unit is in use elsewhere (a line service in progress, a fuel order out with the truck, or set by ' +
      'hand); it must be released first.',
    extensions: { currentState: equipmentStatus },
    required: ['currentState'],
    example: { detail: 'Equipment TUG-01 is in use', currentState: 'in_use' },
  },
  {
    slug: 'equipment-unavailable',
    status: 409,
    description: 'The unit is in maintenance or out of service and cannot be used; `currentState` says which.',
    extensions: { currentState: equipmentStatus },
    required: ['currentState'],
    example: { detail: 'Equipment GPU-02 is out_of_service', currentState: 'out_of_service' },
  },
];
