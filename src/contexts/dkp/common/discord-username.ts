import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

/**
 * Discord usernames as Discord allows them: the current style is 2-32 lowercase letters, digits,
 * `_` and `.`, never two dots in a row; the legacy style (`Name#1234`, still shown by some bots
 * and old accounts) is 2-32 characters without `@ # : \`` or control characters, then `#` and four
 * digits. The lookahead is ECMA-262, the regex dialect OpenAPI specifies for `pattern`.
 */
// eslint-disable-next-line no-control-regex -- control characters are named to be refused
export const DISCORD_USERNAME_PATTERN = /^(?:(?!.*\.\.)[a-z0-9_.]{2,32}|[^@#:`\x00-\x1f\x7f]{2,32}#\d{4})$/;

/** Shortest and longest a username of either style can be (the legacy one adds `#1234`). */
export const DISCORD_USERNAME_LENGTH = { min: 2, max: 37 } as const;

const MESSAGE =
  '$property must be a Discord username: 2-32 lowercase letters, digits, _ or . (no ..), or a legacy name#1234';

/**
 * A Discord username in a request. Validates it and writes the same pattern and lengths into the
 * OpenAPI schema (the Swagger plugin does not read `@Matches`), so SDK users see the rule the
 * server enforces. Use it on every request field that takes a Discord username.
 */
export const IsDiscordUsername = (options: { required?: boolean } = {}) =>
  applyDecorators(
    ApiProperty({
      type: String,
      pattern: DISCORD_USERNAME_PATTERN.source,
      minLength: DISCORD_USERNAME_LENGTH.min,
      maxLength: DISCORD_USERNAME_LENGTH.max,
      example: 'some_player',
      required: options.required ?? true,
    }),
    IsString(),
    Matches(DISCORD_USERNAME_PATTERN, { message: MESSAGE }),
  );
