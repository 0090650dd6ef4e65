import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { CurrentOrg } from '../../../../platform/http/request';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { OrgContext } from '../../../../platform/tenancy/org-context.decorator';
import { FboAdmin, FboRead } from '../../fbo-access';
import { FboSettingsDto, UpdateFboSettingsDto } from './dto/fbo-settings.dto';
import { FboSettingsService } from './fbo-settings.service';

@OrgContext('fbo')
@Controller('orgs/:org/fbo/settings')
export class FboSettingsController {
  constructor(private readonly settings: FboSettingsService) {}

  /** The FBO's settings: airports, time zone, fuel densities, tags (defaults until first changed). */
  @Get()
  @FboRead()
  @ApiOkResponse({ type: FboSettingsDto })
  getFboSettings(@CurrentOrg() access: OrgAccess): Promise<FboSettingsDto> {
    return this.settings.get(access.org.id);
  }

  /** Changes the FBO's settings; fields left out keep their value. */
  @Patch()
  @FboAdmin()
  @ApiOkResponse({ type: FboSettingsDto })
  updateFboSettings(@CurrentOrg() access: OrgAccess, @Body() dto: UpdateFboSettingsDto): Promise<FboSettingsDto> {
    return this.settings.update(access.org.id, dto);
  }
}
