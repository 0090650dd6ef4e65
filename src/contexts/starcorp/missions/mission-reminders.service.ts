import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { withTransaction } from '../../../platform/database/transactions';
import { DomainEvents } from '../../../platform/events/domain-events';
import { JobQueue } from '../../../platform/jobs/job-queue';
import { StarcorpMissionsRepository } from './missions.repository';

export const MISSION_REMINDERS_QUEUE = 'starcorp.mission-reminders';

/** How far ahead a mission is announced. */
export const REMINDER_HORIZON_HOURS = 24;

/**
 * Announces `starcorp.mission.reminder` once per scheduled mission, within a day of its start, with
 * the users holding a seat (webhooks and the bot deliver it). Only the announcement is remembered
 * (`reminded_at`, cleared when the mission is rescheduled), so it goes out once however often the
 * job runs; it runs every 10 minutes.
 */
@Injectable()
export class StarcorpMissionRemindersService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly missions: StarcorpMissionsRepository,
    private readonly events: DomainEvents,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    this.jobs.define({
      queue: MISSION_REMINDERS_QUEUE,
      schedule: { cron: '*/10 * * * *' },
      handler: async () => void (await this.remind(new Date())),
    });
  }

  /** Announces the missions due a reminder at `now`; returns how many. */
  remind(now: Date): Promise<number> {
    return withTransaction(this.db, async (tx) => {
      const due = await this.missions.claimReminders(tx, now, REMINDER_HORIZON_HOURS);
      await this.events.recordAll(
        tx,
        due.map((m) => ({
          orgId: m.orgId,
          type: 'starcorp.mission.reminder',
          subjectId: m.id,
          payload: {
            missionId: m.id,
            title: m.title,
            scheduledAt: new Date(m.scheduledAt).toISOString(),
            squadronId: m.squadronId,
            userIds: m.userIds,
          },
        })),
      );
      return due.length;
    });
  }
}
