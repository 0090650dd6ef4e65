import { rescale, fromUnits, toUnits } from '../../../../platform/domain/decimal';
import type { FieldError } from '../../../../platform/http/problem';
import { COMPONENT_TYPES, type ComponentType, type ProductionStatus, type ShipSize, SHIP_SIZES } from './ship-kinds';

/**
 * The ship catalog import: a FleetYards-style export (the `/v1/models` JSON of fleetyards.net, or
 * any list shaped like it) parsed into rows the catalog upserts by `externalId`.
 *
 * The accepted JSON (read by `npm run starcorp:import-ships -- --file`; other fields are ignored;
 * a sample is test/starcorp-people/fixtures/fleetyards-ships.json):
 *
 * ```
 * [ or { "models": [ or { "data": [
 *   {
 *     "id": "fy-0001",                 // or "externalId" or "slug": the stable key (required)
 *     "name": "Avenger Titan",         // required
 *     "manufacturer": { "code": "AEGS", "name": "Aegis Dynamics", "logo": "https://..." }, // code+name required
 *     "size": "small",                 // vehicle|snub|small|medium|large|capital ("extra_large" = capital)
 *     "productionStatus": "flight-ready", // flight-ready|in-production|in-concept (dashes or underscores)
 *     "classification": "combat",      // or "type"
 *     "focus": "Light Fighter", "role": "...", "career": "...",
 *     "metrics": { "length": 22.5, "beam": 16.5, "height": 5.5, "mass": 49442, "cargo": 8 }, // or flat
 *     "crew": { "min": 1, "max": 1 },  // or "minCrew"/"maxCrew"
 *     "pledgePrice": 60,               // USD, number or decimal string ("price" also read)
 *     "storeImage": "https://...",     // or "imageUrl", or { "source": "https://..." }
 *     "storeUrl": "https://...",       // or "links": { "storeUrl": "..." }
 *     "hardpoints": [                  // or "components"
 *       { "type": "weapon", "name": "CF-227 Badger Repeater", "size": "3", "quantity": 2,
 *         "mount": "Nose", "manufacturer": "Klaus & Werner" }
 *     ]
 *   }
 * ] } }
 * ```
 *
 * Decimals keep two places (rounded half away from zero), exact: numbers are read through their
 * decimal text, never float arithmetic. Unknown component types become `misc`.
 */

export interface ImportedComponent {
  type: ComponentType;
  name: string;
  size: string | null;
  quantity: number;
  mountName: string | null;
  manufacturer: string | null;
}

export interface ImportedShip {
  externalId: string;
  name: string;
  manufacturer: { code: string; name: string; logoUrl: string | null };
  type: string | null;
  role: string | null;
  career: string | null;
  focus: string | null;
  size: ShipSize;
  length: string | null;
  beam: string | null;
  height: string | null;
  mass: string | null;
  minCrew: number | null;
  maxCrew: number | null;
  cargoScu: number | null;
  productionStatus: ProductionStatus;
  pledgePrice: string | null;
  imageUrl: string | null;
  storeUrl: string | null;
  components: ImportedComponent[];
}

export interface ParsedExport {
  ships: ImportedShip[];
  /** Paths like `models.3.size`; an export with errors imports nothing. */
  errors: FieldError[];
}

type Json = Record<string, unknown>;

const PRODUCTION: Record<string, ProductionStatus> = {
  flight_ready: 'flight_ready',
  in_production: 'in_production',
  in_concept: 'concept',
  concept: 'concept',
};

const COMPONENT_ALIASES: Record<string, ComponentType> = {
  weapons: 'weapon',
  gun: 'weapon',
  guns: 'weapon',
  turret: 'weapon',
  missiles: 'weapon',
  shields: 'shield',
  shield_generator: 'shield',
  power_plants: 'power_plant',
  powerplant: 'power_plant',
  coolers: 'cooler',
  quantum_drives: 'quantum_drive',
  quantumdrive: 'quantum_drive',
  fuel_tanks: 'fuel_tank',
  quantum_fuel_tank: 'fuel_tank',
  hydrogen_fuel_tank: 'fuel_tank',
  cargo: 'cargo_hold',
  cargo_grid: 'cargo_hold',
};

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const snake = (v: string) =>
  v
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** The list of models at the export's top level, or null. */
function modelsOf(json: unknown): unknown[] | null {
  if (Array.isArray(json)) return json;
  if (isObject(json)) {
    if (Array.isArray(json.models)) return json.models;
    if (Array.isArray(json.data)) return json.data;
  }
  return null;
}

export function parseShipExport(json: unknown): ParsedExport {
  const models = modelsOf(json);
  if (!models)
    return { ships: [], errors: [{ path: 'models', message: 'expected an array of models, or { models: [...] }' }] };
  const ships: ImportedShip[] = [];
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  models.forEach((model, i) => {
    const reader = new ModelReader(`models.${i}`, errors);
    const ship = reader.ship(model);
    if (!ship) return;
    if (seen.has(ship.externalId)) errors.push({ path: `models.${i}.id`, message: `duplicate id ${ship.externalId}` });
    seen.add(ship.externalId);
    ships.push(ship);
  });
  return { ships, errors };
}

/** Reads one model, pushing an error per bad field; `ship` returns null when any field was bad. */
class ModelReader {
  private failed = false;

  constructor(
    private readonly base: string,
    private readonly errors: FieldError[],
  ) {}

  ship(model: unknown): ImportedShip | null {
    if (!isObject(model)) return this.fail('', 'must be an object');
    const metrics = isObject(model.metrics) ? model.metrics : model;
    const crew = isObject(model.crew) ? model.crew : {};
    const links = isObject(model.links) ? model.links : {};
    const ship: ImportedShip = {
      externalId: this.text(model.id ?? model.externalId ?? model.slug, 'id', 100, true)!,
      name: this.text(model.name, 'name', 200, true)!,
      manufacturer: this.manufacturer(model.manufacturer),
      type: this.text(model.classification ?? model.type, 'type', 100),
      role: this.text(model.role, 'role', 100),
      career: this.text(model.career, 'career', 100),
      focus: this.text(model.focus, 'focus', 200),
      size: this.size(model.size),
      length: this.decimal(metrics.length, 'length', 8),
      beam: this.decimal(metrics.beam, 'beam', 8),
      height: this.decimal(metrics.height, 'height', 8),
      mass: this.decimal(metrics.mass, 'mass', 13),
      minCrew: this.count(crew.min ?? model.minCrew, 'minCrew'),
      maxCrew: this.count(crew.max ?? model.maxCrew, 'maxCrew'),
      cargoScu: this.count(metrics.cargo ?? model.cargoScu, 'cargo'),
      productionStatus: this.production(model.productionStatus),
      pledgePrice: this.decimal(model.pledgePrice ?? model.price, 'pledgePrice', 8),
      imageUrl: this.url(model.storeImage ?? model.imageUrl, 'storeImage'),
      storeUrl: this.url(model.storeUrl ?? links.storeUrl, 'storeUrl'),
      components: this.components(model.hardpoints ?? model.components),
    };
    if (ship.minCrew !== null && ship.maxCrew !== null && ship.minCrew > ship.maxCrew) {
      this.fail('crew', 'min crew exceeds max crew');
    }
    return this.failed ? null : ship;
  }

  private fail(field: string, message: string): null {
    this.failed = true;
    this.errors.push({ path: field ? `${this.base}.${field}` : this.base, message });
    return null;
  }

  private text(value: unknown, field: string, max: number, required = false): string | null {
    if (value === undefined || value === null || value === '') return required ? this.fail(field, 'is required') : null;
    if (typeof value !== 'string' && typeof value !== 'number') return this.fail(field, 'must be a string');
    const text = String(value).trim();
    if (text.length > max) return this.fail(field, `must be at most ${max} characters`);
    return text || (required ? this.fail(field, 'is required') : null);
  }

  private manufacturer(value: unknown): ImportedShip['manufacturer'] {
    if (!isObject(value)) {
      this.fail('manufacturer', 'must be an object with code and name');
      return { code: '', name: '', logoUrl: null };
    }
    return {
      code: (this.text(value.code, 'manufacturer.code', 10, true) ?? '').toUpperCase(),
      name: this.text(value.name, 'manufacturer.name', 100, true) ?? '',
      logoUrl: this.url(value.logo ?? value.logoUrl, 'manufacturer.logo'),
    };
  }

  private size(value: unknown): ShipSize {
    const size = typeof value === 'string' ? snake(value) : '';
    if (size === 'extra_large') return 'capital';
    if ((SHIP_SIZES as readonly string[]).includes(size)) return size as ShipSize;
    this.fail('size', `must be one of ${SHIP_SIZES.join(', ')}`);
    return 'small';
  }

  private production(value: unknown): ProductionStatus {
    const status = typeof value === 'string' ? PRODUCTION[snake(value)] : undefined;
    if (status) return status;
    this.fail('productionStatus', 'must be flight-ready, in-production or in-concept');
    return 'concept';
  }

  /** A non-negative decimal with at most `integerDigits` before the point, kept at two places. */
  private decimal(value: unknown, field: string, integerDigits: number): string | null {
    if (value === undefined || value === null || value === '') return null;
    const text = typeof value === 'number' && Number.isFinite(value) ? numberText(value) : value;
    if (typeof text !== 'string' || !/^\d+(\.\d+)?$/.test(text.trim())) {
      return this.fail(field, 'must be a non-negative number');
    }
    const places = text.split('.')[1]?.length ?? 0;
    const units = rescale(toUnits(text, places), places, 2);
    if (units >= 10n ** BigInt(integerDigits + 2))
      return this.fail(field, `must have at most ${integerDigits} digits before the point`);
    return fromUnits(units, 2);
  }

  private count(value: unknown, field: string): number | null {
    if (value === undefined || value === null || value === '') return null;
    const n = typeof value === 'string' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n > 1_000_000_000) {
      return this.fail(field, 'must be a non-negative number');
    }
    // FleetYards gives cargo as a decimal now and then; SCU are counted whole.
    return Math.round(n);
  }

  private url(value: unknown, field: string): string | null {
    const raw = isObject(value) ? (value.source ?? value.url) : value;
    if (raw === undefined || raw === null || raw === '') return null;
    if (typeof raw !== 'string' || !/^https?:\/\/\S+$/.test(raw) || raw.length > 500) {
      return this.fail(field, 'must be an http(s) URL of at most 500 characters');
    }
    return raw;
  }

  private components(value: unknown): ImportedComponent[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.fail('hardpoints', 'must be an array');
      return [];
    }
    return value.flatMap((item, i): ImportedComponent[] => {
      const field = `hardpoints.${i}`;
      if (!isObject(item)) return this.fail(field, 'must be an object') ?? [];
      const type = snake(String(item.type ?? item.category ?? 'misc'));
      const maker = isObject(item.manufacturer) ? item.manufacturer.name : item.manufacturer;
      const quantity = this.count(item.quantity ?? 1, `${field}.quantity`) ?? 1;
      return [
        {
          type: (COMPONENT_TYPES as readonly string[]).includes(type)
            ? (type as ComponentType)
            : (COMPONENT_ALIASES[type] ?? 'misc'),
          name: this.text(item.name, `${field}.name`, 200, true) ?? '',
          size: this.text(item.size, `${field}.size`, 10),
          quantity: Math.max(1, quantity),
          mountName: this.text(item.mount ?? item.mountName, `${field}.mount`, 200),
          manufacturer: this.text(maker, `${field}.manufacturer`, 100),
        },
      ];
    });
  }
}

/** A JSON number's decimal text without exponent (49442 → "49442", 1e-7 → "0.0000001"). */
function numberText(n: number): string {
  const text = String(n);
  if (!/e/i.test(text)) return text;
  return n.toFixed(20).replace(/\.?0+$/, '');
}
