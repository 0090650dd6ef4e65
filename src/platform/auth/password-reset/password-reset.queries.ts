import type { EntityManager } from 'typeorm';

/** The SQL of password-reset tokens. */

/** Inserts the token of reset request `id`; false when that request already made one (a re-run job). */
export async function insertToken(
  tx: EntityManager,
  token: { id: string; userId: string; tokenHash: string; expiresAt: Date },
): Promise<boolean> {
  const rows: unknown[] = await tx.query(
    `INSERT INTO password_reset_tokens (id, user_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [token.id, token.userId, token.tokenHash, token.expiresAt],
  );
  return rows.length > 0;
}

/**
 * Spends a valid token (unused, unexpired, of an active user) and every other open token of its
 * user, in one statement so two concurrent uses cannot both win. The user's id, or null.
 */
export async function spendToken(tx: EntityManager, tokenHash: string): Promise<string | null> {
  const [rows] = await tx.query(
    `WITH valid AS (
       SELECT t.user_id FROM password_reset_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now() AND u.disabled_at IS NULL
        FOR UPDATE OF t)
     UPDATE password_reset_tokens SET used_at = now()
      WHERE user_id IN (SELECT user_id FROM valid) AND used_at IS NULL
     RETURNING user_id`,
    [tokenHash],
  );
  return (rows as { user_id: string }[])[0]?.user_id ?? null;
}

export async function setPassword(tx: EntityManager, userId: string, passwordHash: string): Promise<void> {
  await tx.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1', [userId, passwordHash]);
}

/** Ends every session of the user: their refresh-token families, and with them their access tokens. */
export async function revokeSessions(tx: EntityManager, userId: string): Promise<void> {
  await tx.query('UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [userId]);
}
