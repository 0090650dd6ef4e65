import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../../../platform/audit/audit.service';
import { withTransaction } from '../../../../platform/database/transactions';
import { StarcorpRanksService } from '../ranks/ranks.service';
import { StarcorpPeopleSettingsDto, UpdateStarcorpPeopleSettingsDto } from './dto/people-settings.dto';
import { StarcorpPeopleSettings } from './people-settings.entity';

/** The people side's per-org settings (the row is created with the default ranks, on first use). */
@Injectable()
export class StarcorpPeopleSettingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly ranks: StarcorpRanksService,
    private readonly audit: AuditService,
  ) {}

  async get(orgId: string): Promise<StarcorpPeopleSettingsDto> {
    await this.ranks.ensureSeeded(orgId);
    const row = await this.db.manager.findOneOrFail(StarcorpPeopleSettings, { where: { orgId } });
    return { squadronsPerMember: row.squadronsPerMember };
  }

  async update(orgId: string, dto: UpdateStarcorpPeopleSettingsDto): Promise<StarcorpPeopleSettingsDto> {
    await this.ranks.ensureSeeded(orgId);
    return withTransaction(this.db, async (tx) => {
      const row = await tx.findOneOrFail(StarcorpPeopleSettings, {
        where: { orgId },
        lock: { mode: 'pessimistic_write' },
      });
      Object.assign(row, dto);
      await tx.save(row);
      await this.audit.recordInTransaction(tx, { id: row.id });
      return { squadronsPerMember: row.squadronsPerMember };
    });
  }
}
