import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Access } from '../../auth/access.decorator';
import type { Principal } from '../../auth/principal';
import { CursorPageQueryDto } from '../../http/page-query.dto';
import { Page, PageOf } from '../../http/pagination';
import { UuidParam } from '../../http/params';
import { ApiProblem } from '../../http/api-problem.decorator';
import { CurrentOrg, CurrentPrincipal } from '../../http/request';
import { CreateInvitationDto, InvitationDto } from '../dto/invitation.dto';
import { MyOrgDto } from '../dto/org.dto';
import type { OrgAccess } from '../org-access';
import { InvitationsService } from './invitations.service';

const InvitationPageDto = PageOf(InvitationDto);

@Controller()
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post('orgs/:org/invitations')
  @ApiOperation({ summary: 'Create an invitation code to join the org' })
  @Access({ tier: 'admin', scopes: ['members:write'] })
  @ApiCreatedResponse({ type: InvitationDto })
  createInvitation(
    @CurrentOrg() access: OrgAccess,
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateInvitationDto,
  ): Promise<InvitationDto> {
    return this.invitations.create(access, principal.user.id, dto);
  }

  @Get('orgs/:org/invitations')
  @ApiOperation({ summary: "List the org's open invitations" })
  @Access({ tier: 'admin', scopes: ['members:read'] })
  @ApiOkResponse({ type: InvitationPageDto })
  listInvitations(@CurrentOrg() access: OrgAccess, @Query() query: CursorPageQueryDto): Promise<Page<InvitationDto>> {
    return this.invitations.list(access.org.id, query.limit, query.cursor);
  }

  @Delete('orgs/:org/invitations/:id')
  @ApiOperation({ summary: 'Revoke an invitation' })
  @HttpCode(204)
  @Access({ tier: 'admin', scopes: ['members:write'] })
  @ApiNoContentResponse()
  revokeInvitation(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.invitations.revoke(access.org.id, id);
  }

  /** Joins the org of an invitation code. */
  @Post('invitations/:code/accept')
  @HttpCode(200)
  @Access({})
  @ApiOkResponse({ type: MyOrgDto })
  @ApiProblem(404, ['not-found'], 'Unknown, expired, used up or revoked code')
  @ApiProblem(409, ['already-member'], 'Already a member')
  acceptInvitation(@CurrentPrincipal() principal: Principal, @Param('code') code: string): Promise<MyOrgDto> {
    return this.invitations.accept(principal.user.id, code);
  }
}
