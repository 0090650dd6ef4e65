import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DEFAULT_LIMIT, MAX_LIMIT } from './pagination';

/** The page size every paginated list takes. */
abstract class PageLimitQueryDto {
  /** Page size, 1-200. */
  @ApiProperty({ required: false, default: DEFAULT_LIMIT, minimum: 1, maximum: MAX_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_LIMIT)
  limit: number = DEFAULT_LIMIT;
}

/** `limit` + keyset `cursor`, shared by every cursor-paginated list. */
export class CursorPageQueryDto extends PageLimitQueryDto {
  /** `nextCursor` from the previous page. */
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

/** `limit` + `offset`, for lists whose clients want page numbers and a total. */
export class OffsetPageQueryDto extends PageLimitQueryDto {
  /** Rows to skip. */
  @ApiProperty({ required: false, default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset: number = 0;
}
