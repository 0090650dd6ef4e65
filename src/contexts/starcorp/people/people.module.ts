import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StarcorpCatalogController } from './catalog/catalog.controller';
import { StarcorpCatalogRepository } from './catalog/catalog.repository';
import { StarcorpCatalogService } from './catalog/catalog.service';
import { StarcorpManufacturer } from './catalog/manufacturer.entity';
import { StarcorpShipComponent } from './catalog/ship-component.entity';
import { StarcorpShipImportService } from './catalog/ship-import.service';
import { StarcorpShip } from './catalog/ship.entity';
import { StarcorpFleetShip } from './fleet/fleet-ship.entity';
import { StarcorpFleetController } from './fleet/fleet.controller';
import { StarcorpFleetRepository } from './fleet/fleet.repository';
import { StarcorpFleetService } from './fleet/fleet.service';
import { StarcorpMemberProfile } from './members/member-profile.entity';
import { StarcorpMemberProfilesRepository } from './members/member-profiles.repository';
import { StarcorpMembersController } from './members/members.controller';
import { StarcorpMembersService } from './members/members.service';
import { StarcorpServiceRecord } from './members/service-record.entity';
import { StarcorpPeopleSettingsController } from './settings/people-settings.controller';
import { StarcorpPeopleSettings } from './settings/people-settings.entity';
import { StarcorpPeopleSettingsService } from './settings/people-settings.service';
import { StarcorpRanksController } from './ranks/ranks.controller';
import { StarcorpRanksService } from './ranks/ranks.service';
import { StarcorpRank } from './ranks/starcorp-rank.entity';
import { StarcorpSquadronMembership } from './squadrons/squadron-membership.entity';
import { StarcorpSquadron } from './squadrons/squadron.entity';
import { StarcorpSquadronsController } from './squadrons/squadrons.controller';
import { StarcorpSquadronsRepository } from './squadrons/squadrons.repository';
import { StarcorpSquadronsService } from './squadrons/squadrons.service';

/** People and ships: member profiles and ranks, the ship catalog, the fleet, squadrons. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      StarcorpRank,
      StarcorpPeopleSettings,
      StarcorpMemberProfile,
      StarcorpServiceRecord,
      StarcorpManufacturer,
      StarcorpShip,
      StarcorpShipComponent,
      StarcorpFleetShip,
      StarcorpSquadron,
      StarcorpSquadronMembership,
    ]),
  ],
  controllers: [
    StarcorpRanksController,
    StarcorpMembersController,
    StarcorpCatalogController,
    StarcorpFleetController,
    StarcorpSquadronsController,
    StarcorpPeopleSettingsController,
  ],
  providers: [
    StarcorpRanksService,
    StarcorpMembersService,
    StarcorpMemberProfilesRepository,
    StarcorpCatalogRepository,
    StarcorpCatalogService,
    StarcorpShipImportService,
    StarcorpFleetRepository,
    StarcorpFleetService,
    StarcorpSquadronsRepository,
    StarcorpSquadronsService,
    StarcorpPeopleSettingsService,
  ],
  exports: [
    StarcorpRanksService,
    StarcorpMembersService,
    StarcorpShipImportService,
    StarcorpFleetService,
    StarcorpSquadronsService,
  ],
})
export class StarcorpPeopleModule {}
