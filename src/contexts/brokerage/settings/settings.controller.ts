import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentOrg } from '../../../platform/http/request';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { OrgContext } from '../../../platform/tenancy/org-context.decorator';
import { BrokerageRead, BrokerageSettings } from '../brokerage-access';
import { BROKERAGE_PATH } from '../common/brokerage-controller.decorator';
import { BrokerageSettingsDto, UpdateBrokerageSettingsDto } from './dto/settings.dto';
import { SettingsService } from './settings.service';

/**
 * The org's brokerage settings. Deliberately not behind the trial guard: this is where an admin
 * extends or clears an ended trial.
 */
@ApiTags('brokerage-settings')
@OrgContext('brokerage')
@Controller(BROKERAGE_PATH)
export class BrokerageSettingsController {
  constructor(private readonly settings: SettingsService) {}

  /** The org's brokerage settings (defaults on first use). */
  @Get('settings')
  @BrokerageRead()
  @ApiOkResponse({ type: BrokerageSettingsDto })
  getBrokerageSettings(@CurrentOrg() access: OrgAccess): Promise<BrokerageSettingsDto> {
    return this.settings.get(access.org.id);
  }

  /** Changes the org's brokerage settings; only the fields given change. */
  @Patch('settings')
  @BrokerageSettings()
  @ApiOkResponse({ type: BrokerageSettingsDto })
  updateBrokerageSettings(
    @CurrentOrg() access: OrgAccess,
    @Body() dto: UpdateBrokerageSettingsDto,
  ): Promise<BrokerageSettingsDto> {
    return this.settings.update(access.org.id, dto);
  }
}
