import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsUUID } from 'class-validator';
import { IsNullable } from '../../../../platform/http/validation';
import { TIERS, type Tier } from '../../../../platform/tenancy/tiers';
import { CHARACTER_STATUSES, type CharacterStatus } from '../character.entity';
import { CharacterDto } from './character.dto';

export class BulkRankUpdateDto {
  /** Characters to move to the rank; all of them or none (an unknown id changes nothing). */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  characterIds: string[];

  /** The rank to give; null takes the rank away. */
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  @IsNullable()
  @IsUUID()
  rankId: string | null;
}

export class BulkRankUpdateResultDto {
  rankId: string | null;
  /** Characters whose rank changed (one `dkp.character.rank_changed` event each). */
  changed: number;
  /** Characters that already had the rank. */
  unchanged: number;
  /** Every requested character as it is now, in the order asked. */
  characters: CharacterDto[];
}

export class AuditCharacterDto {
  id: string;
  name: string;
  characterClass: string;
  @ApiProperty({ enum: CHARACTER_STATUSES, enumName: 'CharacterStatus' })
  status: CharacterStatus;
  rankId: string | null;
  userId: string;
  /** Null when the user no longer exists. */
  username: string | null;
}

export class AuditMemberDto {
  userId: string;
  username: string;
  @ApiProperty({ enum: TIERS, enumName: 'Tier' })
  tier: Tier;
}

export class NameClashDto {
  /** Two or more characters whose names are one edit apart, case-insensitively (by name). */
  @ApiProperty({ type: [AuditCharacterDto] })
  characters: AuditCharacterDto[];
}

export const INACTIVE_RANK_REASONS = ['character_inactive', 'character_retired', 'owner_disabled'] as const;

export class InactiveRankedDto extends AuditCharacterDto {
  @ApiProperty({ enum: INACTIVE_RANK_REASONS, enumName: 'InactiveRankReason' })
  reason: (typeof INACTIVE_RANK_REASONS)[number];
}

/**
 * The roster audit: what officers should clean up, one section per finding. A report, not a list
 * endpoint: each section holds every finding (a roster is hundreds of rows, not millions).
 */
export class RosterAuditDto {
  /** Characters (not retired) whose owner is no longer a member of the org: reassign or retire them. */
  @ApiProperty({ type: [AuditCharacterDto] })
  charactersWithoutOwner: AuditCharacterDto[];
  /** Members at tier trial or above, with an enabled account, and no character that is not retired. */
  @ApiProperty({ type: [AuditMemberDto] })
  membersWithoutCharacters: AuditMemberDto[];
  /** Names one edit apart (a letter changed, added, removed or swapped). Names equal but for case cannot exist. */
  @ApiProperty({ type: [NameClashDto] })
  nameClashes: NameClashDto[];
  /** Ranked characters that are inactive, retired, or owned by a disabled user. */
  @ApiProperty({ type: [InactiveRankedDto] })
  inactiveStillRanked: InactiveRankedDto[];
  generatedAt: Date;
}
