import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { CursorPageQueryDto } from '../../../../../platform/http/page-query.dto';
import { IsSafeName } from '../../../../../platform/http/safe-text';
import { IsNullable } from '../../../../../platform/http/validation';
import { CertificationDto } from '../../training/dto/certification.dto';
import { FUELER_STATUSES, type FuelerStatus } from '../fueler.entity';

export class CreateFuelerDto {
  /** The org member who fuels. */
  @IsUUID()
  userId: string;

  @ApiProperty({ example: 'Dana Whitcomb' })
  @IsNotEmpty()
  @IsSafeName()
  @MaxLength(100)
  fuelerName: string;

  /** The name called on the line's handheld radios. */
  @ApiProperty({ example: 'Fuel 3', required: false, nullable: true })
  @IsOptional()
  @IsNullable()
  @IsSafeName()
  @MaxLength(64)
  handheldName?: string | null;

  @ApiProperty({ example: 'E-104' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,32}$/, {
    message: 'employeeId must be 1-32 letters, digits, dots, dashes or underscores',
  })
  employeeId: string;

  /** The supervisor, an org member. */
  @IsOptional()
  @IsNullable()
  @IsUUID()
  supervisorUserId?: string | null;

  @ApiProperty({ enum: FUELER_STATUSES, enumName: 'FboFuelerStatus', required: false })
  @IsOptional()
  @IsIn(FUELER_STATUSES)
  status?: FuelerStatus;
}

/** The user of a fueler record does not change; a new user gets a new record. */
export class UpdateFuelerDto extends PartialType(OmitType(CreateFuelerDto, ['userId'] as const)) {}

export class ListFuelersQueryDto extends CursorPageQueryDto {
  @ApiProperty({ enum: FUELER_STATUSES, enumName: 'FboFuelerStatus', required: false })
  @IsOptional()
  @IsIn(FUELER_STATUSES)
  status?: FuelerStatus;

  /** Case-insensitive part of the name, handheld name or employee id. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

export class FuelerDto {
  id: string;
  userId: string;
  fuelerName: string;
  @ApiProperty({ type: String, nullable: true })
  handheldName: string | null;
  employeeId: string;
  @ApiProperty({ type: String, nullable: true })
  supervisorUserId: string | null;
  @ApiProperty({ enum: FUELER_STATUSES, enumName: 'FboFuelerStatus' })
  status: FuelerStatus;
}

/** A fueler with their current certifications. */
export class FuelerDetailDto extends FuelerDto {
  @ApiProperty({ type: [CertificationDto] })
  certifications: CertificationDto[];
}
