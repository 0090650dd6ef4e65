/** The catalog's closed vocabularies, shared by entities, DTOs, the importer and the fleet filters. */
export const SHIP_SIZES = ['vehicle', 'snub', 'small', 'medium', 'large', 'capital'] as const;
export type ShipSize = (typeof SHIP_SIZES)[number];

export const PRODUCTION_STATUSES = ['flight_ready', 'in_production', 'concept'] as const;
export type ProductionStatus = (typeof PRODUCTION_STATUSES)[number];

export const COMPONENT_TYPES = [
  'weapon',
  'shield',
  'power_plant',
  'cooler',
  'quantum_drive',
  'fuel_tank',
  'cargo_hold',
  'misc',
] as const;
export type ComponentType = (typeof COMPONENT_TYPES)[number];
