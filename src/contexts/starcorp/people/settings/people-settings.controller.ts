import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentOrg } from '../../../../platform/http/request';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { OrgContext } from '../../../../platform/tenancy/org-context.decorator';
import { StarcorpAdmin, StarcorpRead } from '../../starcorp-access';
import { StarcorpPeopleSettingsDto, UpdateStarcorpPeopleSettingsDto } from './dto/people-settings.dto';
import { StarcorpPeopleSettingsService } from './people-settings.service';

/** The corporation's people settings (admins). */
@ApiTags('starcorp-settings')
@OrgContext('starcorp')
@Controller('orgs/:org/starcorp/people-settings')
export class StarcorpPeopleSettingsController {
  constructor(private readonly settings: StarcorpPeopleSettingsService) {}

  /** The people settings: how many squadrons a member may be in at once. */
  @Get()
  @StarcorpRead()
  @ApiOkResponse({ type: StarcorpPeopleSettingsDto })
  getStarcorpPeopleSettings(@CurrentOrg() access: OrgAccess): Promise<StarcorpPeopleSettingsDto> {
    return this.settings.get(access.org.id);
  }

  /** Changes the people settings (admins). */
  @Patch()
  @StarcorpAdmin()
  @ApiOkResponse({ type: StarcorpPeopleSettingsDto })
  updateStarcorpPeopleSettings(
    @CurrentOrg() access: OrgAccess,
    @Body() dto: UpdateStarcorpPeopleSettingsDto,
  ): Promise<StarcorpPeopleSettingsDto> {
    return this.settings.update(access.org.id, dto);
  }
}
