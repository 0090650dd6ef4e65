import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DkpImportRun } from './import-run.entity';
import { ImportRunsController } from './import-runs.controller';
import { ImportRunsService } from './import-runs.service';

/**
 * EQdkp Plus imports through the API (issue 16, item 6). The importer itself is the CLI's
 * (`EqdkpImporter`), built from the application's providers when a job runs.
 */
@Module({
  imports: [TypeOrmModule.forFeature([DkpImportRun])],
  controllers: [ImportRunsController],
  providers: [ImportRunsService],
})
export class DkpImportModule {}
