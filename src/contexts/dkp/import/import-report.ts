/** What an import did with every source row: imported, merged (into what, why) or skipped (why). */

export interface TableTally {
  source: number;
  imported: number;
  merged: number;
  skipped: number;
}

export interface RowNote {
  table: string;
  sourceId: string;
  why: string;
  /** Merges: what the row went into. */
  into?: string;
}

export interface Rename {
  kind: 'user' | 'character' | 'rank' | 'event' | 'item';
  sourceId: string;
  from: string;
  to: string;
}

export interface ImportReport {
  org: string;
  prefix: string;
  status: 'imported' | 'dry-run' | 'nothing-to-do';
  /** Steps an earlier, interrupted run had committed: this run resumed after them. */
  resumed: string[];
  tables: Record<string, TableTally>;
  merges: RowNote[];
  skips: RowNote[];
  renames: Rename[];
  notes: string[];
  check: { balancesCompared: number; differences: string[] };
  /** Source id -> new id(s), per table (written to the JSON report only). */
  ids?: Record<string, Record<string, string[]>>;
  ms: number;
}

/** Collects the per-table tallies and the notes while rows are mapped. */
export class ImportTally {
  readonly tables: Record<string, TableTally> = {};
  readonly merges: RowNote[] = [];
  readonly skips: RowNote[] = [];
  readonly renames: Rename[] = [];
  readonly notes: string[] = [];

  constructor(sourceCounts: Record<string, number>) {
    for (const [table, source] of Object.entries(sourceCounts)) {
      this.tables[table] = { source, imported: 0, merged: 0, skipped: 0 };
    }
  }

  imported(table: string, n = 1): void {
    this.tally(table).imported += n;
  }

  merged(table: string, sourceId: string | number, into: string, why: string): void {
    this.tally(table).merged++;
    this.merges.push({ table, sourceId: String(sourceId), into, why });
  }

  skipped(table: string, sourceId: string | number, why: string): void {
    this.tally(table).skipped++;
    this.skips.push({ table, sourceId: String(sourceId), why });
  }

  /** Tables whose imported + merged + skipped differ from the source count (must be none). */
  unbalanced(): string[] {
    return Object.entries(this.tables)
      .filter(([, t]) => t.imported + t.merged + t.skipped !== t.source)
      .map(
        ([table, t]) =>
          `${table}: source ${t.source}, imported ${t.imported}, merged ${t.merged}, skipped ${t.skipped}`,
      );
  }

  private tally(table: string): TableTally {
    return (this.tables[table] ??= { source: 0, imported: 0, merged: 0, skipped: 0 });
  }
}
