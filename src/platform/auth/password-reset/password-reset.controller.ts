import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblem } from '../../http/api-problem.decorator';
import { Access } from '../access.decorator';
import { ConfirmPasswordResetDto, PasswordResetAcceptedDto, RequestPasswordResetDto } from './dto/password-reset.dto';
import { PasswordResetService } from './password-reset.service';

@Controller('auth/password-reset')
export class PasswordResetController {
  constructor(private readonly resets: PasswordResetService) {}

  /**
   * Mails a single-use reset token to the account's email. Answers 202 with the same body whether
   * or not the account exists; throttled per login name and client IP.
   */
  @Post()
  @HttpCode(202)
  @Access.public()
  @ApiAcceptedResponse({ type: PasswordResetAcceptedDto })
  @ApiProblem(429, ['login-locked'], 'Too many reset requests for this name: wait for Retry-After')
  async requestPasswordReset(
    @Body() dto: RequestPasswordResetDto,
    @Req() request: FastifyRequest,
  ): Promise<PasswordResetAcceptedDto> {
    return { detail: await this.resets.request(dto.usernameOrEmail, request.ip) };
  }

  /** Sets a new password with a reset token, and ends every session of the account. */
  @Post('confirm')
  @HttpCode(204)
  @Access.public()
  @ApiNoContentResponse()
  @ApiProblem(400, ['password-reset-token-invalid'], 'Unknown, expired or already used token')
  confirmPasswordReset(@Body() dto: ConfirmPasswordResetDto): Promise<void> {
    return this.resets.confirm(dto.token, dto.newPassword);
  }
}
