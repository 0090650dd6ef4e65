import { Module } from '@nestjs/common';
import { FboDispatchModule } from './dispatch/dispatch.module';
import { FboFlightOpsModule } from './flight-ops/flight-ops.module';
import { FboFuelModule } from './fuel/fuel.module';

/**
 * The FBO operations context: a small parent of one module per side of the operation. Routes live
 * under /orgs/{org}/fbo/... and answer 404 for orgs that have not enabled `fbo`.
 */
@Module({
  imports: [FboFlightOpsModule, FboFuelModule, FboDispatchModule],
  exports: [FboFlightOpsModule, FboFuelModule, FboDispatchModule],
})
export class FboModule {}
