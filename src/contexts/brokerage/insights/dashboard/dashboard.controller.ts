import { Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentOrg } from '../../../../platform/http/request';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { BrokerageRead } from '../../brokerage-access';
import { BrokerageController } from '../../common/brokerage-controller.decorator';
import { BrokerageDashboardService } from './dashboard.service';
import { BrokerageDashboardDto } from './dto/dashboard.dto';

@ApiTags('brokerage-dashboard')
@BrokerageController()
export class BrokerageDashboardController {
  constructor(private readonly dashboard: BrokerageDashboardService) {}

  /**
   * Purchase orders by status, loads in transit, receivables by age bucket, this month's revenue and
   * delivered margin, and the top customers of the last 90 days (the org's currency and time zone).
   */
  @Get('dashboard')
  @BrokerageRead()
  @ApiOkResponse({ type: BrokerageDashboardDto })
  getBrokerageDashboard(@CurrentOrg() access: OrgAccess): Promise<BrokerageDashboardDto> {
    return this.dashboard.get(access.org.id);
  }
}
