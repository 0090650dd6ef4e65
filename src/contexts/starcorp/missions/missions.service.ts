import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../../platform/audit/audit.service';
import { withTransaction } from '../../../platform/database/transactions';
import { DomainEvents } from '../../../platform/events/domain-events';
import { keysetPage, Page } from '../../../platform/http/pagination';
import { Problem } from '../../../platform/http/problem';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { tierAtLeast } from '../../../platform/tenancy/tiers';
import { isAvailableAt } from '../people/fleet/fleet-rules';
import { StarcorpFleetService } from '../people/fleet/fleet.service';
import { requireUser, StarcorpMembersService } from '../people/members/members.service';
import { StarcorpSquadronsService } from '../people/squadrons/squadrons.service';
import {
  CreateMissionDto,
  ListMissionsQueryDto,
  MissionDetailDto,
  MissionDto,
  MissionParticipantDto,
  SignUpForMissionDto,
  UpdateMissionDto,
  UpdateMissionParticipantDto,
} from './dto/mission.dto';
import {
  assertParticipantMove,
  EDITABLE_STATUSES,
  fullRefusal,
  type HullForMission,
  MISSION_LIFECYCLE,
  mayRunMission,
  notOpenRefusal,
  type MissionStatus,
  type ParticipantStatus,
  SEATED_STATUSES,
  shipRefusal,
  shipRefusalProblem,
} from './mission-rules';
import { StarcorpMissionParticipant } from './mission-participant.entity';
import { StarcorpMission } from './mission.entity';
import { StarcorpMissionsRepository } from './missions.repository';

export function toMissionDto(m: StarcorpMission, participantCount: number): MissionDto {
  return {
    id: m.id,
    title: m.title,
    description: m.description,
    type: m.type,
    requiredShipIds: m.requiredShipIds,
    maxParticipants: m.maxParticipants,
    participantCount,
    scheduledAt: m.scheduledAt,
    squadronId: m.squadronId,
    status: m.status,
    createdByUserId: m.createdByUserId,
    startedAt: m.startedAt,
    completedAt: m.completedAt,
    cancelledAt: m.cancelledAt,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
  };
}

export function toMissionParticipantDto(p: StarcorpMissionParticipant): MissionParticipantDto {
  return {
    id: p.id,
    missionId: p.missionId,
    userId: p.userId,
    fleetShipId: p.fleetShipId,
    status: p.status,
    signedUpAt: p.signedUpAt,
    updatedAt: p.updatedAt,
  };
}

/** The lifecycle moves with a route of their own, and the timestamp each sets. */
const STAMP: Partial<Record<MissionStatus, 'startedAt' | 'completedAt' | 'cancelledAt'>> = {
  in_progress: 'startedAt',
  completed: 'completedAt',
  cancelled: 'cancelledAt',
};

/** Announced moves: scheduling, completion and cancellation. */
const ANNOUNCED: Partial<Record<MissionStatus, string>> = {
  scheduled: 'starcorp.mission.scheduled',
  completed: 'starcorp.mission.completed',
  cancelled: 'starcorp.mission.cancelled',
};

/**
 * Missions and their participants. Officers, or the commander of the mission's squadron, run a
 * mission; members sign themselves up. Every change locks the mission row first: seats are counted
 * under that lock, so racing sign-ups never overfill a mission.
 */
@Injectable()
export class StarcorpMissionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly missions: StarcorpMissionsRepository,
    private readonly fleet: StarcorpFleetService,
    private readonly squadrons: StarcorpSquadronsService,
    private readonly members: StarcorpMembersService,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
  ) {}

  async list(orgId: string, q: ListMissionsQueryDto): Promise<Page<MissionDto>> {
    const rows = await this.missions.list(orgId, q);
    const counts = await this.missions.seatCounts(
      orgId,
      rows.map((m) => m.id),
    );
    return keysetPage(
      rows,
      q.limit,
      (m) => [m.scheduledAt.toISOString(), m.id],
      (m) => toMissionDto(m, counts.get(m.id) ?? 0),
    );
  }

  async get(orgId: string, id: string): Promise<MissionDetailDto> {
    return this.detailOf(this.db.manager, await this.missions.get(this.db.manager, orgId, id));
  }

  /** Officers create any mission; a squadron's commander creates missions of their squadron. */
  async create(access: OrgAccess, dto: CreateMissionDto): Promise<MissionDetailDto> {
    const orgId = access.org.id;
    return withTransaction(this.db, async (tx) => {
      await this.assertRunner(tx, access, dto.squadronId ?? null);
      await this.assertCatalogShips(tx, dto.requiredShipIds ?? []);
      const mission = await tx.save(
        tx.create(StarcorpMission, {
          orgId,
          title: dto.title,
          description: dto.description ?? null,
          type: dto.type,
          requiredShipIds: dto.requiredShipIds ?? [],
          maxParticipants: dto.maxParticipants ?? null,
          scheduledAt: dto.scheduledAt,
          squadronId: dto.squadronId ?? null,
          status: 'draft',
          createdByUserId: access.userId,
        }),
      );
      await this.audit.recordInTransaction(tx, mission);
      return this.detailOf(tx, mission);
    });
  }

  /** Edits a draft or scheduled mission (409 `mission-not-editable` once it has started or ended). */
  async update(access: OrgAccess, id: string, dto: UpdateMissionDto): Promise<MissionDetailDto> {
    return withTransaction(this.db, async (tx) => {
      const mission = await this.missions.get(tx, access.org.id, id, true);
      await this.assertRunner(tx, access, mission.squadronId);
      if (!EDITABLE_STATUSES.includes(mission.status)) {
        throw Problem.conflict(
          `The mission is ${mission.status}; only draft and scheduled missions are edited`,
          'mission-not-editable',
          { currentState: mission.status },
        );
      }
      if (dto.squadronId !== undefined && dto.squadronId !== mission.squadronId) {
        await this.assertRunner(tx, access, dto.squadronId);
      }
      if (dto.requiredShipIds) await this.assertCatalogShips(tx, dto.requiredShipIds);
      if (dto.maxParticipants) {
        const seated = (await this.missions.seatCounts(mission.orgId, [mission.id], tx)).get(mission.id) ?? 0;
        if (dto.maxParticipants < seated) {
          throw Problem.validation([
            { path: 'maxParticipants', message: `maxParticipants must be at least the ${seated} seats already taken` },
          ]);
        }
      }
      // A new time is announced again by the reminder job.
      if (dto.scheduledAt && dto.scheduledAt.getTime() !== mission.scheduledAt.getTime()) mission.remindedAt = null;
      Object.assign(mission, dto);
      await tx.save(mission);
      await this.audit.recordInTransaction(tx, mission);
      return this.detailOf(tx, mission);
    });
  }

  /**
   * Moves the mission along its lifecycle (409 `invalid-transition` otherwise). Completing it turns
   * the sign-ups nobody confirmed into `no_show` and adds a service record for every attendee, in
   * the same transaction.
   */
  async move(access: OrgAccess, id: string, to: MissionStatus): Promise<MissionDetailDto> {
    return withTransaction(this.db, async (tx) => {
      const mission = await this.missions.get(tx, access.org.id, id, true);
      await this.assertRunner(tx, access, mission.squadronId);
      const from = mission.status;
      MISSION_LIFECYCLE.assert(from, to);
      mission.status = to;
      const stamp = STAMP[to];
      if (stamp) mission[stamp] = new Date();
      await tx.save(mission);
      const attendees = to === 'completed' ? await this.complete(tx, access, mission) : undefined;
      const type = ANNOUNCED[to];
      if (type) {
        await this.record(tx, mission, type, {
          from,
          by: access.userId,
          ...(attendees ? { attendeeUserIds: attendees } : {}),
        });
      }
      await this.audit.recordInTransaction(tx, mission);
      return this.detailOf(tx, mission);
    });
  }

  /**
   * The caller signs up, with one of their own hulls or none (409 `mission-not-open`, `mission-full`,
   * `already-signed-up`, `mission-ship-unavailable`; 403 outside the mission's squadron). Someone who
   * withdrew signs up again on their old row.
   */
  async signUp(access: OrgAccess, id: string, dto: SignUpForMissionDto): Promise<MissionParticipantDto> {
    const userId = requireUser(access);
    return withTransaction(this.db, async (tx) => {
      const mission = await this.missions.get(tx, access.org.id, id, true);
      const closed = notOpenRefusal(mission.status);
      if (closed) throw closed;
      await this.assertMaySignUp(tx, mission, userId);
      const existing = await this.missions.participant(tx, mission.id, userId);
      if (existing && existing.status !== 'declined') {
        throw Problem.conflict('You are already signed up for this mission', 'already-signed-up', {
          participantStatus: existing.status,
        });
      }
      const seated = (await this.missions.seatCounts(mission.orgId, [mission.id], tx)).get(mission.id) ?? 0;
      const full = fullRefusal(mission.maxParticipants, seated);
      if (full) throw full;
      const hull = dto.fleetShipId ? await this.hullFor(tx, mission, dto.fleetShipId) : null;
      const refusal = shipRefusal(mission.requiredShipIds, userId, hull);
      if (refusal) throw shipRefusalProblem(refusal, dto.fleetShipId ?? null);
      const participant =
        existing ?? tx.create(StarcorpMissionParticipant, { orgId: mission.orgId, missionId: mission.id, userId });
      Object.assign(participant, { status: 'signed_up', fleetShipId: hull?.id ?? null, signedUpAt: new Date() });
      await tx.save(participant);
      await this.audit.recordInTransaction(tx, participant);
      return toMissionParticipantDto(participant);
    });
  }

  /** The caller withdraws their sign-up (it stays, as `declined`; they may sign up again). */
  async withdraw(access: OrgAccess, id: string): Promise<void> {
    await this.updateParticipant(access, id, requireUser(access), { status: 'declined' });
  }

  /**
   * Moves a participant: the member withdraws, the runner confirms, declines and takes attendance
   * (see `participantMoves`). Marking someone attended after completion adds their service record.
   */
  async updateParticipant(
    access: OrgAccess,
    id: string,
    userId: string,
    dto: UpdateMissionParticipantDto,
  ): Promise<MissionParticipantDto> {
    return withTransaction(this.db, async (tx) => {
      const mission = await this.missions.get(tx, access.org.id, id, true);
      const participant = await this.missions.participant(tx, mission.id, userId);
      if (!participant) throw Problem.notFound('Participant');
      const isRunner = await this.isRunner(tx, access, mission.squadronId);
      assertParticipantMove(mission.status, participant.status, dto.status, {
        isSelf: access.userId === userId,
        isRunner,
      });
      participant.status = dto.status;
      await tx.save(participant);
      if (mission.status === 'completed' && dto.status === 'attended') {
        await this.addServiceRecord(tx, access, mission, userId);
      }
      await this.audit.recordInTransaction(tx, participant);
      return toMissionParticipantDto(participant);
    });
  }

  /** Completion: unconfirmed sign-ups become no-shows; each attendee gets a service record. */
  private async complete(tx: EntityManager, access: OrgAccess, mission: StarcorpMission): Promise<string[]> {
    const participants = await this.missions.participants(tx, mission.orgId, mission.id);
    const noShows = participants.filter((p) => p.status === 'signed_up');
    for (const p of noShows) p.status = 'no_show' satisfies ParticipantStatus;
    if (noShows.length > 0) await tx.save(noShows);
    const attendees = participants.filter((p) => p.status === 'attended').map((p) => p.userId);
    for (const userId of attendees) await this.addServiceRecord(tx, access, mission, userId);
    return attendees;
  }

  private addServiceRecord(tx: EntityManager, access: OrgAccess, mission: StarcorpMission, userId: string) {
    return this.members.addRecordInTransaction(
      tx,
      mission.orgId,
      userId,
      { kind: 'mission', title: mission.title, completedAt: mission.completedAt ?? new Date() },
      access.userId,
    );
  }

  /** A squadron's mission takes sign-ups from its active members (and its commander) only: else 403. */
  private async assertMaySignUp(tx: EntityManager, mission: StarcorpMission, userId: string): Promise<void> {
    if (!mission.squadronId) return;
    const squadron = await this.squadrons.squadronInOrg(tx, mission.orgId, mission.squadronId);
    if (squadron.commanderUserId === userId) return;
    if (!(await this.squadrons.isActiveMember(tx, squadron.id, userId))) {
      throw Problem.forbidden("Only members of the mission's squadron sign up for it");
    }
  }

  /** The hull as a sign-up needs it: 404 when it is not the org's. */
  private async hullFor(tx: EntityManager, mission: StarcorpMission, fleetShipId: string): Promise<HullForMission> {
    const hull = await this.fleet.hullInOrg(tx, mission.orgId, fleetShipId);
    return {
      id: hull.id,
      ownerUserId: hull.ownerUserId,
      shipId: hull.shipId,
      availableAtMission: isAvailableAt(hull, mission.scheduledAt),
    };
  }

  /** Required ships are catalog ships: an unknown id is a 400 naming its position. */
  private async assertCatalogShips(tx: EntityManager, ids: string[]): Promise<void> {
    const known = await this.fleet.existingCatalogShipIds(tx, ids);
    const errors = ids
      .map((shipId, i) => ({ shipId, i }))
      .filter(({ shipId }) => !known.has(shipId))
      .map(({ i }) => ({ path: `requiredShipIds.${i}`, message: 'requiredShipIds must name ships of the catalog' }));
    if (errors.length > 0) throw Problem.validation(errors);
  }

  /** Officers run any mission; a squadron's mission is also run by that squadron's commander. Others: 403. */
  private async assertRunner(tx: EntityManager, access: OrgAccess, squadronId: string | null): Promise<void> {
    if (!(await this.isRunner(tx, access, squadronId))) {
      throw Problem.forbidden("Only officers or the squadron's commander run missions");
    }
  }

  private async isRunner(tx: EntityManager, access: OrgAccess, squadronId: string | null): Promise<boolean> {
    const isOfficer = access.tier !== null && tierAtLeast(access.tier, 'officer');
    const squadron = squadronId ? await this.squadrons.squadronInOrg(tx, access.org.id, squadronId) : null;
    const isCommander = access.userId !== null && squadron?.commanderUserId === access.userId;
    return mayRunMission({ isOfficer, userId: access.userId, isCommander });
  }

  private record(
    tx: EntityManager,
    mission: StarcorpMission,
    type: string,
    payload: Record<string, unknown>,
  ): Promise<void> {
    return this.events.record(tx, {
      orgId: mission.orgId,
      type,
      subjectId: mission.id,
      payload: {
        missionId: mission.id,
        title: mission.title,
        type: mission.type,
        scheduledAt: mission.scheduledAt.toISOString(),
        squadronId: mission.squadronId,
        status: mission.status,
        ...payload,
      },
    });
  }

  private async detailOf(manager: EntityManager, mission: StarcorpMission): Promise<MissionDetailDto> {
    const participants = await this.missions.participants(manager, mission.orgId, mission.id);
    const seated = participants.filter((p) => SEATED_STATUSES.includes(p.status)).length;
    return { ...toMissionDto(mission, seated), participants: participants.map(toMissionParticipantDto) };
  }
}
