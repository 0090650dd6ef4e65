import type { SchemaObject } from '@nestjs/swagger';
import type { ProblemDefinition } from '../../../platform/http/problem-catalogue';

const MISSION_STATUS: SchemaObject = {
  type: 'string',
  enum: ['draft', 'scheduled', 'in_progress', 'completed', 'cancelled'],
};

/** The problems the missions module throws (see `ContextDefinition.problems`). */
export const MISSIONS_PROBLEMS: readonly ProblemDefinition[] = [
  {
    slug: 'mission-not-open',
    status: 409,
    description: 'Sign-ups are open while the mission is scheduled; `currentState` is its status now.',
    extensions: { currentState: MISSION_STATUS },
    example: { detail: 'The mission is draft; sign-ups are open while it is scheduled', currentState: 'draft' },
  },
  {
    slug: 'mission-full',
    status: 409,
    description: 'The mission has as many participants (signed up, confirmed, attended) as `maxParticipants` allows.',
    extensions: { maxParticipants: { type: 'integer' } },
    example: { detail: 'The mission is full (8 participants)', maxParticipants: 8 },
  },
  {
    slug: 'mission-not-editable',
    status: 409,
    description: 'Only draft and scheduled missions are edited; `currentState` is its status now.',
    extensions: { currentState: MISSION_STATUS },
    example: {
      detail: 'The mission is completed; only draft and scheduled missions are edited',
      currentState: 'completed',
    },
  },
  {
    slug: 'already-signed-up',
    status: 409,
    description:
      'The caller is already on the mission (`participantStatus` is their participation status); withdraw first.',
    extensions: { participantStatus: { type: 'string' } },
    example: { detail: 'You are already signed up for this mission', participantStatus: 'confirmed' },
  },
  {
    slug: 'mission-ship-unavailable',
    status: 409,
    description:
      'The hull does not fit the sign-up (`reason`): the mission requires one of its ships (`required`), the hull is ' +
      "not the caller's (`not-yours`), not available for missions at the mission time (`not-available`: active, " +
      'flagged, inside its window) or not one of the required ships (`not-required-model`).',
    extensions: {
      reason: { type: 'string', enum: ['required', 'not-yours', 'not-available', 'not-required-model'] },
      fleetShipId: { type: 'string', format: 'uuid', nullable: true },
    },
    example: {
      detail: 'The hull is not one of the ships the mission requires',
      reason: 'not-required-model',
      fleetShipId: '0b5c2f0e-1a53-4d4e-9a0d-3f1c2e9d8b7a',
    },
  },
];
