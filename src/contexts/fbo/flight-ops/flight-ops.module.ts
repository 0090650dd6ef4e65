import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Aircraft } from './aircraft/aircraft.entity';
import { AircraftController } from './aircraft/aircraft.controller';
import { AircraftRepository } from './aircraft/aircraft.repository';
import { AircraftService } from './aircraft/aircraft.service';
import { EquipmentMaintenance } from './equipment/equipment-maintenance.entity';
import { Equipment } from './equipment/equipment.entity';
import { EquipmentController } from './equipment/equipment.controller';
import { EquipmentRepository } from './equipment/equipment.repository';
import { EquipmentService } from './equipment/equipment.service';
import { Flight } from './flights/flight.entity';
import { FlightsController } from './flights/flights.controller';
import { FlightsRepository } from './flights/flights.repository';
import { FlightsService } from './flights/flights.service';
import { LineService } from './line-services/line-service.entity';
import { LineServicesController } from './line-services/line-services.controller';
import { LineServicesRepository } from './line-services/line-services.repository';
import { LineServicesService } from './line-services/line-services.service';
import { ParkingLocation } from './parking/parking-location.entity';
import { ParkingLocationsController } from './parking/parking-locations.controller';
import { ParkingLocationsRepository } from './parking/parking-locations.repository';
import { ParkingLocationsService } from './parking/parking-locations.service';
import { FboSettingsController } from './settings/fbo-settings.controller';
import { FboSettings } from './settings/fbo-settings.entity';
import { FboSettingsRepository } from './settings/fbo-settings.repository';
import { FboSettingsService } from './settings/fbo-settings.service';

/**
 * Flight operations: settings, parking locations, aircraft, flights, equipment (GSE), line
 * services. Exports
 * what the fuel side needs: the settings (densities, zone), flights and aircraft (to fuel), and
 * the equipment service (fuel trucks are equipment rows).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      FboSettings,
      ParkingLocation,
      Aircraft,
      Flight,
      Equipment,
      EquipmentMaintenance,
      LineService,
    ]),
  ],
  controllers: [
    FboSettingsController,
    ParkingLocationsController,
    AircraftController,
    FlightsController,
    EquipmentController,
    LineServicesController,
  ],
  providers: [
    FboSettingsRepository,
    FboSettingsService,
    ParkingLocationsRepository,
    ParkingLocationsService,
    AircraftRepository,
    AircraftService,
    FlightsRepository,
    FlightsService,
    EquipmentRepository,
    EquipmentService,
    LineServicesRepository,
    LineServicesService,
  ],
  exports: [FboSettingsService, AircraftService, FlightsService, EquipmentService],
})
export class FboFlightOpsModule {}
