import { IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsNullable } from '../../http/validation';
import { IsSafeName } from '../../http/safe-text';

export class UserDto {
  id: string;
  username: string;
  email: string | null;
  displayName: string | null;
  discordId: string | null;
  discordUsername: string | null;
  isPlatformAdmin: boolean;
  /** Whether the account can log in with a password (Discord-only accounts cannot). */
  hasPassword: boolean;
  createdAt: Date;
}

export class UpdateMeDto {
  /** Null removes the email. */
  @IsOptional()
  @IsNullable()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @IsOptional()
  @IsNullable()
  @IsString()
  @MaxLength(64)
  @IsSafeName()
  displayName?: string | null;

  /** New password; requires `currentPassword` when the account already has one. */
  @IsOptional()
  @IsString()
  @MinLength(10)
  @MaxLength(256)
  newPassword?: string;

  @IsOptional()
  @IsString()
  @MaxLength(256)
  currentPassword?: string;
}
