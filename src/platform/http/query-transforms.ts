import { Transform } from 'class-transformer';

/** Query strings carry text: "true"/"false" become booleans, anything else fails @IsBoolean. */
export const QueryBoolean = () =>
  Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));
