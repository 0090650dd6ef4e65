import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentOrg } from '../../../platform/http/request';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { OrgContext } from '../../../platform/tenancy/org-context.decorator';
import { StarcorpRead } from '../starcorp-access';
import { DashboardDto } from './dto/dashboard.dto';
import { StarcorpDashboardService } from './dashboard.service';

/** The corporation's dashboard. */
@ApiTags('starcorp-dashboard')
@OrgContext('starcorp')
@Controller('orgs/:org/starcorp')
export class StarcorpDashboardController {
  constructor(private readonly dashboard: StarcorpDashboardService) {}

  /**
   * Members by tier and rank, squadron sizes, the members' ships, the caller's unread messages
   * (null until messages exist), the next scheduled missions; for officers, new contact submissions.
   */
  @Get('dashboard')
  @StarcorpRead()
  @ApiOkResponse({ type: DashboardDto })
  getStarcorpDashboard(@CurrentOrg() access: OrgAccess): Promise<DashboardDto> {
    return this.dashboard.get(access);
  }
}
