import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UsersService } from '../../../platform/auth/users/users.service';
import { DomainEvents } from '../../../platform/events/domain-events';
import type { ApplicationAction } from './application-rules';
import { Application } from './application.entity';

/** The event each step records: `dkp.application.<name>`. */
export const EVENT_OF: Record<ApplicationAction, string> = {
  trial_accept: 'trial_accepted',
  start_voting: 'voting_started',
  close_voting: 'voting_closed',
  approve: 'approved',
  reject: 'rejected',
  recycle: 'recycled',
  withdraw: 'withdrawn',
};

/**
 * Records `dkp.application.*` events with what a bot needs to post the application summary.
 * The application is the event's subject, so its events are delivered in the order recorded
 * (approved before promoted).
 */
@Injectable()
export class ApplicationEvents {
  constructor(
    private readonly events: DomainEvents,
    private readonly users: UsersService,
  ) {}

  async record(tx: EntityManager, app: Application, what: string, extra: Record<string, unknown>): Promise<void> {
    const user = (await this.users.summariesOf([app.userId], tx)).get(app.userId);
    await this.events.record(tx, {
      orgId: app.orgId,
      subjectId: app.id,
      type: `dkp.application.${what}`,
      payload: {
        applicationId: app.id,
        status: app.status,
        userId: app.userId,
        username: user?.username ?? null,
        discordId: user?.discordId ?? null,
        discordUsername: app.discordUsername,
        characterName: app.characterName,
        server: app.server,
        characterClass: app.characterClass,
        level: app.level,
        timeZone: app.timeZone,
        availability: app.availability,
        guildExperience: app.guildExperience,
        references: app.references,
        answers: app.answers,
        submittedAt: app.createdAt,
        ...extra,
      },
    });
  }
}
