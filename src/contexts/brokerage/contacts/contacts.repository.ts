import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { containsPattern } from '../../../platform/database/like-pattern';
import { findInOrg } from '../../../platform/database/org-scoped';
import { keysetBy } from '../../../platform/http/keyset';
import { BrokerageRepository } from '../common/brokerage-repository';
import { Party, PartyKind } from '../parties/party.entity';
import { ContactLink } from './contact-link.entity';
import { Contact } from './contact.entity';

export interface ContactFilter {
  search?: string;
  partyId?: string;
  type?: string;
}

/** A link with the party it names. */
export interface LinkRow {
  contactId: string;
  partyId: string;
  role: string;
  partyKind: PartyKind;
  partyName: string;
}

/** The SQL of contacts and their links to parties. */
@Injectable()
export class ContactsRepository extends BrokerageRepository {
  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }

  /** One keyset page by name, then id, plus one row. */
  page(orgId: string, filter: ContactFilter, page: { limit: number; cursor?: string }): Promise<Contact[]> {
    const qb = this.db.getRepository(Contact).createQueryBuilder('c').where('c.org_id = :orgId', { orgId });
    if (filter.search) qb.andWhere('c.name_key LIKE :search', { search: containsPattern(filter.search.toLowerCase()) });
    if (filter.type) qb.andWhere('c.type = :type', { type: filter.type });
    if (filter.partyId)
      qb.andWhere(
        `EXISTS (SELECT 1 FROM brokerage_contact_links l
                  WHERE l.org_id = c.org_id AND l.contact_id = c.id AND l.party_id = :partyId)`,
        { partyId: filter.partyId },
      );
    return keysetBy(
      qb,
      [
        ['c.name_key', 'text'],
        ['c.id', 'uuid'],
      ],
      page,
    ).getMany();
  }

  load(orgId: string, id: string, tx?: EntityManager, lock = false): Promise<Contact> {
    return findInOrg(this.managerOf(tx), Contact, orgId, id, 'Contact', { lock });
  }

  save(tx: EntityManager, contact: Contact): Promise<Contact> {
    return tx.save(Contact, contact);
  }

  delete(tx: EntityManager, contact: Contact): Promise<unknown> {
    return tx.delete(Contact, { id: contact.id, orgId: contact.orgId });
  }

  /** The links of these contacts, with their parties' kind and name. */
  async links(orgId: string, contactIds: string[], tx?: EntityManager): Promise<LinkRow[]> {
    if (!contactIds.length) return [];
    return this.managerOf(tx)
      .createQueryBuilder(ContactLink, 'l')
      .innerJoin(Party, 'p', 'p.id = l.party_id AND p.org_id = l.org_id')
      .select(['l.contact_id AS "contactId"', 'l.party_id AS "partyId"', 'l.role AS "role"'])
      .addSelect(['p.kind AS "partyKind"', 'p.name AS "partyName"'])
      .where('l.org_id = :orgId AND l.contact_id IN (:...contactIds)', { orgId, contactIds })
      .orderBy('p.name_key', 'ASC')
      .getRawMany<LinkRow>();
  }

  /** The ids among `partyIds` that are the org's parties. */
  async partiesOf(tx: EntityManager, orgId: string, partyIds: string[]): Promise<Set<string>> {
    if (!partyIds.length) return new Set();
    const rows = await tx.find(Party, { where: { orgId, id: In(partyIds) }, select: { id: true } });
    return new Set(rows.map((p) => p.id));
  }

  /** Replaces a contact's links. */
  async replaceLinks(tx: EntityManager, contact: Contact, links: { partyId: string; role: string }[]) {
    await tx.delete(ContactLink, { orgId: contact.orgId, contactId: contact.id });
    if (links.length)
      await tx.insert(
        ContactLink,
        links.map((link) => ({ orgId: contact.orgId, contactId: contact.id, ...link })),
      );
  }
}
