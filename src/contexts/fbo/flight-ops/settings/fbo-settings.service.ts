import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../../../platform/audit/audit.service';
import { fieldProblem } from '../common/flight-ops-repository';
import { LocalDay } from '../common/sql';
import { assertKnownTags, distinctTags } from '../common/tags';
import { FboSettingsDto, UpdateFboSettingsDto } from './dto/fbo-settings.dto';
import { FboSettings } from './fbo-settings.entity';
import { FboSettingsRepository } from './fbo-settings.repository';
import { isIanaTimeZone, localDate } from './time-zone';

export type FuelType = 'jet_a' | 'avgas_100ll';

const toSettingsDto = (s: FboSettings): FboSettingsDto => ({
  airports: s.airports,
  timeZone: s.timeZone,
  fuelDensities: { jet_a: s.jetADensity, avgas_100ll: s.avgas100llDensity },
  tags: s.tags,
  updatedAt: s.updatedAt,
});

/** The org's FBO settings; other flight-ops services (and the fuel side) read them through here. */
@Injectable()
export class FboSettingsService {
  constructor(
    private readonly settings: FboSettingsRepository,
    private readonly audit: AuditService,
  ) {}

  async get(orgId: string): Promise<FboSettingsDto> {
    return toSettingsDto(await this.settings.load(orgId));
  }

  /** The settings row, in a caller's transaction when given (airports, zone, tags for its checks). */
  load(orgId: string, tx?: EntityManager): Promise<FboSettings> {
    return this.settings.load(orgId, { tx });
  }

  /** Tags a flight or unit may carry: the org's own (else 400 naming the position), without repeats. */
  async knownTags(orgId: string, tags: readonly string[], tx?: EntityManager): Promise<string[]> {
    assertKnownTags('tags', tags, (await this.load(orgId, tx)).tags);
    return distinctTags(tags);
  }

  /**
   * The local day a list asks for (`date`, else today when `today` is set) in the org's zone,
   * or undefined when it asks for none.
   */
  async localDay(orgId: string, q: { today?: boolean; date?: string }): Promise<LocalDay | undefined> {
    if (!q.today && !q.date) return undefined;
    return { date: q.date ?? 'today', timeZone: (await this.settings.load(orgId)).timeZone };
  }

  /**
   * The org's calendar day now, in its time zone (certification expiry, overdue training); in a
   * caller's transaction when given (the embedded database has one connection).
   */
  async today(orgId: string, tx?: EntityManager): Promise<string> {
    return localDate(new Date(), (await this.settings.load(orgId, { tx })).timeZone);
  }

  /** Pounds per gallon of a fuel type, a decimal string with three places. */
  async density(orgId: string, fuelType: FuelType, tx?: EntityManager): Promise<string> {
    const s = await this.settings.load(orgId, { tx });
    return fuelType === 'jet_a' ? s.jetADensity : s.avgas100llDensity;
  }

  async update(orgId: string, dto: UpdateFboSettingsDto): Promise<FboSettingsDto> {
    const badZone = fieldProblem('timeZone', 'timeZone must be an IANA time zone such as America/Denver');
    if (dto.timeZone !== undefined && !isIanaTimeZone(dto.timeZone)) throw badZone;
    return this.settings.transaction(async (tx) => {
      if (dto.timeZone !== undefined && !(await this.settings.knowsZone(tx, dto.timeZone))) throw badZone;
      const s = await this.settings.load(orgId, { tx, lock: true });
      if (dto.airports) s.airports = distinctTags(dto.airports);
      if (dto.timeZone !== undefined) s.timeZone = dto.timeZone;
      if (dto.fuelDensities?.jet_a !== undefined) s.jetADensity = dto.fuelDensities.jet_a;
      if (dto.fuelDensities?.avgas_100ll !== undefined) s.avgas100llDensity = dto.fuelDensities.avgas_100ll;
      if (dto.tags) s.tags = distinctTags(dto.tags);
      const result = toSettingsDto(await this.settings.save(tx, s));
      await this.audit.recordInTransaction(tx, { id: s.id });
      return result;
    });
  }
}
