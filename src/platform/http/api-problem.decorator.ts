import { applyDecorators } from '@nestjs/common';
import { ApiExtension, ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDto } from './problem.dto';

/**
 * Prefix of the operation extensions that carry `@ApiProblem` declarations to
 * `applyProblemCatalogue`, which turns them into responses and removes them. One extension per
 * declaration (numbered), because Nest keeps only the last `@ApiResponse` of a status.
 */
export const API_PROBLEM_EXTENSION = 'x-qm-problems-';

/** What one `@ApiProblem` declared. */
export interface DeclaredProblems {
  status: number;
  slugs: string[];
  description?: string;
  /** Declaration order, so that descriptions keep the order of the decorators. */
  order: number;
}

let declarations = 0;

/**
 * Documents an error response as RFC 9457 `application/problem+json`: `@ApiProblem(409, ['bid-too-low',
 * 'auction-closed'])` names the problem slugs the handler throws (each must be in the problem
 * catalogue, with that status: building the document fails otherwise), optionally with a
 * description; `@ApiProblem(409, 'description')` documents a status with its generic slug.
 * The generic problems of a route (validation, credentials, policy, org, idempotency, rate limit,
 * database) are derived from its shape, not declared (see `genericProblems`).
 */
export function ApiProblem(status: number, description: string): MethodDecorator & ClassDecorator;
export function ApiProblem(
  status: number,
  slugs: readonly string[],
  description?: string,
): MethodDecorator & ClassDecorator;
export function ApiProblem(
  status: number,
  slugsOrDescription: readonly string[] | string,
  description?: string,
): MethodDecorator & ClassDecorator {
  const slugs = typeof slugsOrDescription === 'string' ? [] : [...slugsOrDescription];
  const text = typeof slugsOrDescription === 'string' ? slugsOrDescription : description;
  const declared: DeclaredProblems = { status, slugs, order: ++declarations, ...(text ? { description: text } : {}) };
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ApiResponse({
      status,
      description: text ?? slugs.join(', '),
      content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
    }),
    ApiExtension(`${API_PROBLEM_EXTENSION}${declared.order}`, declared),
  );
}
