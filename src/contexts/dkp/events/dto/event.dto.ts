import { ApiProperty, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { OffsetPageQueryDto } from '../../../../platform/http/page-query.dto';
import { QueryBoolean } from '../../../../platform/http/query-transforms';
import { IsPoints } from '../../common/points';

export class CreateEventDto {
  @ApiProperty({ example: 'Tormax' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiProperty({ example: 'King Tormax in Kael Drakkal', required: false })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @IsPoints({ description: 'Points a raid of this event is worth by default' })
  defaultPoints: string;

  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @IsUUID()
  poolId: string;
}

export class UpdateEventDto extends PartialType(CreateEventDto) {}

export class ListEventsQueryDto extends OffsetPageQueryDto {
  /** Only active (true) or inactive (false) events. */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  active?: boolean;
}

export class EventDto {
  id: string;
  name: string;
  description: string;
  defaultPoints: string;
  active: boolean;
  poolId: string;
}
