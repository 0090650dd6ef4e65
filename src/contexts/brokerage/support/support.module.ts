import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BrokerageCoreModule } from '../brokerage-core.module';
import { BugReport } from './bug-reports/bug-report.entity';
import { BugReportsController } from './bug-reports/bug-reports.controller';
import { BugReportsRepository } from './bug-reports/bug-reports.repository';
import { BugReportsService } from './bug-reports/bug-reports.service';

/** The brokerage's support desk: bug reports, feature requests, questions and feedback from its users. */
@Module({
  imports: [BrokerageCoreModule, TypeOrmModule.forFeature([BugReport])],
  controllers: [BugReportsController],
  providers: [BugReportsRepository, BugReportsService],
  exports: [BugReportsService],
})
export class BrokerageSupportModule {}
