import { Body, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '../../../platform/http/api-problem.decorator';
import { UuidParam } from '../../../platform/http/params';
import { CurrentOrg } from '../../../platform/http/request';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { BrokerageRead, BrokerageSettings } from '../brokerage-access';
import { BrokerageController } from '../common/brokerage-controller.decorator';
import { CreateProteinDto, ProteinDto, UpdateProteinDto } from './dto/protein.dto';
import { SettingsService } from './settings.service';

@ApiTags('brokerage-proteins')
@BrokerageController()
export class ProteinsController {
  constructor(private readonly settings: SettingsService) {}

  /** The proteins the org trades, by name (a default list on first use). */
  @Get('proteins')
  @BrokerageRead()
  @ApiOkResponse({ type: [ProteinDto] })
  listBrokerageProteins(@CurrentOrg() access: OrgAccess): Promise<ProteinDto[]> {
    return this.settings.listProteins(access.org.id);
  }

  /** Adds a protein to the org's list. */
  @Post('proteins')
  @BrokerageSettings()
  @ApiCreatedResponse({ type: ProteinDto })
  @ApiProblem(409, ['duplicate-value'], 'The org has a protein of that name (any case)')
  createBrokerageProtein(@CurrentOrg() access: OrgAccess, @Body() dto: CreateProteinDto): Promise<ProteinDto> {
    return this.settings.createProtein(access.org.id, dto);
  }

  /** Renames a protein. */
  @Patch('proteins/:id')
  @BrokerageSettings()
  @ApiOkResponse({ type: ProteinDto })
  @ApiProblem(409, ['duplicate-value'], 'The org has a protein of that name (any case)')
  updateBrokerageProtein(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdateProteinDto,
  ): Promise<ProteinDto> {
    return this.settings.updateProtein(access.org.id, id, dto);
  }

  /** Removes a protein no product or party refers to. */
  @Delete('proteins/:id')
  @HttpCode(204)
  @BrokerageSettings()
  @ApiProblem(409, ['in-use'], 'Products or parties refer to the protein')
  deleteBrokerageProtein(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.settings.deleteProtein(access.org.id, id);
  }
}
