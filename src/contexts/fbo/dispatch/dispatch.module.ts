import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FboFlightOpsModule } from '../flight-ops/flight-ops.module';
import { FboFuelModule } from '../fuel/fuel.module';
import { FuelOrder } from './fuel-orders/fuel-order.entity';
import { FuelerAssignment } from './fuel-orders/fueler-assignment.entity';
import { FuelOrdersController } from './fuel-orders/fuel-orders.controller';
import { FuelOrdersRepository } from './fuel-orders/fuel-orders.repository';
import { FuelOrdersService } from './fuel-orders/fuel-orders.service';

/**
 * Fuel dispatch: fuel orders and the fuelers assigned to them, on top of flight operations (flights,
 * aircraft, trucks, densities) and the fuel side (fuelers, certifications, the stock a completion
 * dispenses from).
 */
@Module({
  imports: [FboFlightOpsModule, FboFuelModule, TypeOrmModule.forFeature([FuelOrder, FuelerAssignment])],
  controllers: [FuelOrdersController],
  providers: [FuelOrdersRepository, FuelOrdersService],
  exports: [FuelOrdersService],
})
export class FboDispatchModule {}
