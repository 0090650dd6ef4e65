import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DEFAULT_LIMIT, MAX_LIMIT } from './pagination';

/** `limit` + keyset `cursor`, shared by every cursor-paginated list. */
export class CursorPageQueryDto {
  /** Page size, 1-200. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_LIMIT)
  limit: number = DEFAULT_LIMIT;

  /** `nextCursor` from the previous page. */
  @IsOptional() @IsString() @MaxLength(512)
  cursor?: string;
}

/** `limit` + `offset`, for lists whose clients want page numbers and a total. */
export class OffsetPageQueryDto {
  /** Page size, 1-200. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_LIMIT)
  limit: number = DEFAULT_LIMIT;

  /** Rows to skip. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000)
  offset: number = 0;
}
