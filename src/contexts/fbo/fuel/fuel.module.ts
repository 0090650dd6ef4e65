import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FboFlightOpsModule } from '../flight-ops/flight-ops.module';
import { Fueler } from './fuelers/fueler.entity';
import { FuelersController } from './fuelers/fuelers.controller';
import { FuelersService } from './fuelers/fuelers.service';
import { FuelInspection } from './inspections/inspection.entity';
import { FuelInspectionsController } from './inspections/inspections.controller';
import { FuelInspectionsService } from './inspections/inspections.service';
import { FuelMovement } from './stock/fuel-movement.entity';
import { FuelStock } from './stock/fuel-stock.entity';
import { FuelStockController } from './stock/fuel-stock.controller';
import { FuelStockService } from './stock/fuel-stock.service';
import { StockRepository } from './stock/stock.repository';
import { TankReading } from './tanks/tank-reading.entity';
import { TankReadingsService } from './tanks/tank-readings.service';
import { FuelTank } from './tanks/tank.entity';
import { FuelTanksController } from './tanks/tanks.controller';
import { TanksRepository } from './tanks/tanks.repository';
import { FuelTanksService } from './tanks/tanks.service';
import { Certification, CertificationRecord } from './training/certification.entity';
import { CertificationAlertsService } from './training/certification-alerts.service';
import { CertificationsController } from './training/certifications.controller';
import { CertificationsRepository } from './training/certifications.repository';
import { CertificationsService } from './training/certifications.service';
import { TrainingCourse } from './training/course.entity';
import { TrainingCoursesController } from './training/courses.controller';
import { TrainingCoursesService } from './training/courses.service';
import { TrainingAssignment } from './training/training-assignment.entity';
import { TrainingAssignmentsController } from './training/training-assignments.controller';
import { TrainingAssignmentsService } from './training/training-assignments.service';

/**
 * Fuel: the tank farm (tanks, readings, inspections), the fuel stock ledger, fuelers, training and
 * certifications. Exports what fuel dispatch needs: `CertificationsService.isCertified`,
 * `FuelStockService.dispense` and the tanks.
 */
@Module({
  imports: [
    // The org's settings: its time zone makes "today" for expiries and overdue training.
    FboFlightOpsModule,
    TypeOrmModule.forFeature([
      FuelTank,
      TankReading,
      FuelInspection,
      Fueler,
      TrainingCourse,
      Certification,
      CertificationRecord,
      TrainingAssignment,
      FuelStock,
      FuelMovement,
    ]),
  ],
  controllers: [
    FuelTanksController,
    FuelInspectionsController,
    FuelersController,
    TrainingCoursesController,
    CertificationsController,
    TrainingAssignmentsController,
    FuelStockController,
  ],
  providers: [
    TanksRepository,
    FuelTanksService,
    TankReadingsService,
    FuelInspectionsService,
    FuelersService,
    TrainingCoursesService,
    CertificationsRepository,
    CertificationsService,
    CertificationAlertsService,
    TrainingAssignmentsService,
    StockRepository,
    FuelStockService,
  ],
  exports: [FuelTanksService, FuelersService, CertificationsService, FuelStockService],
})
export class FboFuelModule {}
