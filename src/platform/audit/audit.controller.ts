import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { Page, PageOf } from '../http/pagination';
import { CurrentOrg } from '../http/request';
import type { OrgAccess } from '../tenancy/org-access';
import { AuditService } from './audit.service';
import { AuditEntryDto, AuditQueryDto } from './dto/audit.dto';

const AuditEntryPageDto = PageOf(AuditEntryDto);

@Controller('orgs/:org/audit-log')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Every mutation in the org, newest first. */
  @Get()
  @Access({ tier: 'admin', scopes: ['audit:read'] })
  @ApiOkResponse({ type: AuditEntryPageDto })
  listAuditLog(@CurrentOrg() access: OrgAccess, @Query() query: AuditQueryDto): Promise<Page<AuditEntryDto>> {
    return this.audit.list(access.org.id, query);
  }
}
