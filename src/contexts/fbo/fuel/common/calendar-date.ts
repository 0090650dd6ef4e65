import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ValidateBy } from 'class-validator';
import { isCalendarDate } from '../training/certification-expiry';

/** A calendar date (`YYYY-MM-DD`, a real day) in a request: training dates carry no time of day. */
export const IsCalendarDate = (description?: string) =>
  applyDecorators(
    ApiProperty({ type: String, format: 'date', example: '2026-01-15', description }),
    ValidateBy({
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value),
        defaultMessage: (args) => `${args?.property} must be a date as YYYY-MM-DD`,
      },
    }),
  );
