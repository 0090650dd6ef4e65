import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FilesModule } from '../../../platform/files/files.module';
import { BrokerageCoreModule } from '../brokerage-core.module';
import { BrokerageReceivablesModule } from '../receivables/receivables.module';
import { BrokerageDashboardController } from './dashboard/dashboard.controller';
import { BrokerageDashboardRepository } from './dashboard/dashboard.repository';
import { BrokerageDashboardService } from './dashboard/dashboard.service';
import { BrokerageExportRun } from './exports/export-run.entity';
import { BrokerageExportsController } from './exports/exports.controller';
import { ExportsRepository } from './exports/exports.repository';
import { ExportsService } from './exports/exports.service';

/**
 * The dashboard (aggregates over the orders and invoices, the receivables module's ageing) and the
 * data exports (a ZIP of CSVs written by a job to the platform's file storage).
 */
@Module({
  imports: [
    BrokerageCoreModule,
    BrokerageReceivablesModule,
    FilesModule,
    TypeOrmModule.forFeature([BrokerageExportRun]),
  ],
  controllers: [BrokerageDashboardController, BrokerageExportsController],
  providers: [BrokerageDashboardRepository, BrokerageDashboardService, ExportsRepository, ExportsService],
})
export class BrokerageInsightsModule {}
