import type { ImportReport } from './import-report';

/** `--pools "1=Main,2=Velious,none=Outside"` -> EQdkp pool id (or `none`) -> QM pool name. */
export function parsePoolNames(spec: string | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of (spec ?? '').split(',').filter((p) => p.trim())) {
    const [id, ...name] = part.split('=');
    if (!/^(\d+|none)$/.test(id.trim()) || !name.join('=').trim()) throw new Error(`Bad --pools entry "${part}"`);
    map.set(id.trim(), name.join('=').trim());
  }
  return map;
}

/** The report as printed: status, per-table counts, merges and skips grouped by reason, notes, check. */
export function reportLines(report: ImportReport): string[] {
  const lines = [`EQdkp import of ${report.prefix}* into org ${report.org}: ${report.status} in ${report.ms} ms`];
  lines.push('table                 source  imported  merged  skipped');
  for (const [table, t] of Object.entries(report.tables)) {
    lines.push(
      `${table.padEnd(20)} ${String(t.source).padStart(7)} ${String(t.imported).padStart(9)} ${String(t.merged).padStart(7)} ${String(t.skipped).padStart(8)}`,
    );
  }
  for (const [what, rows] of [
    ['merged', report.merges],
    ['skipped', report.skips],
  ] as const) {
    const byWhy = new Map<string, number>();
    for (const row of rows) byWhy.set(`${row.table}: ${row.why}`, (byWhy.get(`${row.table}: ${row.why}`) ?? 0) + 1);
    for (const [why, n] of byWhy) lines.push(`${what} ${n} × ${why}`);
  }
  for (const r of report.renames) lines.push(`renamed ${r.kind} ${r.sourceId}: "${r.from}" -> "${r.to}"`);
  for (const note of report.notes) lines.push(`note: ${note}`);
  const diffs = report.check.differences.length;
  lines.push(
    `check: ${report.check.balancesCompared} user/pool balances compared with EQdkp's figures, ${diffs} differences`,
  );
  return lines;
}
