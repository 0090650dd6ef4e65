import { EntityManager } from 'typeorm';
import { User } from '../users/user.entity';

/**
 * The user of an access token and whether its session (refresh-token family) is still open, in
 * the one query every authenticated request already makes to load its user. A session is open
 * while one of its refresh tokens is not revoked; logout, reuse of a rotated token and a password
 * change revoke them all.
 */
export async function userOfSession(
  manager: EntityManager,
  userId: string,
  sessionId: string,
): Promise<{ user: User | null; sessionOpen: boolean }> {
  const { entities, raw } = await manager
    .createQueryBuilder(User, 'u')
    .addSelect(
      `EXISTS (SELECT 1 FROM refresh_tokens r
                WHERE r.family_id = :sessionId AND r.user_id = u.id AND r.revoked_at IS NULL)`,
      'session_open',
    )
    .where('u.id = :userId', { userId, sessionId })
    .getRawAndEntities<{ session_open: boolean }>();
  return { user: entities[0] ?? null, sessionOpen: raw[0]?.session_open === true };
}
