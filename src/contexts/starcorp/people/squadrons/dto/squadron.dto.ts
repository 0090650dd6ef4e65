import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { CursorPageQueryDto } from '../../../../../platform/http/page-query.dto';
import { QueryBoolean } from '../../../../../platform/http/query-transforms';
import { IsSafeName, IsSafeText } from '../../../../../platform/http/safe-text';
import { IsNullable } from '../../../../../platform/http/validation';
import { SQUADRON_FOCUSES, SQUADRON_ROLES, type SquadronFocus, type SquadronRole } from '../squadron-rules';

export class CreateSquadronDto {
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @IsSafeName()
  name: string;

  /** Lower-case words and dashes; derived from the name when omitted. */
  @IsOptional()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'slug must be lower-case words joined by dashes' })
  @MaxLength(100)
  slug?: string;

  @IsString()
  @MinLength(1)
  @MaxLength(50)
  @IsSafeName()
  callsign: string;

  @IsOptional()
  @IsNullable()
  @IsString()
  @MaxLength(4000)
  @IsSafeText()
  description?: string | null;

  @IsOptional()
  @IsNullable()
  @IsString()
  @MaxLength(200)
  @IsSafeName()
  motto?: string | null;

  @ApiProperty({ enum: SQUADRON_FOCUSES, enumName: 'StarcorpSquadronFocus', required: false, default: 'mixed' })
  @IsOptional()
  @IsIn(SQUADRON_FOCUSES)
  focus?: SquadronFocus;

  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @IsOptional()
  @IsBoolean()
  recruiting?: boolean;

  /** Null: no limit. */
  @IsOptional()
  @IsNullable()
  @IsInt()
  @Min(1)
  @Max(10000)
  maxMembers?: number | null;

  @IsOptional()
  @IsNullable()
  @IsUrl({ protocols: ['https'], require_protocol: true })
  @MaxLength(500)
  logoUrl?: string | null;

  /** `#RRGGBB`. */
  @IsOptional()
  @Matches(/^#[0-9A-Fa-f]{6}$/, { message: 'colorCode must be #RRGGBB' })
  colorCode?: string;

  /** The commander, an org member; none when omitted. */
  @IsOptional()
  @IsNullable()
  @IsUUID()
  commanderUserId?: string | null;
}

/** The commander changes through `POST squadrons/{id}/commander` (it is announced). */
export class UpdateSquadronDto extends PartialType(OmitType(CreateSquadronDto, ['commanderUserId'] as const)) {}

export class ChangeSquadronCommanderDto {
  /** The new commander (an org member), or null for none. */
  @IsNullable()
  @IsUUID()
  userId: string | null;
}

export class ListSquadronsQueryDto extends CursorPageQueryDto {
  @ApiProperty({ enum: SQUADRON_FOCUSES, enumName: 'StarcorpSquadronFocus', required: false })
  @IsOptional()
  @IsIn(SQUADRON_FOCUSES)
  focus?: SquadronFocus;

  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  recruiting?: boolean;
}

export class ListAllSquadronsQueryDto extends ListSquadronsQueryDto {
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  active?: boolean;
}

export class AddSquadronMemberDto {
  @IsUUID()
  userId: string;

  @ApiProperty({ enum: SQUADRON_ROLES, enumName: 'StarcorpSquadronRole', required: false, default: 'member' })
  @IsOptional()
  @IsIn(SQUADRON_ROLES)
  role?: SquadronRole;

  @IsOptional()
  @IsNullable()
  @IsString()
  @MaxLength(2000)
  @IsSafeText()
  notes?: string | null;
}

export class UpdateSquadronMemberDto extends PartialType(OmitType(AddSquadronMemberDto, ['userId'] as const)) {}

export class SquadronDto {
  id: string;
  name: string;
  slug: string;
  callsign: string;
  @ApiProperty({ type: String, nullable: true })
  description: string | null;
  @ApiProperty({ type: String, nullable: true })
  motto: string | null;
  @ApiProperty({ type: String, nullable: true })
  commanderUserId: string | null;
  @ApiProperty({ enum: SQUADRON_FOCUSES, enumName: 'StarcorpSquadronFocus' })
  focus: SquadronFocus;
  active: boolean;
  recruiting: boolean;
  @ApiProperty({ type: Number, nullable: true })
  maxMembers: number | null;
  /** Active members now. */
  memberCount: number;
  @ApiProperty({ type: String, nullable: true })
  logoUrl: string | null;
  colorCode: string;
}

export class SquadronMemberDto {
  id: string;
  squadronId: string;
  userId: string;
  @ApiProperty({ enum: SQUADRON_ROLES, enumName: 'StarcorpSquadronRole' })
  role: SquadronRole;
  joinedAt: Date;
  @ApiProperty({ type: Date, nullable: true })
  leftAt: Date | null;
  @ApiProperty({ type: String, nullable: true })
  notes: string | null;
}

export class MySquadronDto {
  squadron: SquadronDto;
  membership: SquadronMemberDto;
}

export class MySquadronsDto {
  items: MySquadronDto[];
}

export class ListSquadronMembersQueryDto extends CursorPageQueryDto {
  /** Also list members who left (their `leftAt` is set). */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  includeFormer?: boolean;
}
