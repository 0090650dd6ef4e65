import { Body, Controller, Delete, Get, Headers, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '../../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../../platform/http/idempotency';
import { Page, PageOf } from '../../../../platform/http/pagination';
import { UuidParam } from '../../../../platform/http/params';
import { CurrentOrg } from '../../../../platform/http/request';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { OrgContext } from '../../../../platform/tenancy/org-context.decorator';
import { StarcorpMember, StarcorpRead } from '../../starcorp-access';
import {
  ChangeFleetShipStatusDto,
  CreateFleetShipDto,
  FleetShipDto,
  FleetSummaryDto,
  FleetSummaryQueryDto,
  ListFleetQueryDto,
  MemberShipCountsDto,
  UpdateFleetShipDto,
} from './dto/fleet.dto';
import { HangarImportResultDto, ImportHangarDto } from './dto/fleet-import.dto';
import { StarcorpFleetService } from './fleet.service';

const FleetShipPageDto = PageOf(FleetShipDto);

/** The members' fleet: a row per hull. Members manage their own hulls, officers any. */
@ApiTags('starcorp-fleet')
@OrgContext('starcorp')
@Controller('orgs/:org/starcorp')
export class StarcorpFleetController {
  constructor(private readonly fleet: StarcorpFleetService) {}

  /** Lists hulls, newest first (filter owner, ship, size, status, available now). */
  @Get('fleet')
  @StarcorpRead()
  @ApiOkResponse({ type: FleetShipPageDto })
  listStarcorpFleet(@CurrentOrg() access: OrgAccess, @Query() q: ListFleetQueryDto): Promise<Page<FleetShipDto>> {
    return this.fleet.list(access.org.id, q);
  }

  /** Counts the held hulls (not sold) by ship, size, manufacturer or role. */
  @Get('fleet/summary')
  @StarcorpRead()
  @ApiOkResponse({ type: FleetSummaryDto })
  getStarcorpFleetSummary(@CurrentOrg() access: OrgAccess, @Query() q: FleetSummaryQueryDto): Promise<FleetSummaryDto> {
    return this.fleet.summary(access.org.id, q);
  }

  /** One hull. */
  @Get('fleet/:id')
  @StarcorpRead()
  @ApiOkResponse({ type: FleetShipDto })
  getStarcorpFleetShip(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<FleetShipDto> {
    return this.fleet.get(access.org.id, id);
  }

  /** Registers a hull (the caller's own; officers may name another owner). */
  @Post('fleet')
  @StarcorpMember()
  @Idempotent()
  @ApiCreatedResponse({ type: FleetShipDto })
  @ApiProblem(409, ['ship-retired'])
  createStarcorpFleetShip(@CurrentOrg() access: OrgAccess, @Body() dto: CreateFleetShipDto): Promise<FleetShipDto> {
    return this.fleet.create(access, dto);
  }

  /**
   * Imports a HangarXPLOR export (array or `{ships}` form) into a member's fleet: a hull per
   * entry matching a catalog ship, non-ships skipped, unknown names returned. Members import their
   * own hangar, officers anyone's. `dryRun` writes nothing; a real import needs an Idempotency-Key.
   */
  @Post('fleet/import')
  @HttpCode(200)
  @StarcorpMember()
  @Idempotent()
  @ApiOkResponse({ type: HangarImportResultDto })
  importStarcorpHangar(
    @CurrentOrg() access: OrgAccess,
    @Body() dto: ImportHangarDto,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<HangarImportResultDto> {
    return this.fleet.importHangar(access, dto, idempotencyKey);
  }

  /** Edits a hull's details (its owner or an officer). */
  @Patch('fleet/:id')
  @StarcorpMember()
  @ApiOkResponse({ type: FleetShipDto })
  updateStarcorpFleetShip(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdateFleetShipDto,
  ): Promise<FleetShipDto> {
    return this.fleet.update(access, id, dto);
  }

  /** Moves a hull: pledged→active, active↔on_loan, any but sold→sold (final). */
  @Post('fleet/:id/status')
  @HttpCode(200)
  @StarcorpMember()
  @ApiOkResponse({ type: FleetShipDto })
  @ApiProblem(409, ['invalid-transition'])
  changeStarcorpFleetShipStatus(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: ChangeFleetShipStatusDto,
  ): Promise<FleetShipDto> {
    return this.fleet.changeStatus(access, id, dto);
  }

  /** Removes a hull registered by mistake (its owner or an officer). */
  @Delete('fleet/:id')
  @HttpCode(204)
  @StarcorpMember()
  @ApiNoContentResponse()
  deleteStarcorpFleetShip(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.fleet.remove(access, id);
  }

  /** A member's held hulls counted per ship model. */
  @Get('members/:userId/ships')
  @StarcorpRead()
  @ApiOkResponse({ type: MemberShipCountsDto })
  listStarcorpMemberShips(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('userId') userId: string,
  ): Promise<MemberShipCountsDto> {
    return this.fleet.memberShips(access.org.id, userId);
  }
}
