import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { FlightOpsRepository } from '../common/flight-ops-repository';
import { FboSettings } from './fbo-settings.entity';

/** The SQL of `fbo_settings`: one row per org, made with the column defaults when first needed. */
@Injectable()
export class FboSettingsRepository extends FlightOpsRepository {
  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }

  /** The org's settings row, inserted with the defaults if missing; `lock` holds it until commit. */
  async load(orgId: string, options: { tx?: EntityManager; lock?: boolean } = {}): Promise<FboSettings> {
    const manager = this.managerOf(options.tx);
    await manager.createQueryBuilder().insert().into(FboSettings).values({ orgId }).orIgnore().execute();
    return manager.findOneOrFail(FboSettings, {
      where: { orgId },
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /** Whether the database's tz data knows the zone (boards compute local days there, not in Node). */
  async knowsZone(tx: EntityManager, zone: string): Promise<boolean> {
    const rows: unknown[] = await tx.query('SELECT 1 FROM pg_timezone_names WHERE name = $1', [zone]);
    return rows.length > 0;
  }

  save(tx: EntityManager, settings: FboSettings): Promise<FboSettings> {
    return tx.save(FboSettings, settings);
  }
}
