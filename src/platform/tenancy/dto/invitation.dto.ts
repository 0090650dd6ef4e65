import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsDate, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { GRANTS, IsGrantList, TIERS, type Grant, type Tier } from '../tiers';

export class CreateInvitationDto {
  /** Tier the invitee joins at; at most your own. */
  @ApiProperty({ enum: TIERS, enumName: 'Tier' })
  @IsIn(TIERS)
  tier: Tier;

  @ApiProperty({ enum: GRANTS, enumName: 'Grant', isArray: true, required: false })
  @IsOptional()
  @IsArray()
  @IsGrantList()
  grants?: Grant[];

  /** How many people may use the code (default 1). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  maxUses?: number;

  /** Default: 7 days from now. */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  expiresAt?: Date;
}

export class InvitationDto {
  id: string;
  /** Give this to the invitee; they accept it at `POST /invitations/{code}/accept`. */
  code: string;
  @ApiProperty({ enum: TIERS, enumName: 'Tier' })
  tier: Tier;
  @ApiProperty({ enum: GRANTS, enumName: 'Grant', isArray: true })
  grants: Grant[];
  maxUses: number;
  uses: number;
  expiresAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}
