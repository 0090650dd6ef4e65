import type { PartyKind } from './party.entity';

/** The column fields a party kind has beyond name, code, email, phone, address and notes. */
export type PartyColumnField = 'plantId' | 'proteins' | 'terms' | 'creditLimit' | 'apContactId';

export interface PartyKindSpec {
  /** The kind's name in messages and event types (`brokerage.<label>.created`). */
  label: string;
  /** Its title-case name, for 404s. */
  title: string;
  columns: readonly PartyColumnField[];
  /** Its own fields (kept in `details`) with the value a response shows when unset. */
  details: Readonly<Record<string, unknown>>;
}

const TRADING: readonly PartyColumnField[] = ['plantId', 'proteins', 'terms', 'creditLimit'];

/** What each kind of party has, in one table that the mapper and the service read. */
export const PARTY_KINDS_SPEC: Readonly<Record<PartyKind, PartyKindSpec>> = {
  supplier: {
    label: 'supplier',
    title: 'Supplier',
    columns: TRADING,
    details: { certificates: [], capabilities: {} },
  },
  customer: {
    label: 'customer',
    title: 'Customer',
    columns: [...TRADING, 'apContactId'],
    details: { industry: null, willPickUp: false },
  },
  plant: {
    label: 'plant',
    title: 'Plant',
    columns: [],
    details: { type: 'other', usdaEstablishmentNumber: null, capacity: null },
  },
  carrier: {
    label: 'carrier',
    title: 'Carrier',
    columns: ['terms'],
    details: { type: 'truck', mcNumber: null, dotNumber: null, insurance: null, departments: [] },
  },
};

/** Whether a carrier's insurance is missing or has expired at `now` (it then cannot go on new orders). */
export function insuranceExpired(insurance: { expiresAt?: string } | null | undefined, now: Date): boolean {
  return !insurance?.expiresAt || Date.parse(insurance.expiresAt) <= now.getTime();
}
