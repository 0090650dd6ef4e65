import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class DiscordCallbackQueryDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
  code: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
  state: string;
}

export class DiscordLinkDto {
  /** Send the user's browser here; Discord returns to the callback, which links the account. */
  authorizeUrl: string;
}
