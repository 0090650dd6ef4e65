import type { EntityManager } from 'typeorm';
import type { UsersService } from '../../../platform/auth/users/users.service';
import type { BulkIds, BulkUser } from '../bulk/bulk-guild';
import { importedUsername } from './eqdkp-names';
import type { People } from './eqdkp-people';
import type { ImportReport } from './import-report';

/**
 * Keeps imported users apart from the platform's other accounts. An EQdkp user is never matched to
 * an existing user by username: it reuses a user only when this org's import mapping says an
 * earlier import of the same source created it and that user is still a member of the org;
 * otherwise a username someone already holds gets a suffix (`-eq`, `-eq2` ...) and the rename is
 * reported.
 */
export async function separateAccounts(
  tx: EntityManager,
  orgId: string,
  source: string,
  users: BulkUser[],
  report: ImportReport,
): Promise<BulkUser[]> {
  const previous = await previouslyImportedUsers(tx, orgId, source);
  const fresh: BulkUser[] = [];
  for (const user of users) {
    const id = previous.get(String(user.key));
    if (id) user.userId = id;
    else fresh.push(user);
  }
  const planned = new Set(fresh.map((user) => user.username.toLowerCase()));
  const all = fresh.map((user) => ({ user, base: user.username.toLowerCase(), attempt: 0 }));
  let pending = all;
  while (pending.length) {
    const taken = await existingUsernames(
      tx,
      pending.map((p) => p.user.username.toLowerCase()),
    );
    pending = pending.filter((p) => taken.has(p.user.username.toLowerCase()));
    for (const p of pending) {
      let candidate: string;
      do candidate = importedUsername(p.base, ++p.attempt);
      while (planned.has(candidate));
      planned.add(candidate);
      p.user.username = candidate;
    }
  }
  for (const p of all.filter((p) => p.attempt > 0)) {
    // EQdkp users by their id (as the mapping's renames); placeholders by their key (m:…, o:…).
    const sourceId = String(p.user.key).replace(/^u:/, '');
    report.renames.push({ kind: 'user', sourceId, from: p.base, to: p.user.username });
    report.notes.push(`username ${p.base} belongs to an existing platform user: ${String(p.user.key)} imported as ${p.user.username}`); // prettier-ignore
  }
  return fresh;
}

/** Source user key -> user id, for users an earlier import into this org created and who are still members. */
async function previouslyImportedUsers(tx: EntityManager, orgId: string, source: string): Promise<Map<string, string>> {
  const rows: { source_id: string; new_id: string }[] = await tx.query(
    `SELECT m.source_id, m.new_id FROM dkp_import_mappings m
       JOIN memberships ms ON ms.org_id = m.org_id AND ms.user_id = m.new_id
      WHERE m.org_id = $1 AND m.source = $2 AND m.source_table = 'users'`,
    [orgId, source],
  );
  return new Map(rows.map((row) => [row.source_id, row.new_id]));
}

async function existingUsernames(tx: EntityManager, usernames: string[]): Promise<Set<string>> {
  if (!usernames.length) return new Set();
  const rows: { username: string }[] = await tx.query('SELECT username FROM users WHERE username = ANY($1::text[])', [
    usernames,
  ]);
  return new Set(rows.map((row) => row.username));
}

/** Sets e-mails and disabled state on the users this run created; refused e-mails are reported. */
export async function applyUserDetails(
  tx: EntityManager,
  usersService: UsersService,
  people: People,
  created: BulkUser[],
  ids: BulkIds,
  report: ImportReport,
): Promise<void> {
  const rows = created.map((user) => ({
    userId: ids.users.get(user.key)!,
    email: people.emailOfUser.get(user.key) ?? null,
    disabled: people.disabledUsers.has(user.key),
  }));
  const refused = await usersService.setImportedDetails(tx, rows);
  for (const email of refused) {
    report.notes.push(`e-mail ${email} belongs to an existing platform user: left empty on the imported user`);
  }
  const disabled = rows.filter((row) => row.disabled).length;
  if (disabled) report.notes.push(`${disabled} users inactive in EQdkp were imported disabled (users.disabled_at)`);
}
