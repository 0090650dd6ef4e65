import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '../../../../platform/http/api-problem.decorator';
import { Page, PageOf } from '../../../../platform/http/pagination';
import { UuidParam } from '../../../../platform/http/params';
import { CurrentOrg } from '../../../../platform/http/request';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { OrgContext } from '../../../../platform/tenancy/org-context.decorator';
import { FboOfficer, FboRead } from '../../fbo-access';
import { CertificationsService } from '../training/certifications.service';
import { CreateFuelerDto, FuelerDetailDto, FuelerDto, ListFuelersQueryDto, UpdateFuelerDto } from './dto/fueler.dto';
import { FuelersService, toFuelerDto } from './fuelers.service';

const FuelerPageDto = PageOf(FuelerDto);

@ApiTags('fbo-fuelers')
@OrgContext('fbo')
@Controller('orgs/:org/fbo')
export class FuelersController {
  constructor(
    private readonly fuelers: FuelersService,
    private readonly certifications: CertificationsService,
  ) {}

  /** Lists fuelers by name; filter by status, search name, handheld name or employee id. */
  @Get('fuelers')
  @FboRead()
  @ApiOkResponse({ type: FuelerPageDto })
  listFboFuelers(@CurrentOrg() access: OrgAccess, @Query() q: ListFuelersQueryDto): Promise<Page<FuelerDto>> {
    return this.fuelers.list(access.org.id, q);
  }

  /** The caller's own fueler record with current certifications (404 when the caller is not a fueler). */
  @Get('fuelers/me')
  @FboRead()
  @ApiOkResponse({ type: FuelerDetailDto })
  async getMyFboFueler(@CurrentOrg() access: OrgAccess): Promise<FuelerDetailDto> {
    const fueler = await this.fuelers.byUser(access.org.id, access.userId);
    return this.getFboFueler(access, fueler.id);
  }

  /** Gets a fueler with their current certifications. */
  @Get('fuelers/:id')
  @FboRead()
  @ApiOkResponse({ type: FuelerDetailDto })
  async getFboFueler(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<FuelerDetailDto> {
    const fueler = toFuelerDto(await this.fuelers.get(access.org.id, id));
    return { ...fueler, certifications: await this.certifications.currentOf(access.org.id, id) };
  }

  /** Makes an org member a fueler. */
  @Post('fuelers')
  @FboOfficer()
  @ApiCreatedResponse({ type: FuelerDto })
  @ApiProblem(409, ['employee-id-taken', 'fueler-exists'])
  createFboFueler(@CurrentOrg() access: OrgAccess, @Body() dto: CreateFuelerDto): Promise<FuelerDto> {
    return this.fuelers.create(access.org.id, dto);
  }

  /** Changes a fueler's names, employee id, supervisor or status (inactive takes them off the line). */
  @Patch('fuelers/:id')
  @FboOfficer()
  @ApiOkResponse({ type: FuelerDto })
  @ApiProblem(409, ['employee-id-taken'])
  updateFboFueler(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdateFuelerDto,
  ): Promise<FuelerDto> {
    return this.fuelers.update(access.org.id, id, dto);
  }
}
