/**
 * Tells in-process caches, synchronously, that this process is writing to tables they mirror.
 *
 * The pg client (pg-client.ts) reports every statement it sends; a statement that inserts into,
 * updates, deletes from or truncates a watched table calls the watcher's listener when it is sent,
 * when it completes, and, if it ran inside a transaction, again when that transaction commits or
 * rolls back. A cache that drops its entries on each call therefore never keeps a value read
 * before a write of this process became visible, whichever service (or raw SQL) wrote it. Writes
 * of other processes reach caches through Postgres NOTIFY instead (see caller-cache.ts).
 */

interface Watcher {
  tables: RegExp;
  listener: () => void;
  /** Statements (by prepared-statement name) that write a watched table without mattering to the cache. */
  ignoredStatements: ReadonlySet<string>;
}

const watchers = new Set<Watcher>();

/** Calls `listener` on each write of this process to one of `tables` (see above). Returns the unsubscribe. */
export function watchTableWrites(
  tables: readonly string[],
  listener: () => void,
  options: { ignoredStatements?: readonly string[] } = {},
): () => void {
  const names = tables.map((table) => table.replace(/[^a-z0-9_]/gi, '')).join('|');
  const watcher: Watcher = {
    tables: new RegExp(
      `\\b(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|TRUNCATE(?:\\s+TABLE)?)\\s+(?:ONLY\\s+)?(?:"?public"?\\.)?"?(?:${names})"?(?![\\w"])`,
      'i',
    ),
    listener,
    ignoredStatements: new Set(options.ignoredStatements ?? []),
  };
  watchers.add(watcher);
  return () => watchers.delete(watcher);
}

// A statement that starts with SELECT writes no table (data-modifying CTEs start with WITH), so the
// hot reads skip scanning their text for INSERT/UPDATE/DELETE (the leaderboard's is 2 KB).
const PLAIN_SELECT = /^\s*SELECT\b/i;

/** The listeners a statement concerns (empty for almost every statement: reads, other tables). */
export function writeListenersOf(text: string | undefined, statementName: string | undefined): (() => void)[] {
  if (!text || watchers.size === 0 || PLAIN_SELECT.test(text)) return [];
  const found: (() => void)[] = [];
  for (const watcher of watchers) {
    if (statementName && watcher.ignoredStatements.has(statementName)) continue;
    if (watcher.tables.test(text)) found.push(watcher.listener);
  }
  return found;
}

const TRANSACTION_START = /^\s*(?:BEGIN|START\s+TRANSACTION)\b/i;
// Not ROLLBACK TO SAVEPOINT, which leaves the transaction open.
const TRANSACTION_END = /^\s*(?:COMMIT|END|ROLLBACK(?!\s+TO\b))\b/i;

/** Whether a statement opens a transaction, ends one (its writes become visible, or vanish), or neither. */
export function transactionBoundary(text: string | undefined): 'start' | 'end' | undefined {
  if (!text || text.length > 64) return undefined;
  if (TRANSACTION_START.test(text)) return 'start';
  if (TRANSACTION_END.test(text)) return 'end';
  return undefined;
}
