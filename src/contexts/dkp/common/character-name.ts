import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** EverQuest names: one word of 2-32 letters. */
export const CHARACTER_NAME_PATTERN = /^[A-Za-z]{2,32}$/;

/**
 * A character name in a request. The pattern is also written into the OpenAPI schema (the Swagger plugin does
 * not read `@Matches`), so SDK users see the rule the server enforces.
 */
export const IsCharacterName = (options: { required?: boolean; message?: string } = {}) =>
  applyDecorators(
    ApiProperty({
      type: String,
      pattern: CHARACTER_NAME_PATTERN.source,
      example: 'Trident',
      required: options.required ?? true,
    }),
    Matches(CHARACTER_NAME_PATTERN, { message: options.message ?? '$property must be 2-32 letters' }),
  );
