import type { ProblemDefinition } from '../../../platform/http/problem-catalogue';

/** The problems the communications module throws (see `ContextDefinition.problems`). */
export const COMMUNICATIONS_PROBLEMS: readonly ProblemDefinition[] = [];
