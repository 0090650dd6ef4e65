import { Body, Controller, Get, HttpCode, Patch, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblem } from '../http/api-problem.decorator';
import { CurrentPrincipal } from '../http/request';
import { Access } from './access.decorator';
import { AuthService } from './auth.service';
import { LoginDto, RefreshDto, RegisterDto, TokenPairDto } from './dto/auth.dto';
import { UpdateMeDto, UserDto } from './dto/me.dto';
import type { Principal } from './principal';
import { toUserDto } from './users/user.mapper';

@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Creates an account and logs it in. Can be switched off with REGISTRATION_ENABLED=false. */
  @Post('register')
  @Access.public()
  @ApiCreatedResponse({ type: TokenPairDto })
  @ApiProblem(409, ['username-taken', 'email-taken'], 'Username or email taken')
  @ApiProblem(403, ['registration-closed'], 'Registration is closed')
  register(@Body() dto: RegisterDto): Promise<TokenPairDto> {
    return this.auth.register(dto);
  }

  /** Username (or email) and password in exchange for an access and a refresh token. */
  @Post('login')
  @HttpCode(200)
  @Access.public()
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblem(401, ['invalid-credentials'], 'Wrong username or password')
  @ApiProblem(429, ['login-locked'], 'Too many failed logins for this account: wait for Retry-After')
  login(@Body() dto: LoginDto, @Req() request: FastifyRequest): Promise<TokenPairDto> {
    return this.auth.login(dto, request.ip);
  }

  /** Rotates a refresh token. Reusing a rotated token revokes the whole session. */
  @Post('refresh')
  @HttpCode(200)
  @Access.public()
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblem(401, ['unauthenticated', 'refresh-token-reused'], 'Invalid, expired, revoked or reused refresh token')
  refresh(@Body() dto: RefreshDto): Promise<TokenPairDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  /** Ends the session of a refresh token. Idempotent. */
  @Post('logout')
  @HttpCode(204)
  @Access.public()
  @ApiNoContentResponse()
  logout(@Body() dto: RefreshDto): Promise<void> {
    return this.auth.logout(dto.refreshToken);
  }
}

@Controller('me')
export class MeController {
  constructor(private readonly auth: AuthService) {}

  @Get()
  @ApiOperation({ summary: 'Get my profile and my memberships' })
  @Access({})
  @ApiOkResponse({ type: UserDto })
  getMe(@CurrentPrincipal() principal: Principal): UserDto {
    return toUserDto(principal.user);
  }

  /** Changes the caller's profile or password. */
  @Patch()
  @Access({})
  @ApiOkResponse({ type: UserDto })
  @ApiProblem(409, ['email-taken'], 'Email taken')
  async updateMe(@CurrentPrincipal() principal: Principal, @Body() dto: UpdateMeDto): Promise<UserDto> {
    return toUserDto(await this.auth.updateMe(principal, dto));
  }
}
