import type { FieldError } from '../../../../platform/http/problem';
import { unsafeTextReason } from '../../../../platform/http/safe-text';
import { type FleetStatus, INITIAL_FLEET_STATUSES } from './fleet-rules';

/**
 * The hangar import's pure rules: a HangarXPLOR export (the browser extension that lists a
 * member's RSI hangar) read into entries, and each entry matched to a catalog ship by name.
 *
 * The two accepted JSON forms (other fields are ignored):
 *
 * ```
 * (array)  [ { "name": "Aurora MR", "manufacturer_name": "Roberts Space Industries",
 *              "manufacturer_code": "RSI", "lti": true, "warbond": false,
 *              "pledge_name": "Package - Aurora MR", "pledge_date": "March 12, 2019",
 *              "pledge_cost": "$30.00 USD", "unidentified": false, "entity_type": "ship" }, ... ]
 * (object) { "ships": [ { "name": "Aurora MR", "ship_code": "RSI_Aurora_MR", ... }, ... ] }
 * ```
 *
 * Optional per entry: `ship_name` (the owner's name for the hull), `insurance` ("120 months"),
 * `status` (`pledged` or `active`, the default). Entries whose `entity_type` is not `ship`
 * (skins, items, hangar decorations, ...) are skipped.
 */

export const HANGAR_IMPORT_FORMATS = ['auto', 'array', 'object'] as const;
export type HangarImportFormat = (typeof HANGAR_IMPORT_FORMATS)[number];

/** At most this many entries per import (400 beyond). */
export const MAX_HANGAR_ENTRIES = 1000;

export interface HangarEntry {
  /** The entry's position in the export (for messages). */
  index: number;
  name: string;
  manufacturerName: string | null;
  manufacturerCode: string | null;
  shipCode: string | null;
  /** The owner's name for the hull. */
  hullName: string | null;
  insurance: string | null;
  /** YYYY-MM-DD, or null when the export has no readable date. */
  purchasedDate: string | null;
  status: Extract<FleetStatus, 'pledged' | 'active'>;
  pledgeName: string | null;
  isShip: boolean;
}

export type ParsedHangar = { entries: HangarEntry[]; errors: [] } | { entries: []; errors: FieldError[] };

const STRING_LIMITS: Record<string, number> = {
  name: 200,
  manufacturer_name: 200,
  manufacturer_code: 16,
  ship_code: 200,
  ship_name: 100,
  insurance: 32,
  pledge_name: 300,
  pledge_date: 64,
  pledge_cost: 64,
  entity_type: 64,
  status: 16,
};
const BOOLEAN_FIELDS = ['lti', 'warbond', 'unidentified'];

/** Reads a HangarXPLOR export in `format` (`auto`: an array is the array form, an object the object form). */
export function parseHangarExport(data: unknown, format: HangarImportFormat = 'auto'): ParsedHangar {
  const fail = (path: string, message: string): ParsedHangar => ({ entries: [], errors: [{ path, message }] });
  let rows: unknown[];
  let base: string;
  if (Array.isArray(data) && format !== 'object') {
    rows = data;
    base = 'data';
  } else if (isObject(data) && format !== 'array') {
    if (!Array.isArray(data.ships)) return fail('data.ships', 'ships must be an array of hangar entries');
    rows = data.ships;
    base = 'data.ships';
  } else {
    const wanted = {
      auto: 'an array of hangar entries or an object with a ships array',
      array: 'an array of hangar entries',
      object: 'an object with a ships array',
    }[format];
    return fail('data', `data must be ${wanted}`);
  }
  if (rows.length > MAX_HANGAR_ENTRIES) return fail(base, `at most ${MAX_HANGAR_ENTRIES} entries per import`);

  const errors: FieldError[] = [];
  const entries: HangarEntry[] = [];
  rows.forEach((row, index) => {
    const path = `${base}.${index}`;
    if (!isObject(row)) {
      errors.push({ path, message: 'each entry must be an object' });
      return;
    }
    const before = errors.length;
    for (const [field, max] of Object.entries(STRING_LIMITS)) {
      const value = row[field];
      if (value === undefined || value === null) continue;
      if (typeof value !== 'string') errors.push({ path: `${path}.${field}`, message: `${field} must be a string` });
      else if (value.length > max)
        errors.push({ path: `${path}.${field}`, message: `${field} must be at most ${max} characters` });
      else {
        const unsafe = unsafeTextReason(value, 'name');
        if (unsafe) errors.push({ path: `${path}.${field}`, message: `${field} must not contain ${unsafe}` });
      }
    }
    for (const field of BOOLEAN_FIELDS) {
      const value = row[field];
      if (value !== undefined && value !== null && typeof value !== 'boolean')
        errors.push({ path: `${path}.${field}`, message: `${field} must be a boolean` });
    }
    const name = typeof row.name === 'string' ? row.name.trim() : '';
    if (typeof row.name === 'string' && name === '') errors.push({ path: `${path}.name`, message: 'name is required' });
    else if (row.name === undefined || row.name === null)
      errors.push({ path: `${path}.name`, message: 'name is required' });
    const status = row.status;
    if (typeof status === 'string' && !(INITIAL_FLEET_STATUSES as readonly string[]).includes(status))
      errors.push({ path: `${path}.status`, message: `status must be one of ${INITIAL_FLEET_STATUSES.join(', ')}` });
    if (errors.length > before) return;

    const text = (field: string): string | null => {
      const v = row[field];
      return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
    };
    const entityType = text('entity_type');
    entries.push({
      index,
      name,
      manufacturerName: text('manufacturer_name'),
      manufacturerCode: text('manufacturer_code'),
      shipCode: text('ship_code'),
      hullName: text('ship_name'),
      insurance: row.lti === true ? 'LTI' : text('insurance'),
      purchasedDate: parsePledgeDate(text('pledge_date')),
      status: (text('status') as HangarEntry['status'] | null) ?? 'active',
      pledgeName: text('pledge_name'),
      isShip: entityType === null || entityType.toLowerCase() === 'ship',
    });
  });
  return errors.length > 0 ? { entries: [], errors } : { entries, errors: [] };
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/**
 * A pledge date as YYYY-MM-DD: "March 12, 2019", "Mar 12 2019", "12 March 2019" or "2019-03-12";
 * null when absent or unreadable (the hull is imported without a date).
 */
export function parsePledgeDate(text: string | null): string | null {
  if (!text) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (iso) return validDate(+iso[1], +iso[2], +iso[3]);
  const words = text
    .toLowerCase()
    .replace(/[,.]/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== '');
  const month = words.findIndex((w) => w.length >= 3 && MONTHS.some((m) => m.startsWith(w)));
  const numbers = words.filter((w) => /^\d{1,4}(st|nd|rd|th)?$/.test(w)).map((w) => parseInt(w, 10));
  const year = numbers.find((n) => n >= 1000);
  const day = numbers.find((n) => n < 1000);
  if (month < 0 || year === undefined || day === undefined) return null;
  const m = MONTHS.findIndex((name) => name.startsWith(words[month])) + 1;
  return validDate(year, m, day);
}

function validDate(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (year < 2000 || year > 2100 || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

/** A name reduced for matching: lower case, letters and digits only, single spaces. */
export function normaliseShipName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export interface CatalogShipForMatch {
  id: string;
  name: string;
  manufacturerCode: string;
  manufacturerName: string;
}

/**
 * Matches export names to catalog ships: the name as is, or without a manufacturer prefix ("Aegis
 * Avenger Titan", "AEGS Avenger Titan", "Aegis Dynamics Avenger Titan" and the ship code
 * "AEGS_Avenger_Titan" all find "Avenger Titan"), case and punctuation ignored. When two makers
 * have a ship of that name, the entry's own manufacturer decides; still ambiguous: no match.
 */
export class ShipMatcher {
  private readonly byName = new Map<string, CatalogShipForMatch[]>();
  /** Normalised manufacturer prefixes (codes, full names, first words), longest first. */
  private readonly prefixes: string[];

  constructor(ships: readonly CatalogShipForMatch[]) {
    const prefixes = new Set<string>();
    for (const ship of ships) {
      const key = normaliseShipName(ship.name);
      this.byName.set(key, [...(this.byName.get(key) ?? []), ship]);
      for (const p of makerPrefixes(ship.manufacturerName, ship.manufacturerCode)) prefixes.add(p);
    }
    this.prefixes = [...prefixes].sort((a, b) => b.length - a.length);
  }

  match(
    entry: Pick<HangarEntry, 'name' | 'manufacturerName' | 'manufacturerCode' | 'shipCode'>,
  ): CatalogShipForMatch | null {
    const own = makerPrefixes(entry.manufacturerName, entry.manufacturerCode);
    for (const raw of [entry.name, entry.shipCode]) {
      if (!raw) continue;
      for (const { key, prefix } of this.candidates(normaliseShipName(raw))) {
        const found = this.byName.get(key);
        if (!found) continue;
        // One model (a catalog may list it twice, from two imports): the first in catalog order.
        if (oneMaker(found)) return found[0];
        // A maker named by the entry, or by the prefix just dropped, settles it.
        const makers = prefix ? [...own, prefix] : own;
        const mine = found.filter((s) =>
          makerPrefixes(s.manufacturerName, s.manufacturerCode).some((p) => makers.includes(p)),
        );
        if (mine.length > 0 && oneMaker(mine)) return mine[0];
      }
    }
    return null;
  }

  /** The name, then the name without each manufacturer prefix it starts with (and that prefix). */
  private candidates(name: string): { key: string; prefix: string | null }[] {
    const out: { key: string; prefix: string | null }[] = [{ key: name, prefix: null }];
    for (const prefix of this.prefixes) {
      if (name.startsWith(`${prefix} `)) out.push({ key: name.slice(prefix.length + 1), prefix });
    }
    return out;
  }
}

/** Whether every ship of the list has the same manufacturer (so they are one model). */
function oneMaker(ships: readonly CatalogShipForMatch[]): boolean {
  const maker = (s: CatalogShipForMatch) => s.manufacturerCode ?? s.manufacturerName;
  return ships.every((s) => maker(s) === maker(ships[0]));
}

function makerPrefixes(name: string | null, code: string | null): string[] {
  const out: string[] = [];
  if (code) out.push(normaliseShipName(code));
  if (name) {
    const full = normaliseShipName(name);
    out.push(full);
    const first = full.split(' ')[0];
    if (first.length >= 3) out.push(first);
  }
  return out.filter((p) => p !== '');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
