import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Attendance } from './attendance/attendance.entity';
import { AttendanceController } from './attendance/attendance.controller';
import { AttendanceRepository } from './attendance/attendance.repository';
import { AttendanceService } from './attendance/attendance.service';
import { DkpPointsModule } from './points.module';
import { Raid } from './raids/raid.entity';
import { RaidsController } from './raids/raids.controller';
import { RaidsRepository } from './raids/raids.repository';
import { RaidsService } from './raids/raids.service';

/** Raids and their attendance (imports of /who dumps and RaidTick logs), which award points. */
@Module({
  imports: [TypeOrmModule.forFeature([Raid, Attendance]), DkpPointsModule],
  controllers: [RaidsController, AttendanceController],
  providers: [RaidsRepository, RaidsService, AttendanceRepository, AttendanceService],
  exports: [RaidsService, AttendanceService],
})
export class DkpRaidsModule {}
