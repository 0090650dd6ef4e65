import { Injectable } from '@nestjs/common';
import { divideRounded, fromUnits } from '../../../platform/domain/decimal';
import { MembersService } from '../../../platform/tenancy/members/members.service';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { TIERS, tierAtLeast, type Tier } from '../../../platform/tenancy/tiers';
import { ListMissionsQueryDto } from '../missions/dto/mission.dto';
import { StarcorpMissionsService } from '../missions/missions.service';
import { ContactService } from '../communications/contact/contact.service';
import { StarcorpMessagesService } from '../communications/messages/messages.service';
import { DashboardDto } from './dto/dashboard.dto';
import { StarcorpDashboardRepository } from './dashboard.repository';

/** How many upcoming missions the dashboard shows. */
export const UPCOMING_MISSIONS = 5;

/** `count / members` with two places, rounded half away from zero ('0.00' without members). */
export function perMember(count: number, members: number): string {
  return members === 0 ? '0.00' : fromUnits(divideRounded(BigInt(count) * 100n, BigInt(members)), 2);
}

/**
 * The corporation at a glance: a handful of aggregate reads (platform members by tier through
 * MembersService, then one query each for ranks, squadrons, ships, missions and, for officers,
 * the contact inbox).
 */
@Injectable()
export class StarcorpDashboardService {
  constructor(
    private readonly repository: StarcorpDashboardRepository,
    private readonly members: MembersService,
    private readonly missions: StarcorpMissionsService,
    private readonly contacts: ContactService,
    private readonly messages: StarcorpMessagesService,
  ) {}

  async get(access: OrgAccess): Promise<DashboardDto> {
    const orgId = access.org.id;
    const all = await this.members.memberSummaries(orgId);
    const tierCounts = new Map<Tier, number>(TIERS.map((t) => [t, 0]));
    for (const m of all) tierCounts.set(m.tier, (tierCounts.get(m.tier) ?? 0) + 1);
    const memberIds = all.filter((m) => tierAtLeast(m.tier, 'readonly')).map((m) => m.id);
    const isOfficer = access.tier !== null && tierAtLeast(access.tier, 'officer');

    const upcomingQuery = Object.assign(new ListMissionsQueryDto(), {
      limit: UPCOMING_MISSIONS,
      status: 'scheduled' as const,
      upcoming: true,
    });
    const [ranks, squadrons, ships, upcoming, newContacts, unread] = await Promise.all([
      this.repository.rankCounts(orgId, memberIds),
      this.repository.squadronSizes(orgId, memberIds),
      this.repository.shipTotals(orgId, memberIds),
      this.missions.list(orgId, upcomingQuery),
      isOfficer ? this.contacts.countNew(orgId) : Promise.resolve(undefined),
      // A bot key has no inbox.
      access.userId ? this.messages.unreadCount(access) : Promise.resolve(null),
    ]);
    const ranked = ranks.reduce((sum, r) => sum + r.members, 0);
    return {
      members: memberIds.length,
      byTier: TIERS.map((tier) => ({ tier, members: tierCounts.get(tier) ?? 0 })),
      byRank: [...ranks, { rankId: null, name: 'Unranked', level: null, members: memberIds.length - ranked }],
      squadrons,
      ships: {
        hulls: ships.hulls,
        uniqueShips: ships.uniqueShips,
        owners: ships.owners,
        hullsPerMember: perMember(ships.hulls, memberIds.length),
        uniqueShipsPerMember: perMember(ships.ownerModels, memberIds.length),
      },
      unreadMessages: unread?.unread ?? null,
      upcomingMissions: upcoming.items,
      ...(isOfficer ? { newContactSubmissions: newContacts } : {}),
    };
  }
}
