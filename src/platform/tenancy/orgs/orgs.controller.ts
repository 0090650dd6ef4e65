import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Access } from '../../auth/access.decorator';
import type { Principal } from '../../auth/principal';
import { CursorPageQueryDto } from '../../http/page-query.dto';
import { Idempotent } from '../../http/idempotency';
import { Page, PageOf } from '../../http/pagination';
import { ApiProblem } from '../../http/api-problem.decorator';
import { CurrentOrg, CurrentPrincipal } from '../../http/request';
import { CreateOrgDto, ListAllOrgsQueryDto, MyOrgDto, OrgDto, PublicOrgDto, UpdateOrgDto } from '../dto/org.dto';
import type { OrgAccess } from '../org-access';
import { OrgsService, toPublicOrgDto } from './orgs.service';

const MyOrgPageDto = PageOf(MyOrgDto);
const OrgPageDto = PageOf(OrgDto);

@Controller('orgs')
export class OrgsController {
  constructor(private readonly orgs: OrgsService) {}

  /** Creates an org; the caller becomes its owner. */
  @Post()
  @Access({})
  @Idempotent()
  @ApiCreatedResponse({ type: OrgDto })
  @ApiProblem(409, ['slug-taken'], 'Slug taken')
  createOrg(@CurrentPrincipal() principal: Principal, @Body() dto: CreateOrgDto): Promise<OrgDto> {
    return this.orgs.create(principal.user, dto);
  }

  /** The orgs the caller is a member of, with their tier in each. */
  @Get()
  @Access({})
  @ApiOkResponse({ type: MyOrgPageDto })
  listMyOrgs(@CurrentPrincipal() principal: Principal, @Query() query: CursorPageQueryDto): Promise<Page<MyOrgDto>> {
    return this.orgs.listMine(principal.user.id, query.limit, query.cursor);
  }

  @Get(':org')
  @ApiOperation({ summary: "Get the org's profile and enabled contexts" })
  @Access({ tier: 'guest', scopes: ['org:read'] })
  @ApiOkResponse({ type: OrgDto })
  getOrg(@CurrentOrg() access: OrgAccess): Promise<OrgDto> {
    return this.orgs.get(access.org);
  }

  @Patch(':org')
  @ApiOperation({ summary: "Change the org's name, enabled contexts or public site" })
  @Access({ tier: 'admin', scopes: ['org:write'] })
  @ApiOkResponse({ type: OrgDto })
  updateOrg(@CurrentOrg() access: OrgAccess, @Body() dto: UpdateOrgDto): Promise<OrgDto> {
    return this.orgs.update(access.org, dto);
  }

  /** Readable without a login once an admin switches the org's public site on (`publicSite`). */
  @Get(':org/public')
  @ApiOperation({ summary: "Get the org's public profile" })
  @Access.publicOrg()
  @ApiOkResponse({ type: PublicOrgDto })
  getPublicOrg(@CurrentOrg() access: OrgAccess): PublicOrgDto {
    return toPublicOrgDto(access.org);
  }
}

/** Across tenants: only platform administrators (who may then act on any org as its owner). */
@Controller('admin/orgs')
export class AdminOrgsController {
  constructor(private readonly orgs: OrgsService) {}

  @Get()
  @ApiOperation({ summary: 'List every org (platform administrators)' })
  @Access({ platformAdmin: true })
  @ApiOkResponse({ type: OrgPageDto })
  listAllOrgs(@Query() query: ListAllOrgsQueryDto): Promise<Page<OrgDto>> {
    return this.orgs.listAll(query);
  }
}
