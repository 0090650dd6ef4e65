import { Controller, Delete, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblem } from '../../http/api-problem.decorator';
import { CurrentPrincipal } from '../../http/request';
import { Access } from '../access.decorator';
import { TokenPairDto } from '../dto/auth.dto';
import { DiscordCallbackQueryDto, DiscordLinkDto } from '../dto/discord.dto';
import type { Principal } from '../principal';
import { DiscordAuthService } from './discord-auth.service';

@ApiTags('auth')
@Controller()
export class DiscordController {
  constructor(private readonly discord: DiscordAuthService) {}

  /** Redirects the browser to Discord to log in (creating the account on first login). */
  @Get('auth/discord')
  @Access.public()
  @ApiFoundResponse({ description: 'Redirect to Discord' })
  @ApiProblem(503, 'Discord login not configured')
  async startDiscordLogin(@Res() reply: FastifyReply): Promise<void> {
    reply.redirect(await this.discord.start('login'), 302);
  }

  /** Where Discord sends the browser back: checks `state`, exchanges `code`, returns tokens. */
  @Get('auth/discord/callback')
  @Access.public()
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblem(409, 'The Discord account is linked to another user')
  discordCallback(@Query() query: DiscordCallbackQueryDto): Promise<TokenPairDto> {
    return this.discord.complete(query.code, query.state);
  }

  /** Starts linking Discord to the caller's account; open `authorizeUrl` in the browser. */
  @Post('me/discord/link')
  @HttpCode(200)
  @Access({})
  @ApiOkResponse({ type: DiscordLinkDto })
  async startDiscordLink(@CurrentPrincipal() p: Principal): Promise<DiscordLinkDto> {
    return { authorizeUrl: await this.discord.start('link', p.user.id) };
  }

  @Delete('me/discord')
  @HttpCode(204)
  @Access({})
  @ApiNoContentResponse()
  @ApiProblem(409, 'The account has no password to log in with')
  unlinkDiscord(@CurrentPrincipal() p: Principal): Promise<void> {
    return this.discord.unlink(p.user);
  }
}
