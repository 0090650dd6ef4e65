import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../../platform/audit/audit.service';
import { keysetPage, Page } from '../../../platform/http/pagination';
import { Problem } from '../../../platform/http/problem';
import { Contact } from './contact.entity';
import { ContactsRepository, LinkRow } from './contacts.repository';
import {
  ContactDto,
  ContactLinkInputDto,
  CreateContactDto,
  ListContactsQueryDto,
  UpdateContactDto,
} from './dto/contact.dto';

function toContactDto(c: Contact, links: LinkRow[]): ContactDto {
  return {
    id: c.id,
    firstName: c.firstName,
    lastName: c.lastName,
    email: c.email,
    mainPhone: c.mainPhone,
    directPhone: c.directPhone,
    cellPhone: c.cellPhone,
    company: c.company,
    title: c.title,
    type: c.type,
    notes: c.notes,
    links: links
      .filter((l) => l.contactId === c.id)
      .map(({ partyId, role, partyKind, partyName }) => ({ partyId, role, partyKind, partyName })),
  };
}

/** Contacts: people at the org's parties, linked to any of them with a role. */
@Injectable()
export class ContactsService {
  constructor(
    private readonly contacts: ContactsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(orgId: string, q: ListContactsQueryDto): Promise<Page<ContactDto>> {
    const rows = await this.contacts.page(orgId, { search: q.search, partyId: q.partyId, type: q.type }, q);
    const links = await this.contacts.links(
      orgId,
      rows.map((c) => c.id),
    );
    return keysetPage(
      rows,
      q.limit,
      (c) => [c.nameKey, c.id],
      (c) => toContactDto(c, links),
    );
  }

  async get(orgId: string, id: string): Promise<ContactDto> {
    const contact = await this.contacts.load(orgId, id);
    return toContactDto(contact, await this.contacts.links(orgId, [id]));
  }

  create(orgId: string, dto: CreateContactDto): Promise<ContactDto> {
    return this.write(orgId, dto, async (tx) => tx.create(Contact, { orgId, lastName: '', notes: '' }));
  }

  update(orgId: string, id: string, dto: UpdateContactDto): Promise<ContactDto> {
    return this.write(orgId, dto, (tx) => this.contacts.load(orgId, id, tx, true));
  }

  async remove(orgId: string, id: string): Promise<void> {
    await this.contacts.transaction(async (tx) => {
      const contact = await this.contacts.load(orgId, id, tx, true);
      await this.contacts.delete(tx, contact);
      await this.audit.recordInTransaction(tx);
    });
  }

  /** Saves the contact's fields and (when given) its links, with its audit entry. */
  private write(
    orgId: string,
    dto: UpdateContactDto,
    target: (tx: EntityManager) => Promise<Contact>,
  ): Promise<ContactDto> {
    const { links, ...fields } = dto;
    if (links) assertDistinctParties(links);
    return this.contacts.transaction(async (tx) => {
      const contact = await target(tx);
      for (const [field, value] of Object.entries(fields))
        if (value !== undefined) (contact as unknown as Record<string, unknown>)[field] = value;
      const saved = await this.contacts.save(tx, contact);
      if (links) await this.replaceLinks(tx, saved, links);
      const answer = toContactDto(saved, await this.contacts.links(orgId, [saved.id], tx));
      await this.audit.recordInTransaction(tx, answer);
      return answer;
    });
  }

  /** Links only to the org's parties: another org's party id is a 404 like a missing one. */
  private async replaceLinks(tx: EntityManager, contact: Contact, links: ContactLinkInputDto[]) {
    const known = await this.contacts.partiesOf(
      tx,
      contact.orgId,
      links.map((l) => l.partyId),
    );
    if (links.some((l) => !known.has(l.partyId))) throw Problem.notFound('Party');
    await this.contacts.replaceLinks(
      tx,
      contact,
      links.map((l) => ({ partyId: l.partyId, role: l.role })),
    );
  }
}

/** One role per party: the same party twice is a 400 at the second one. */
function assertDistinctParties(links: ContactLinkInputDto[]): void {
  const seen = new Set<string>();
  const errors = links.flatMap((link, i) => {
    const repeated = seen.has(link.partyId);
    seen.add(link.partyId);
    return repeated ? [{ path: `links.${i}.partyId`, message: 'the party is linked twice' }] : [];
  });
  if (errors.length) throw Problem.validation(errors);
}
