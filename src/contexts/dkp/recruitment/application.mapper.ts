import type { UserSummary } from '../../../platform/tenancy/members/member-directory';
import { ApplicationComment } from './application-comment.entity';
import { Application } from './application.entity';
import { ApplicationCommentDto, ApplicationDto } from './dto/application.dto';

export function toApplicationDto(app: Application, username: string): ApplicationDto {
  return {
    id: app.id,
    userId: app.userId,
    username,
    status: app.status,
    characterName: app.characterName,
    server: app.server,
    characterClass: app.characterClass,
    level: app.level,
    guildExperience: app.guildExperience,
    availability: app.availability,
    timeZone: app.timeZone,
    references: app.references,
    discordUsername: app.discordUsername,
    answers: app.answers,
    rejectionReason: app.rejectionReason,
    trialAcceptedAt: app.trialAcceptedAt,
    votingStartedAt: app.votingStartedAt,
    votingEndsAt: app.votingEndsAt,
    votingClosedAt: app.votingClosedAt,
    decision: app.decision,
    decidedAt: app.decidedAt,
    characterId: app.characterId,
    trialStatus: app.trialStatus,
    trialEndsAt: app.trialEndsAt,
    trialEndedAt: app.trialEndedAt,
    createdAt: app.createdAt,
    updatedAt: app.updatedAt,
  };
}

export function toCommentDto(comment: ApplicationComment, users: Map<string, UserSummary>): ApplicationCommentDto {
  return {
    id: comment.id,
    applicationId: comment.applicationId,
    authorUserId: comment.authorUserId,
    authorUsername: comment.authorUserId ? (users.get(comment.authorUserId)?.username ?? null) : null,
    body: comment.body,
    createdAt: comment.createdAt,
  };
}
