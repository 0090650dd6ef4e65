import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { findInOrg } from '../../../platform/database/org-scoped';
import { saveNamingField } from '../../../platform/database/unique-conflict';
import { withTransaction } from '../../../platform/database/transactions';
import { DiscordRoleMapping } from './discord-role-mapping.entity';

const MAPPING_EXISTS = {
  detail: 'That Discord role is already mapped to this rank or tier',
  slug: 'discord-role-mapping-exists',
  field: 'discordRoleId',
};

/** Every read and write of an org's extra Discord role mappings. */
@Injectable()
export class DiscordRoleMappingsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return withTransaction(this.db, work);
  }

  /** Rank mappings first, then tier mappings, each oldest first. */
  ofOrg(orgId: string, manager: EntityManager = this.db.manager): Promise<DiscordRoleMapping[]> {
    return manager.find(DiscordRoleMapping, { where: { orgId }, order: { kind: 'ASC', createdAt: 'ASC', id: 'ASC' } });
  }

  lock(tx: EntityManager, orgId: string, id: string): Promise<DiscordRoleMapping> {
    return findInOrg(tx, DiscordRoleMapping, orgId, id, 'Discord role mapping', { lock: true });
  }

  build(
    tx: EntityManager,
    values: Pick<DiscordRoleMapping, 'orgId' | 'kind' | 'discordRoleId' | 'rankId' | 'tier' | 'andAbove' | 'label'>,
  ): DiscordRoleMapping {
    return tx.create(DiscordRoleMapping, values);
  }

  /** Saves, with a 409 `discord-role-mapping-exists` when the role is already mapped to that rank or tier. */
  save(tx: EntityManager, mapping: DiscordRoleMapping): Promise<DiscordRoleMapping> {
    return saveNamingField(tx, DiscordRoleMapping, mapping, MAPPING_EXISTS);
  }

  async delete(tx: EntityManager, mapping: DiscordRoleMapping): Promise<void> {
    await tx.delete(DiscordRoleMapping, { id: mapping.id });
  }
}
