import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsPoints } from '../../common/points';
import { IsCharacterName } from '../../common/character-name';

const DISCORD_ID = /^\d{15,20}$/;

export class ValidateBidDto {
  @Matches(DISCORD_ID, { message: 'discordId must be a Discord snowflake' })
  discordId: string;

  @IsUUID()
  poolId: string;

  @IsPoints()
  amount: string;

  /** The auction the bid is for, if any: the user's own bid there does not count against them. */
  @IsOptional()
  @IsUUID()
  sessionId?: string;
}

export class BidValidationDto {
  valid: boolean;
  /** Why not, when invalid. */
  reason: string | null;
  maxBid: string;
  balance: string;
}

/** The result of an auction run by the bot itself (in Discord), to be recorded and debited. */
export class SubmitBidResultDto {
  @Matches(DISCORD_ID, { message: 'discordId must be a Discord snowflake' })
  discordId: string;

  @IsString()
  @MaxLength(120)
  itemName: string;

  @IsPoints({ example: '50.00' })
  amount: string;

  @IsOptional()
  @IsCharacterName({ required: false, message: 'characterName must be a character name' })
  characterName?: string;

  /** Defaults to the raid's pool; required without a raid. */
  @IsOptional()
  @IsUUID()
  poolId?: string;

  @IsOptional()
  @IsUUID()
  raidId?: string;
}
