import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export const USERNAME_PATTERN = /^[a-zA-Z0-9_.-]{3,32}$/;

export class RegisterDto {
  /** 3-32 letters, digits, `_`, `.` or `-`; stored lower-case. */
  @ApiProperty({ example: 'new-raider' })
  @IsString()
  @Matches(USERNAME_PATTERN, { message: 'username must be 3-32 letters, digits, _ . or -' })
  username: string;

  @ApiProperty({ example: 'raider@example.com', required: false })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  /** At least 10 characters. */
  @ApiProperty({ example: 'correct-horse-battery' })
  @IsString()
  @MinLength(10)
  @MaxLength(256)
  password: string;
}

export class LoginDto {
  /** Username or email. */
  @ApiProperty({ example: 'demo-officer' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  username: string;

  @ApiProperty({ example: 'quartermaster-demo' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  password: string;
}

export class RefreshDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  refreshToken: string;
}

export class TokenPairDto {
  /** JWT to send as `Authorization: Bearer <accessToken>`. */
  accessToken: string;
  /** Opaque; exchange at `/auth/refresh` for a new pair. Single use. */
  refreshToken: string;
  /** Access token lifetime in seconds. */
  expiresIn: number;
  /** Always `Bearer`. */
  tokenType: string;
}
