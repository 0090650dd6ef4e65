import { IsDecimalString } from '../../../../platform/domain/decimal';

/**
 * The fuel side's quantities: gallons to the hundredth (numeric(12,2)), tank levels in inches to
 * the hundredth (numeric(7,2)). Every fuel column, DTO and rule uses these scales, so a value read
 * from the database, sent by a client and computed by a rule always has the same number of places.
 */
export const GALLONS_SCALE = 2;
export const INCHES_SCALE = 2;

/** A non-negative gallon quantity in a request body. */
export const IsGallons = (description?: string) =>
  IsDecimalString({ scale: GALLONS_SCALE, integerDigits: 10, example: '12000.00', description });

/** A signed gallon quantity (variances). */
export const IsSignedGallons = (description?: string) =>
  IsDecimalString({ scale: GALLONS_SCALE, integerDigits: 10, signed: true, example: '-12.50', description });

/** A level in inches in a request body. */
export const IsInches = (description?: string) =>
  IsDecimalString({ scale: INCHES_SCALE, integerDigits: 5, example: '96.25', description });
