import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, Matches } from 'class-validator';
import { fieldProblem } from './flight-ops-repository';

/** A tag: lower-case words joined by dashes ("vip", "medevac", "de-ice"). */
export const TAG_PATTERN = /^[a-z0-9][a-z0-9-]{0,31}$/;
export const MAX_TAGS = 20;

/** A list of tags in a request body (each must also be one of the org's tags, see `assertKnownTags`). */
export const IsFboTags = () =>
  applyDecorators(
    ApiProperty({ type: [String], required: false, example: ['vip'], maxItems: MAX_TAGS }),
    IsArray(),
    ArrayMaxSize(MAX_TAGS),
    IsString({ each: true }),
    Matches(TAG_PATTERN, { each: true, message: '$property must hold lower-case words joined by dashes' }),
  );

/**
 * Tags are org-defined (the settings' `tags`): a flight or unit carries only those, so boards and
 * filters never split over spelling variants. Unknown ones are a 400 naming their position.
 */
export function assertKnownTags(path: string, tags: readonly string[] | undefined, known: readonly string[]): void {
  if (!tags) return;
  const unknown = tags.findIndex((tag) => !known.includes(tag));
  if (unknown >= 0) throw fieldProblem(`${path}.${unknown}`, `"${tags[unknown]}" is not one of the org's tags`);
}

/** The same tags without repeats, in the order given. */
export const distinctTags = (tags: readonly string[]): string[] => [...new Set(tags)];
