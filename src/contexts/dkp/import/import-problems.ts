import type { ProblemDefinition } from '../../../platform/http/problem-catalogue';

export const DKP_IMPORT_RUNNING = 'dkp-import-running';

/** The problems of EQdkp imports run through the API (joined to DKP's in dkp.context.ts). */
export const DKP_IMPORT_PROBLEMS: readonly ProblemDefinition[] = [
  {
    slug: DKP_IMPORT_RUNNING,
    status: 409,
    description:
      'An import into this org is already queued or running; wait for it (GET .../dkp/imports/{id}) before starting another.',
    example: { detail: 'An import into this org is already queued or running' },
  },
];
