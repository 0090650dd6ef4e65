import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../../platform/audit/audit.service';
import { Problem } from '../../../platform/http/problem';
import { BrokerageSettings } from './brokerage-settings.entity';
import { CreateProteinDto, ProteinDto, UpdateProteinDto } from './dto/protein.dto';
import { BrokerageSettingsDto, UpdateBrokerageSettingsDto } from './dto/settings.dto';
import { Protein } from './protein.entity';
import { SettingsRepository } from './settings.repository';

function toSettingsDto(s: BrokerageSettings): BrokerageSettingsDto {
  return {
    legalName: s.legalName,
    contactEmail: s.contactEmail,
    address: s.address,
    logoUrl: s.logoUrl,
    themeColors: s.themeColors,
    currency: s.currency,
    timeZone: s.timeZone,
    numberPrefixes: { po: s.poPrefix, so: s.soPrefix, invoice: s.invoicePrefix },
    reminderDays: s.reminderDays,
    trialEndsAt: s.trialEndsAt ? s.trialEndsAt.toISOString() : null,
    allowSelfApproval: s.allowSelfApproval,
  };
}

const toProteinDto = (p: Protein): ProteinDto => ({ id: p.id, name: p.name });

/** The org's settings and protein list; both exist from the org's first brokerage request. */
@Injectable()
export class SettingsService {
  constructor(
    private readonly repo: SettingsRepository,
    private readonly audit: AuditService,
  ) {}

  async get(orgId: string): Promise<BrokerageSettingsDto> {
    return toSettingsDto(await this.repo.ensure(orgId));
  }

  /** The settings entity (created on first use), in the caller's transaction if given. */
  load(orgId: string, tx?: EntityManager): Promise<BrokerageSettings> {
    return this.repo.ensure(orgId, tx);
  }

  async update(orgId: string, dto: UpdateBrokerageSettingsDto): Promise<BrokerageSettingsDto> {
    await this.repo.ensure(orgId);
    return this.repo.transaction(async (tx) => {
      const settings = await this.repo.lockSettings(tx, orgId);
      const { numberPrefixes, reminderDays, trialEndsAt, themeColors, ...plain } = dto;
      // Only the fields given: a DTO instance may carry the others as undefined.
      for (const [field, value] of Object.entries(plain))
        if (value !== undefined) (settings as unknown as Record<string, unknown>)[field] = value;
      if (themeColors) settings.themeColors = { ...settings.themeColors, ...themeColors };
      if (numberPrefixes?.po) settings.poPrefix = numberPrefixes.po;
      if (numberPrefixes?.so) settings.soPrefix = numberPrefixes.so;
      if (numberPrefixes?.invoice) settings.invoicePrefix = numberPrefixes.invoice;
      if (reminderDays) settings.reminderDays = [...new Set(reminderDays)].sort((a, b) => a - b);
      if (trialEndsAt !== undefined) settings.trialEndsAt = trialEndsAt === null ? null : new Date(trialEndsAt);
      const saved = await this.repo.saveSettings(tx, settings);
      await this.audit.recordInTransaction(tx);
      return toSettingsDto(saved);
    });
  }

  async listProteins(orgId: string): Promise<ProteinDto[]> {
    await this.repo.ensure(orgId);
    return (await this.repo.listProteins(orgId)).map(toProteinDto);
  }

  /** The org's proteins, in the caller's transaction (seeded on first use). */
  async proteins(orgId: string, tx?: EntityManager): Promise<Protein[]> {
    await this.repo.ensure(orgId, tx);
    return this.repo.listProteins(orgId, tx);
  }

  /**
   * The ids of the named proteins (any case); a name the org does not trade is a 400 at
   * `path.<index>` (or `path` for a single name).
   */
  async proteinIds(
    orgId: string,
    names: readonly string[],
    path: string,
    options: { tx?: EntityManager; single?: boolean } = {},
  ): Promise<string[]> {
    const byKey = new Map((await this.proteins(orgId, options.tx)).map((p) => [p.nameKey, p.id]));
    const unknown = names.flatMap((name, i) => (byKey.has(name.toLowerCase()) ? [] : [i]));
    if (unknown.length) {
      const allowed = [...byKey.keys()].join(', ');
      throw Problem.validation(
        unknown.map((i) => ({
          path: options.single ? path : `${path}.${i}`,
          message: `${names[i]} is not one of the org's proteins (${allowed})`,
        })),
      );
    }
    return [...new Set(names.map((name) => byKey.get(name.toLowerCase())!))];
  }

  async createProtein(orgId: string, dto: CreateProteinDto): Promise<ProteinDto> {
    await this.repo.ensure(orgId);
    return this.repo.transaction(async (tx) => {
      const protein = await this.repo.saveProtein(tx, tx.create(Protein, { orgId, name: dto.name.trim() }));
      await this.audit.recordInTransaction(tx, protein);
      return toProteinDto(protein);
    });
  }

  async updateProtein(orgId: string, id: string, dto: UpdateProteinDto): Promise<ProteinDto> {
    return this.repo.transaction(async (tx) => {
      const protein = await this.repo.loadProtein(tx, orgId, id);
      protein.name = dto.name.trim();
      const saved = await this.repo.saveProtein(tx, protein);
      await this.audit.recordInTransaction(tx);
      return toProteinDto(saved);
    });
  }

  /** Deletes a protein no product or party refers to (else 409 `in-use`). */
  async deleteProtein(orgId: string, id: string): Promise<void> {
    await this.repo.transaction(async (tx) => {
      await this.repo.loadProtein(tx, orgId, id);
      await this.repo.deleteProtein(tx, orgId, id);
      await this.audit.recordInTransaction(tx);
    });
  }
}
