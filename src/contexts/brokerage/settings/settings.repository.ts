import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { findInOrg } from '../../../platform/database/org-scoped';
import { BrokerageRepository, deleteUnlessInUse, inUse, saveNamingField } from '../common/brokerage-repository';
import { BrokerageSettings } from './brokerage-settings.entity';
import { Protein } from './protein.entity';

/** The proteins an org starts with, on its first use of the brokerage. */
export const DEFAULT_PROTEINS = ['Beef', 'Pork', 'Chicken', 'Turkey', 'Lamb', 'Veal', 'Goat', 'Bison', 'Seafood'];

const PROTEIN_UNIQUE = { uq_brokerage_proteins_org_name_key: 'name' } as const;

/** The SQL of the org's brokerage settings and proteins. */
@Injectable()
export class SettingsRepository extends BrokerageRepository {
  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }

  /**
   * The org's settings, created with the defaults and the seeded proteins on the org's first use
   * (one statement when they exist). Two first requests racing insert one row: the loser's
   * `DO NOTHING` finds it, and only the winner seeds the proteins.
   */
  async ensure(orgId: string, tx?: EntityManager): Promise<BrokerageSettings> {
    const existing = await this.managerOf(tx).findOne(BrokerageSettings, { where: { orgId } });
    if (existing) return existing;
    const create = async (t: EntityManager) => {
      const inserted: unknown[] = await t.query(
        'INSERT INTO brokerage_settings (org_id) VALUES ($1) ON CONFLICT (org_id) DO NOTHING RETURNING id',
        [orgId],
      );
      if (inserted.length)
        await t.insert(
          Protein,
          DEFAULT_PROTEINS.map((name) => ({ orgId, name })),
        );
      return t.findOneOrFail(BrokerageSettings, { where: { orgId } });
    };
    return tx ? create(tx) : this.transaction(create);
  }

  /** When the org's trial ends, or null (no trial, or the org has no settings yet). */
  async trialEndsAt(orgId: string): Promise<Date | null> {
    const row = await this.db.manager.findOne(BrokerageSettings, { where: { orgId }, select: { trialEndsAt: true } });
    return row?.trialEndsAt ?? null;
  }

  /** The org's settings row, locked for a change (it exists: `ensure` ran first). */
  lockSettings(tx: EntityManager, orgId: string): Promise<BrokerageSettings> {
    return tx.findOneOrFail(BrokerageSettings, { where: { orgId }, lock: { mode: 'pessimistic_write' } });
  }

  saveSettings(tx: EntityManager, settings: BrokerageSettings): Promise<BrokerageSettings> {
    return tx.save(BrokerageSettings, settings);
  }

  listProteins(orgId: string, tx?: EntityManager): Promise<Protein[]> {
    return this.managerOf(tx).find(Protein, { where: { orgId }, order: { nameKey: 'ASC' } });
  }

  loadProtein(tx: EntityManager, orgId: string, id: string): Promise<Protein> {
    return findInOrg(tx, Protein, orgId, id, 'Protein', { lock: true });
  }

  saveProtein(tx: EntityManager, protein: Protein): Promise<Protein> {
    return saveNamingField(tx, Protein, protein, 'protein', PROTEIN_UNIQUE);
  }

  /** Deletes a protein no party lists; products refer to it by foreign key (RESTRICT). */
  async deleteProtein(tx: EntityManager, orgId: string, id: string): Promise<void> {
    const [listed]: unknown[] = await tx.query(
      'SELECT 1 FROM brokerage_parties WHERE org_id = $1 AND $2::uuid = ANY(protein_ids) LIMIT 1',
      [orgId, id],
    );
    if (listed) throw inUse('protein');
    await deleteUnlessInUse(() => tx.delete(Protein, { id, orgId }), 'protein');
  }
}
