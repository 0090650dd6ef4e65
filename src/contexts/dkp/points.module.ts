import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DkpBulkLoader } from './bulk/dkp-bulk-loader';
import { DkpBulkRepository } from './bulk/dkp-bulk.repository';
import { DecayRun } from './decay/decay-run.entity';
import { DecayController } from './decay/decay.controller';
import { DecayRepository } from './decay/decay.repository';
import { DecayService } from './decay/decay.service';
import { DkpEvent } from './events/dkp-event.entity';
import { EventsController } from './events/events.controller';
import { EventsService } from './events/events.service';
import { Balance } from './points/balance.entity';
import { LedgerEntry } from './points/ledger-entry.entity';
import { LedgerRepository } from './points/ledger.repository';
import { LedgerService } from './points/ledger.service';
import { PointsController } from './points/points.controller';
import { PointsQueries } from './points/points.queries';
import { PointsService } from './points/points.service';
import { Pool } from './pools/pool.entity';
import { PoolsController } from './pools/pools.controller';
import { PoolsService } from './pools/pools.service';
import { DkpRosterModule } from './roster.module';

/** Points: pools, events, the append-only ledger with its balances, and decay. */
@Module({
  imports: [TypeOrmModule.forFeature([Pool, DkpEvent, LedgerEntry, Balance, DecayRun]), DkpRosterModule],
  controllers: [PoolsController, EventsController, PointsController, DecayController],
  providers: [
    PoolsService,
    EventsService,
    LedgerRepository,
    LedgerService,
    PointsQueries,
    PointsService,
    DecayRepository,
    DecayService,
    DkpBulkRepository,
    DkpBulkLoader,
  ],
  exports: [PoolsService, EventsService, LedgerService, PointsService],
})
export class DkpPointsModule {}
