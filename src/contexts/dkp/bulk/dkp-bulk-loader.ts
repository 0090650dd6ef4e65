import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UsersService } from '../../../platform/auth/users/users.service';
import type { MemberChangeCause } from '../../../platform/tenancy/members/member-directory';
import { MembersService } from '../../../platform/tenancy/members/members.service';
import { LedgerService } from '../points/ledger.service';
import { BalanceMismatchError, balanceMismatches } from './balance-check';
import type { BulkGuild, BulkLoadOptions, BulkLoadResult, BulkSummary, BulkUser } from './bulk-guild';
import {
  adjustmentLedgerRows,
  assignIds,
  attendanceRows,
  characterRows,
  eventRows,
  itemRows,
  joinDates,
  lootRows,
  ownershipRows,
  poolRows,
  raidRows,
  rankRows,
  RowScope,
} from './bulk-rows';
import { BulkRow, BulkTable, DkpBulkRepository } from './dkp-bulk.repository';

/** Why the memberships a load creates were created, in their `platform.member.joined` events. */
const MEMBERSHIP_REASON = 'dkp.bulk-load';

/** One load under way: what every step shares. */
interface LoadRun extends RowScope {
  tx: EntityManager;
  /** Rows per INSERT statement. */
  chunkSize: number;
}

/**
 * Loads a whole guild (users, roster, pools, events, items, raids, attendance, loot,
 * adjustments) into one org in one transaction, fast: users and memberships through the
 * platform's bulk methods, DKP rows with multi-row INSERTs (`DkpBulkRepository`) and ids
 * generated here, ledger rows written with the time of what they record, then balances rebuilt
 * from the ledger with `LedgerService.rebuildBalances` and optionally compared with expected
 * summaries (a mismatch rolls everything back).
 *
 * A provider of the DKP points module; CLI scripts, demo seeders and tests take it from the
 * application context: `app.get(DkpBulkLoader).load(orgId, guild)`.
 */
@Injectable()
export class DkpBulkLoader {
  constructor(
    private readonly bulk: DkpBulkRepository,
    private readonly ledger: LedgerService,
    private readonly users: UsersService,
    private readonly members: MembersService,
  ) {}

  /** Loads `guild` into the org (which should hold no DKP data yet). */
  async load(orgId: string, guild: BulkGuild, options: BulkLoadOptions = {}): Promise<BulkLoadResult> {
    const started = Date.now();
    const run = (tx: EntityManager) => this.loadIn(tx, orgId, guild, options, started);
    return options.tx ? run(options.tx) : this.bulk.transaction(run);
  }

  /** Deletes every DKP row of the org (for a reload); users, memberships and the org stay. */
  purgeOrg(tx: EntityManager, orgId: string): Promise<void> {
    return this.bulk.purgeOrg(tx, orgId);
  }

  /** The load's steps, in foreign-key order. */
  private async loadIn(
    tx: EntityManager,
    orgId: string,
    guild: BulkGuild,
    options: BulkLoadOptions,
    started: number,
  ): Promise<BulkLoadResult> {
    const run: LoadRun = {
      tx,
      orgId,
      ids: assignIds(guild),
      actorUserId: options.actorUserId ?? null,
      source: options.source ?? 'bulk-load',
      chunkSize: options.chunkSize ?? 5000,
    };
    const membershipsCreated = await this.addMembers(run, guild.users);
    await this.insertCatalog(run, guild);
    await this.insertRoster(run, guild);
    await this.insertRaidsAndPoints(run, guild);
    await this.ledger.rebuildBalances(tx, orgId);
    const balancesChecked = options.expected ? await this.checkBalances(run, options.expected) : 0;
    return { counts: countsOf(guild), membershipsCreated, ids: run.ids, balancesChecked, ms: Date.now() - started };
  }

  /**
   * Gives every user key an id (the given one, or the user with that username, created when
   * missing) and makes each user a member at their tier. Existing users and memberships are
   * left as they are; a Discord id already linked to another user is not copied onto a new one.
   * Returns how many memberships were created.
   */
  private async addMembers(run: LoadRun, users: BulkUser[]): Promise<number> {
    const toEnsure = users.filter((user) => !user.userId);
    const idOfUsername = await this.users.ensureUsers(
      run.tx,
      toEnsure.map((user) => ({
        username: user.username,
        displayName: user.displayName ?? null,
        discordId: user.discordId ?? null,
      })),
    );
    for (const user of users) {
      if (run.ids.users.has(user.key)) throw new Error(`Duplicate user key ${String(user.key)}`);
      const userId = user.userId ?? idOfUsername.get(user.username);
      if (!userId) throw new Error(`User ${user.username} could not be created`);
      run.ids.users.set(user.key, userId);
    }
    const memberships = users.map((user) => ({ userId: run.ids.users.get(user.key)!, tier: user.tier }));
    const cause: MemberChangeCause = { actorUserId: run.actorUserId, reason: MEMBERSHIP_REASON };
    return this.members.ensureMemberships(run.tx, run.orgId, memberships, cause);
  }

  /** Ranks, pools, events and items: what the roster, raids and loot refer to. */
  private async insertCatalog(run: LoadRun, guild: BulkGuild): Promise<void> {
    await this.insert(run, 'dkp_ranks', rankRows(run, guild.ranks ?? []));
    await this.insert(run, 'dkp_pools', poolRows(run, guild.pools));
    await this.insert(run, 'dkp_events', eventRows(run, guild.events));
    await this.insert(run, 'dkp_items', itemRows(run, guild.items));
  }

  /** Characters and who owns them since when (from before the guild's first raid). */
  private async insertRoster(run: LoadRun, guild: BulkGuild): Promise<void> {
    const joinedAt = joinDates(guild);
    await this.insert(run, 'dkp_characters', characterRows(run, guild.characters, joinedAt));
    await this.insert(run, 'dkp_character_ownership', ownershipRows(run, guild.characters, joinedAt));
  }

  /** Raids, then attendance, loot and adjustments, each followed by its ledger rows. */
  private async insertRaidsAndPoints(run: LoadRun, guild: BulkGuild): Promise<void> {
    await this.insert(run, 'dkp_raids', raidRows(run, guild.raids, guild.events));
    const attendance = attendanceRows(run, guild.attendance, guild.raids);
    await this.insert(run, 'dkp_attendance', attendance.attendance);
    await this.insert(run, 'dkp_ledger', attendance.ledger);
    const loot = lootRows(run, guild.loot);
    await this.insert(run, 'dkp_loot', loot.loot);
    await this.insert(run, 'dkp_ledger', loot.ledger);
    await this.insert(run, 'dkp_ledger', adjustmentLedgerRows(run, guild.adjustments));
  }

  private insert<T extends BulkTable>(run: LoadRun, table: T, rows: BulkRow<T>[]): Promise<void> {
    return this.bulk.insertRows(run.tx, table, rows, run.chunkSize);
  }

  /** Throws `BalanceMismatchError` (rolling the load back) unless the balances equal `expected`. */
  private async checkBalances(run: LoadRun, expected: BulkSummary[]): Promise<number> {
    const problems = balanceMismatches(await this.bulk.balances(run.tx, run.orgId), expected, run.ids);
    if (problems.length) throw new BalanceMismatchError(problems);
    return expected.length;
  }
}

function countsOf(guild: BulkGuild): Record<string, number> {
  return {
    users: guild.users.length,
    ranks: (guild.ranks ?? []).length,
    pools: guild.pools.length,
    events: guild.events.length,
    items: guild.items.length,
    characters: guild.characters.length,
    raids: guild.raids.length,
    attendance: guild.attendance.length,
    loot: guild.loot.length,
    adjustments: guild.adjustments.length,
    ledger: guild.attendance.length + guild.loot.length + guild.adjustments.length,
  };
}
