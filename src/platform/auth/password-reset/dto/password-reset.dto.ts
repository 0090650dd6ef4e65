import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';

export class RequestPasswordResetDto {
  /** The account's username or email; a mail goes to the account's email, if it has one. */
  @ApiProperty({ example: 'raider@example.com' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  usernameOrEmail: string;
}

export class ConfirmPasswordResetDto {
  /** The token from the password-reset mail. */
  @ApiProperty({ example: 'Zx8qL0m6mS1m7Y2Jc0f3XkPpW4n9uVt5bR1aQe8dG2s' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;

  /** At least 10 characters. */
  @ApiProperty({ example: 'correct-horse-battery' })
  @IsString()
  @MinLength(10)
  @MaxLength(256)
  newPassword: string;
}

export class PasswordResetAcceptedDto {
  /** Always the same, whether or not the account exists. */
  @ApiProperty({ example: 'If the account exists and has an email address, a reset link is on its way.' })
  detail: string;
}
