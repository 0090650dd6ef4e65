import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { ApiProblem } from '../../../platform/http/api-problem.decorator';
import { UuidParam } from '../../../platform/http/params';
import { CurrentOrg } from '../../../platform/http/request';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { OrgContext } from '../../../platform/tenancy/org-context.decorator';
import { DkpWrite } from '../dkp-access';
import { RosterSync } from './discord-access';
import { DiscordRolesService } from './discord-roles.service';
import {
  CreateDiscordRoleMappingDto,
  DiscordRoleMappingDto,
  DiscordRolesDto,
  UpdateDiscordRoleMappingDto,
} from './dto/discord-roles.dto';

/**
 * Discord role authority: the app is the source of truth for guild roles and the bot applies
 * them. Rank roles are set on ranks (`discordRoleId`); extra roles per rank or tier are mappings.
 */
@OrgContext('dkp')
@Controller('orgs/:org/dkp')
export class DiscordRolesController {
  constructor(private readonly roles: DiscordRolesService) {}

  /** Every managed role: the ranks' roles and the extra mappings. */
  @Get('discord/roles')
  @RosterSync()
  listDiscordRoles(@CurrentOrg() access: OrgAccess): Promise<DiscordRolesDto> {
    return this.roles.roles(access.org.id);
  }

  @Get('discord/role-mappings')
  @ApiOperation({ summary: 'List the mappings from Discord roles to tiers and ranks' })
  @RosterSync()
  listDiscordRoleMappings(@CurrentOrg() access: OrgAccess): Promise<DiscordRoleMappingDto[]> {
    return this.roles.listMappings(access.org.id);
  }

  /** Adds a role for a rank (`kind: rank`) or an org tier (`kind: tier`, optionally `andAbove`). */
  @Post('discord/role-mappings')
  @DkpWrite()
  @ApiProblem(409, ['discord-role-mapping-exists'], 'That role is already mapped to this rank or tier')
  createDiscordRoleMapping(
    @CurrentOrg() access: OrgAccess,
    @Body() dto: CreateDiscordRoleMappingDto,
  ): Promise<DiscordRoleMappingDto> {
    return this.roles.createMapping(access.org.id, dto);
  }

  @Patch('discord/role-mappings/:id')
  @ApiOperation({ summary: 'Change a Discord role mapping' })
  @DkpWrite()
  @ApiProblem(409, ['discord-role-mapping-exists'], 'That role is already mapped to this rank or tier')
  updateDiscordRoleMapping(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdateDiscordRoleMappingDto,
  ): Promise<DiscordRoleMappingDto> {
    return this.roles.updateMapping(access.org.id, id, dto);
  }

  @Delete('discord/role-mappings/:id')
  @ApiOperation({ summary: 'Delete a Discord role mapping' })
  @HttpCode(204)
  @DkpWrite()
  deleteDiscordRoleMapping(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.roles.removeMapping(access.org.id, id);
  }
}
