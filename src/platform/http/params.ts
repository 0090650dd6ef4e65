import { Param, ParseUUIDPipe } from '@nestjs/common';
import { Problem } from './problem';

/** A path parameter that must be a UUID; anything else is a 400 naming the parameter. */
export const UuidParam = (name: string): ParameterDecorator =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => Problem.validation([{ path: name, message: `${name} must be a UUID` }]),
    }),
  );
