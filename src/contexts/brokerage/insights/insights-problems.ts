import type { ProblemDefinition } from '../../../platform/http/problem-catalogue';

export const EXPORT_NOT_READY = 'export-not-ready';

/** The problems the insights module throws (see `ContextDefinition.problems`). */
export const INSIGHTS_PROBLEMS: readonly ProblemDefinition[] = [
  {
    slug: EXPORT_NOT_READY,
    status: 409,
    description:
      'The export has no file to download: it is still queued or running (poll it), or it failed (ask for a new one); `currentState` is the export’s status.',
    extensions: { currentState: { type: 'string', enum: ['queued', 'running', 'failed'] } },
    required: ['currentState'],
    example: { detail: 'The export is running; its file is not ready', currentState: 'running' },
  },
];
