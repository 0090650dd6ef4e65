import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import { TransactionalRepository } from '../../../platform/database/transactional-repository';
import { keysetBy } from '../../../platform/http/keyset';
import type { RsiMemberState } from './dto/rsi.dto';
import { StarcorpRsiClaimCode } from './members/rsi-claim-code.entity';
import { StarcorpRsiMember } from './members/rsi-member.entity';
import { StarcorpRsiProfile } from './profile/rsi-profile.entity';
import type { RsiCitizenListing } from './upstream/rsi-api-parse';

/** What a member list may be narrowed by. */
export interface RsiMemberFilter {
  state: RsiMemberState;
  linked?: boolean;
  search?: string;
}

/** The claim code alphabet: no 0/O or 1/I, so a code typed into a bio by hand survives. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** The RSI mirror's SQL: the profile, the listed citizens and the members' claim codes. */
@Injectable()
export class RsiRepository extends TransactionalRepository {
  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }

  profile(orgId: string, tx?: EntityManager): Promise<StarcorpRsiProfile | null> {
    return this.managerOf(tx).findOne(StarcorpRsiProfile, { where: { orgId } });
  }

  /** The org's profile row, created empty when missing, locked for the transaction. */
  async lockOrCreateProfile(tx: EntityManager, orgId: string): Promise<StarcorpRsiProfile> {
    await tx.createQueryBuilder().insert().into(StarcorpRsiProfile).values({ orgId }).orIgnore().execute();
    return this.lockProfile(tx, orgId) as Promise<StarcorpRsiProfile>;
  }

  lockProfile(tx: EntityManager, orgId: string): Promise<StarcorpRsiProfile | null> {
    return tx.findOne(StarcorpRsiProfile, { where: { orgId }, lock: { mode: 'pessimistic_write' } });
  }

  saveProfile(tx: EntityManager, profile: StarcorpRsiProfile): Promise<StarcorpRsiProfile> {
    return tx.save(StarcorpRsiProfile, profile);
  }

  /** The orgs whose profile has a SID (the daily sync's work). */
  async orgIdsWithSid(): Promise<string[]> {
    const rows = await this.db
      .getRepository(StarcorpRsiProfile)
      .find({ select: { orgId: true }, where: { sid: Not(IsNull()) } });
    return rows.map((r) => r.orgId);
  }

  /** A page of listed citizens by handle (one row more than the page, for `keysetPage`). */
  members(
    orgId: string,
    filter: RsiMemberFilter,
    page: { limit: number; cursor?: string },
  ): Promise<StarcorpRsiMember[]> {
    const qb = this.db.getRepository(StarcorpRsiMember).createQueryBuilder('m').where('m.org_id = :orgId', { orgId });
    if (filter.state === 'current') qb.andWhere('m.departed_at IS NULL');
    if (filter.state === 'departed') qb.andWhere('m.departed_at IS NOT NULL');
    if (filter.linked !== undefined) qb.andWhere(`m.user_id IS ${filter.linked ? 'NOT ' : ''}NULL`);
    if (filter.search) {
      const pattern = `%${filter.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere('(lower(m.handle) LIKE :pattern OR lower(m.display_name) LIKE :pattern)', { pattern });
    }
    return keysetBy(qb, [['m.handle', 'text']], page).getMany();
  }

  /** A handle of the org, case-insensitively (RSI handles are), or null. */
  memberByHandle(orgId: string, handle: string, tx?: EntityManager, lock = false): Promise<StarcorpRsiMember | null> {
    const qb = this.managerOf(tx)
      .getRepository(StarcorpRsiMember)
      .createQueryBuilder('m')
      .where('m.org_id = :orgId AND lower(m.handle) = lower(:handle)', { orgId, handle });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /** The handle linked to a user in the org, or null. */
  memberOfUser(orgId: string, userId: string, tx?: EntityManager): Promise<StarcorpRsiMember | null> {
    return this.managerOf(tx).findOne(StarcorpRsiMember, { where: { orgId, userId } });
  }

  saveMember(tx: EntityManager, member: StarcorpRsiMember): Promise<StarcorpRsiMember> {
    return tx.save(StarcorpRsiMember, member);
  }

  /** Every known handle of the org, lower-cased, with its departure (null: listed). */
  async knownHandles(tx: EntityManager, orgId: string): Promise<Map<string, Date | null>> {
    const rows: { handle: string; departed_at: Date | null }[] = await tx.query(
      'SELECT handle, departed_at FROM starcorp_rsi_members WHERE org_id = $1',
      [orgId],
    );
    return new Map(rows.map((r) => [r.handle.toLowerCase(), r.departed_at]));
  }

  /**
   * Inserts or refreshes the listed citizens (a listed handle is not departed, whatever it was),
   * keeping their links and bios; a known handle keeps its stored spelling.
   */
  async upsertListed(tx: EntityManager, orgId: string, listed: RsiCitizenListing[], now: Date): Promise<void> {
    const stored: { handle: string }[] = await tx.query('SELECT handle FROM starcorp_rsi_members WHERE org_id = $1', [
      orgId,
    ]);
    const existing = new Map(stored.map((r) => [r.handle.toLowerCase(), r.handle]));
    const rows = listed.map((c) => ({
      orgId,
      handle: existing.get(c.handle.toLowerCase()) ?? c.handle,
      displayName: c.displayName,
      rank: c.rank,
      stars: c.stars,
      avatarUrl: c.avatarUrl,
      lastSeenAt: now,
      departedAt: null,
    }));
    // Batches keep each statement's parameter count well under PostgreSQL's 65,535.
    for (let i = 0; i < rows.length; i += 1000) {
      await tx
        .createQueryBuilder()
        .insert()
        .into(StarcorpRsiMember)
        .values(rows.slice(i, i + 1000))
        .orUpdate(
          ['display_name', 'rank', 'stars', 'avatar_url', 'last_seen_at', 'departed_at', 'updated_at'],
          ['org_id', 'handle'],
        )
        .execute();
    }
  }

  /** Marks every listed-until-now handle that is not in `listed` departed; returns how many. */
  async markDeparted(tx: EntityManager, orgId: string, listed: string[], now: Date): Promise<number> {
    const [, count] = await tx.query(
      `UPDATE starcorp_rsi_members SET departed_at = $3, updated_at = now()
        WHERE org_id = $1 AND departed_at IS NULL AND NOT (lower(handle) = ANY($2::text[]))`,
      [orgId, listed.map((h) => h.toLowerCase()), now],
    );
    return Number(count ?? 0);
  }

  /** The member's claim code in the org, issued (random) on first use. */
  async claimCode(orgId: string, userId: string): Promise<string> {
    const code = `QM-${[...randomBytes(8)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('')}`;
    await this.db
      .createQueryBuilder()
      .insert()
      .into(StarcorpRsiClaimCode)
      .values({ orgId, userId, code })
      .orIgnore()
      .execute();
    const row = await this.db.getRepository(StarcorpRsiClaimCode).findOneOrFail({ where: { orgId, userId } });
    return row.code;
  }
}
