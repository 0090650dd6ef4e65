import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../../platform/audit/audit.service';
import { DomainEvents } from '../../../platform/events/domain-events';
import { keysetPage, Page } from '../../../platform/http/pagination';
import { Problem } from '../../../platform/http/problem';
import { SettingsService } from '../settings/settings.service';
import { ListPartiesQueryDto, ListTradingPartiesQueryDto, PartyBaseDto } from './dto/party.dto';
import { PartiesRepository } from './parties.repository';
import { Party, PartyKind } from './party.entity';
import { insuranceExpired, PARTY_KINDS_SPEC, PartyKindSpec } from './party-kinds';

/** The parties and contact an order may name (absent or null: not named, or not changed). */
export interface OrderReferences {
  customerId?: string | null;
  supplierId?: string | null;
  plantId?: string | null;
  carrierId?: string | null;
  contactId?: string | null;
}

type PartyInput = Record<string, unknown>;
type PartyQuery = ListPartiesQueryDto &
  Partial<Pick<ListTradingPartiesQueryDto, 'protein' | 'plantId'>> & { type?: string };
type PartyEvent = 'created' | 'updated' | 'archived' | 'deleted';

/** What answers need beside the party rows: protein names by id, suppliers' quality ratings. */
interface PartyLookups {
  proteinNames: ReadonlyMap<string, string>;
  ratings: ReadonlyMap<string, string>;
}

/** The answer for a party: the common fields, the kind's columns, then its own fields. */
function toPartyDto(party: Party, spec: PartyKindSpec, lookups: PartyLookups): PartyBaseDto {
  const dto: Record<string, unknown> = {
    id: party.id,
    name: party.name,
    code: party.code,
    email: party.email,
    phone: party.phone,
    address: party.address,
    notes: party.notes,
    archivedAt: party.archivedAt?.toISOString() ?? null,
    createdAt: party.createdAt.toISOString(),
    updatedAt: party.updatedAt.toISOString(),
  };
  for (const field of spec.columns) {
    if (field === 'proteins') dto.proteins = party.proteinIds.flatMap((id) => lookups.proteinNames.get(id) ?? []);
    else if (field === 'creditLimit')
      dto.creditLimit =
        party.creditLimit === null ? null : { amount: party.creditLimit, currency: party.creditCurrency };
    else dto[field] = party[field];
  }
  for (const [field, unset] of Object.entries(spec.details)) dto[field] = party.details[field] ?? unset;
  if (party.kind === 'carrier') dto.insuranceExpired = insuranceExpired(dto.insurance as never, new Date());
  if (party.kind === 'supplier') dto.qualityRating = lookups.ratings.get(party.id) ?? null;
  return dto as unknown as PartyBaseDto;
}

/**
 * Suppliers, customers, plants and carriers: one set of rules for the four kinds (see
 * `PARTY_KINDS_SPEC`). Each change commits with its audit entry and its event
 * (`brokerage.<kind>.created|updated|archived|deleted`, the party as payload, for accounting sync).
 */
@Injectable()
export class PartiesService {
  constructor(
    private readonly parties: PartiesRepository,
    private readonly settings: SettingsService,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
  ) {}

  async list<T extends PartyBaseDto>(orgId: string, kind: PartyKind, q: PartyQuery): Promise<Page<T>> {
    const proteinId = q.protein
      ? (await this.settings.proteinIds(orgId, [q.protein], 'protein', { single: true }))[0]
      : undefined;
    const rows = await this.parties.page(
      orgId,
      kind,
      { search: q.search, includeArchived: q.includeArchived, proteinId, plantId: q.plantId, type: q.type },
      q,
    );
    const lookups = await this.lookups(orgId, rows.slice(0, q.limit));
    return keysetPage(
      rows,
      q.limit,
      (p) => [p.nameKey, p.id],
      (p) => toPartyDto(p, PARTY_KINDS_SPEC[kind], lookups) as T,
    );
  }

  async get<T extends PartyBaseDto>(orgId: string, kind: PartyKind, id: string): Promise<T> {
    const spec = PARTY_KINDS_SPEC[kind];
    const party = await this.parties.load(orgId, kind, id, spec.title);
    return toPartyDto(party, spec, await this.lookups(orgId, [party])) as T;
  }

  /** The party entity of that kind (404 when it is not the org's), locked for a change. */
  private lock(tx: EntityManager, orgId: string, kind: PartyKind, id: string): Promise<Party> {
    return this.parties.load(orgId, kind, id, PARTY_KINDS_SPEC[kind].title, tx, 'update');
  }

  /**
   * A party an order refers to, share-locked in the order's transaction so it cannot be archived
   * meanwhile: 404 when it is not the org's, 409 `party-archived` (naming `field`) when archived.
   */
  async forOrder(tx: EntityManager, orgId: string, kind: PartyKind, id: string, field: string): Promise<Party> {
    const party = await this.parties.load(orgId, kind, id, PARTY_KINDS_SPEC[kind].title, tx, 'share');
    if (party.archivedAt)
      throw Problem.conflict(`The ${PARTY_KINDS_SPEC[kind].label} is archived`, 'party-archived', { field });
    return party;
  }

  /**
   * The parties and contact an order (purchase or sales) names, checked in its transaction: the
   * customer, supplier, plant and carrier share-locked in that order (one fixed order, so orders
   * never lock them crosswise), each the org's (404) and active (409 `party-archived`); the carrier
   * insured today (409 `insurance-expired`); the contact the org's (404).
   */
  async checkOrderReferences(tx: EntityManager, orgId: string, refs: OrderReferences): Promise<void> {
    if (refs.customerId) await this.forOrder(tx, orgId, 'customer', refs.customerId, 'customerId');
    if (refs.supplierId) await this.forOrder(tx, orgId, 'supplier', refs.supplierId, 'supplierId');
    if (refs.plantId) await this.forOrder(tx, orgId, 'plant', refs.plantId, 'plantId');
    if (refs.carrierId) {
      const carrier = await this.forOrder(tx, orgId, 'carrier', refs.carrierId, 'carrierId');
      const insurance = carrier.details.insurance as { expiresAt?: string } | null | undefined;
      if (insuranceExpired(insurance, new Date()))
        throw Problem.conflict(
          insurance?.expiresAt
            ? `The carrier's insurance expired on ${insurance.expiresAt}`
            : 'The carrier has no insurance on file',
          'insurance-expired',
          { carrierId: carrier.id, expiresAt: insurance?.expiresAt ?? null },
        );
    }
    if (refs.contactId) await this.assertContact(tx, orgId, refs.contactId);
  }

  async create<T extends PartyBaseDto>(orgId: string, kind: PartyKind, input: PartyInput): Promise<T> {
    const settings = await this.settings.load(orgId);
    return this.change(orgId, kind, 'created', async (tx) => {
      const party = tx.create(Party, { orgId, kind, details: {}, proteinIds: [], notes: '' });
      await this.apply(tx, party, input, settings.currency);
      return party;
    });
  }

  async update<T extends PartyBaseDto>(orgId: string, kind: PartyKind, id: string, input: PartyInput): Promise<T> {
    const settings = await this.settings.load(orgId);
    return this.change(orgId, kind, 'updated', async (tx) => {
      const party = await this.lock(tx, orgId, kind, id);
      await this.apply(tx, party, input, settings.currency);
      return party;
    });
  }

  /** Archives a party: it stays for the orders and history that name it, off lists and new orders. */
  async archive<T extends PartyBaseDto>(orgId: string, kind: PartyKind, id: string): Promise<T> {
    return this.change(orgId, kind, 'archived', async (tx) => {
      const party = await this.lock(tx, orgId, kind, id);
      party.archivedAt ??= new Date();
      return party;
    });
  }

  /** Deletes a party nothing refers to; one in use is a 409 `in-use` (archive it instead). */
  async remove(orgId: string, kind: PartyKind, id: string): Promise<void> {
    const spec = PARTY_KINDS_SPEC[kind];
    await this.parties.transaction(async (tx) => {
      const party = await this.lock(tx, orgId, kind, id);
      const dto = toPartyDto(party, spec, await this.lookups(orgId, [party], tx));
      await this.parties.delete(tx, party, spec.label);
      await this.announce(tx, party, 'deleted', dto);
    });
  }

  /** Runs one change of a party in a transaction: saved, announced and audited together. */
  private async change<T extends PartyBaseDto>(
    orgId: string,
    kind: PartyKind,
    event: PartyEvent,
    work: (tx: EntityManager) => Promise<Party>,
  ): Promise<T> {
    const spec = PARTY_KINDS_SPEC[kind];
    return this.parties.transaction(async (tx) => {
      const saved = await this.parties.save(tx, await work(tx), spec.label);
      const dto = toPartyDto(saved, spec, await this.lookups(orgId, [saved], tx));
      await this.announce(tx, saved, event, dto);
      return dto as T;
    });
  }

  private async announce(tx: EntityManager, party: Party, event: PartyEvent, dto: PartyBaseDto): Promise<void> {
    await this.events.record(tx, {
      orgId: party.orgId,
      type: `brokerage.${PARTY_KINDS_SPEC[party.kind].label}.${event}`,
      subjectId: party.id,
      payload: { ...dto },
    });
    await this.audit.recordInTransaction(tx, dto);
  }

  /** Copies the given fields onto the party, checking what they refer to. */
  private async apply(tx: EntityManager, party: Party, input: PartyInput, orgCurrency: string): Promise<void> {
    const spec = PARTY_KINDS_SPEC[party.kind];
    for (const [field, value] of Object.entries(input)) {
      if (value === undefined) continue;
      if (field in spec.details) party.details = { ...party.details, [field]: value };
      else if (field === 'proteins')
        party.proteinIds = await this.settings.proteinIds(party.orgId, value as string[], 'proteins', { tx });
      else if (field === 'creditLimit')
        this.applyCreditLimit(party, value as { amount: string; currency: string } | null, orgCurrency);
      else if (field === 'plantId') party.plantId = await this.plantRef(tx, party, value as string | null);
      else if (field === 'apContactId')
        party.apContactId = await this.contactRef(tx, party.orgId, value as string | null);
      else (party as unknown as Record<string, unknown>)[field] = value;
    }
  }

  /** Credit limits are in the org's currency: receivables and orders are compared with them. */
  private applyCreditLimit(party: Party, limit: { amount: string; currency: string } | null, orgCurrency: string) {
    if (limit && limit.currency !== orgCurrency)
      throw Problem.validation([
        { path: 'creditLimit.currency', message: `creditLimit.currency must be ${orgCurrency}, the org's currency` },
      ]);
    party.creditLimit = limit?.amount ?? null;
    party.creditCurrency = limit?.currency ?? null;
  }

  /** An active plant of the org (404 when it is not the org's). */
  private async plantRef(tx: EntityManager, party: Party, plantId: string | null): Promise<string | null> {
    if (plantId === null) return null;
    const plant = await this.parties.load(party.orgId, 'plant', plantId, 'Plant', tx);
    if (plant.archivedAt) throw Problem.validation([{ path: 'plantId', message: 'plantId names an archived plant' }]);
    return plant.id;
  }

  private async contactRef(tx: EntityManager, orgId: string, contactId: string | null): Promise<string | null> {
    if (contactId !== null) await this.assertContact(tx, orgId, contactId);
    return contactId;
  }

  /** 404 unless the org has that contact. */
  async assertContact(tx: EntityManager, orgId: string, contactId: string): Promise<void> {
    if (!(await this.parties.hasContact(tx, orgId, contactId))) throw Problem.notFound('Contact');
  }

  private async lookups(orgId: string, parties: Party[], tx?: EntityManager): Promise<PartyLookups> {
    const suppliers = parties.filter((p) => p.kind === 'supplier').map((p) => p.id);
    return {
      proteinNames: new Map((await this.settings.proteins(orgId, tx)).map((p) => [p.id, p.name])),
      ratings: await this.parties.qualityRatings(orgId, suppliers, tx),
    };
  }
}
