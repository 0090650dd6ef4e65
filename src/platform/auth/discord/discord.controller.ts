import { Controller, Delete, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../../config/app-config';
import { ApiProblem } from '../../http/api-problem.decorator';
import { CurrentPrincipal } from '../../http/request';
import { Access } from '../access.decorator';
import { TokenPairDto } from '../dto/auth.dto';
import { DiscordCallbackQueryDto, DiscordLinkDto } from '../dto/discord.dto';
import type { Principal } from '../principal';
import { DiscordAuthService } from './discord-auth.service';
import { stateCookie, stateFromCookies } from './state-cookie';

@Controller()
export class DiscordController {
  constructor(
    private readonly discord: DiscordAuthService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  private bindState(reply: FastifyReply, state: string): void {
    reply.header('Set-Cookie', stateCookie(state, (this.config.PUBLIC_URL ?? '').startsWith('https:')));
  }

  /** Redirects the browser to Discord to log in (creating the account on first login). */
  @Get('auth/discord')
  @Access.public()
  @ApiFoundResponse({ description: 'Redirect to Discord' })
  @ApiProblem(503, ['discord-not-configured'], 'Discord login not configured')
  async startDiscordLogin(@Res() reply: FastifyReply): Promise<void> {
    const { authorizeUrl, state } = await this.discord.start('login');
    this.bindState(reply, state);
    reply.redirect(authorizeUrl, 302);
  }

  /** Where Discord sends the browser back: checks `state` (and that this browser started the flow), exchanges `code`, returns tokens. */
  @Get('auth/discord/callback')
  @Access.public()
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblem(409, ['discord-id-taken', 'username-taken'], 'The Discord account is linked to another user')
  @ApiProblem(
    400,
    ['oauth-state-mismatch', 'oauth-state-invalid', 'discord-code-rejected'],
    'The sign-in cannot be completed: start again',
  )
  @ApiProblem(502, ['discord-error', 'discord-unreachable'], 'Discord failed')
  discordCallback(@Query() query: DiscordCallbackQueryDto, @Req() request: FastifyRequest): Promise<TokenPairDto> {
    return this.discord.complete(query.code, query.state, stateFromCookies(request.headers.cookie));
  }

  /** Starts linking Discord to the caller's account; open `authorizeUrl` in the same browser (it carries the state cookie set here). */
  @Post('me/discord/link')
  @HttpCode(200)
  @Access({})
  @ApiOkResponse({ type: DiscordLinkDto })
  async startDiscordLink(
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DiscordLinkDto> {
    const { authorizeUrl, state } = await this.discord.start('link', p.user.id);
    this.bindState(reply, state);
    return { authorizeUrl };
  }

  @Delete('me/discord')
  @ApiOperation({ summary: 'Unlink my Discord account' })
  @HttpCode(204)
  @Access({})
  @ApiNoContentResponse()
  @ApiProblem(409, ['would-lock-out'], 'The account has no password to log in with')
  unlinkDiscord(@CurrentPrincipal() p: Principal): Promise<void> {
    return this.discord.unlink(p.user);
  }
}
