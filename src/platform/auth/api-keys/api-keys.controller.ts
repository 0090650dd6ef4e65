import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentOrg, CurrentPrincipal } from '../../http/request';
import { CursorPageQueryDto } from '../../http/page-query.dto';
import { Page, PageOf } from '../../http/pagination';
import { UuidParam } from '../../http/params';
import type { OrgAccess } from '../../tenancy/org-access';
import { Access } from '../access.decorator';
import { ApiKeyDto, CreateBotKeyDto, CreatedApiKeyDto, CreatePersonalApiKeyDto } from '../dto/api-key.dto';
import type { Principal } from '../principal';
import { ApiKeysService } from './api-keys.service';

const ApiKeyPageDto = PageOf(ApiKeyDto);

/** Personal keys act as their user, for scripts and integrations. */
@Controller('me/api-keys')
export class PersonalApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  /** Creates a key. The secret (`key`) is in this response only. */
  @Post()
  @Access({})
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  createApiKey(@CurrentPrincipal() p: Principal, @Body() dto: CreatePersonalApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.keys.create({
      kind: 'personal',
      userId: p.user.id,
      orgId: null,
      name: dto.name,
      scopes: dto.scopes ?? [],
      expiresAt: dto.expiresAt,
    });
  }

  @Get()
  @ApiOperation({ summary: 'List my personal API keys' })
  @Access({})
  @ApiOkResponse({ type: ApiKeyPageDto })
  listApiKeys(@CurrentPrincipal() p: Principal, @Query() q: CursorPageQueryDto): Promise<Page<ApiKeyDto>> {
    return this.keys.list({ kind: 'personal', userId: p.user.id }, q.limit, q.cursor);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke one of my personal API keys' })
  @HttpCode(204)
  @Access({})
  @ApiNoContentResponse()
  revokeApiKey(@CurrentPrincipal() p: Principal, @UuidParam('id') id: string): Promise<void> {
    return this.keys.revoke({ kind: 'personal', userId: p.user.id }, id);
  }

  /** Replaces the secret: a new key with the same settings; the old one stops working at once. */
  @Post(':id/rotate')
  @Access({})
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  rotateApiKey(@CurrentPrincipal() p: Principal, @UuidParam('id') id: string): Promise<CreatedApiKeyDto> {
    return this.keys.rotate({ kind: 'personal', userId: p.user.id }, id);
  }
}

/** Bot keys act for one org, limited to their scopes (e.g. the Discord bot). */
@Controller('orgs/:org/bot-keys')
export class BotKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  /** Creates a bot key. The secret (`key`) is in this response only. */
  @Post()
  @Access({ tier: 'admin' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  createBotKey(
    @CurrentOrg() access: OrgAccess,
    @CurrentPrincipal() p: Principal,
    @Body() dto: CreateBotKeyDto,
  ): Promise<CreatedApiKeyDto> {
    return this.keys.create({ kind: 'bot', userId: p.user.id, orgId: access.org.id, ...dto });
  }

  @Get()
  @ApiOperation({ summary: "List the org's bot keys" })
  @Access({ tier: 'admin' })
  @ApiOkResponse({ type: ApiKeyPageDto })
  listBotKeys(@CurrentOrg() access: OrgAccess, @Query() q: CursorPageQueryDto): Promise<Page<ApiKeyDto>> {
    return this.keys.list({ kind: 'bot', orgId: access.org.id }, q.limit, q.cursor);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke a bot key' })
  @HttpCode(204)
  @Access({ tier: 'admin' })
  @ApiNoContentResponse()
  revokeBotKey(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.keys.revoke({ kind: 'bot', orgId: access.org.id }, id);
  }

  @Post(':id/rotate')
  @ApiOperation({ summary: 'Rotate a bot key (the new key is shown once)' })
  @Access({ tier: 'admin' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  rotateBotKey(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<CreatedApiKeyDto> {
    return this.keys.rotate({ kind: 'bot', orgId: access.org.id }, id);
  }
}
