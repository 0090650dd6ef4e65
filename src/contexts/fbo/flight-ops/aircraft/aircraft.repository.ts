import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { deleteUnlessReferenced, findInOrg } from '../../../../platform/database/org-scoped';
import { keysetBy } from '../../../../platform/http/keyset';
import { saveNamingField, uniqueConflict } from '../../../../platform/database/unique-conflict';
import { containsPattern } from '../../../../platform/database/like-pattern';
import { FlightOpsRepository } from '../common/flight-ops-repository';
import { Aircraft } from './aircraft.entity';

/** The SQL of `fbo_aircraft`. */
@Injectable()
export class AircraftRepository extends FlightOpsRepository {
  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }

  load(orgId: string, id: string, options: { tx?: EntityManager; lock?: boolean } = {}): Promise<Aircraft> {
    return findInOrg(this.managerOf(options.tx), Aircraft, orgId, id, 'Aircraft', options);
  }

  /** By tail number, `limit + 1` rows after the cursor's tail. */
  page(orgId: string, search: string | undefined, page: { limit: number; cursor?: string }): Promise<Aircraft[]> {
    const qb = this.db.manager.createQueryBuilder(Aircraft, 'a').where('a.org_id = :orgId', { orgId });
    if (search) qb.andWhere('a.tail_number ILIKE :search', { search: containsPattern(search.toUpperCase()) });
    return keysetBy(qb, [['a.tail_number', 'text']], page).getMany();
  }

  save(tx: EntityManager, row: Aircraft): Promise<Aircraft> {
    return saveNamingField(tx, Aircraft, row, {
      detail: `An aircraft ${row.tailNumber} exists`,
      slug: 'fbo-tail-number-taken',
      field: 'tailNumber',
    });
  }

  /**
   * Inserts many aircraft in one statement (imports, the demo); a taken tail is the same 409 as
   * `save`. Answers the rows in the order given.
   */
  async insertMany(tx: EntityManager, rows: Aircraft[]): Promise<Aircraft[]> {
    if (!rows.length) return [];
    await uniqueConflict(() => tx.insert(Aircraft, rows), {
      detail: 'An aircraft with one of these tail numbers exists',
      slug: 'fbo-tail-number-taken',
      field: 'tailNumber',
    });
    const byTail = new Map(
      (await tx.find(Aircraft, { where: { orgId: rows[0].orgId, tailNumber: In(rows.map((r) => r.tailNumber)) } })).map(
        (a) => [a.tailNumber, a],
      ),
    );
    return rows.map((r) => byTail.get(r.tailNumber)!);
  }

  /** Deletes the aircraft unless a flight names it (409). */
  remove(tx: EntityManager, orgId: string, id: string): Promise<void> {
    return deleteUnlessReferenced(
      tx,
      Aircraft,
      { orgId, id },
      {
        detail: 'The aircraft has flights; it cannot be deleted',
        slug: 'fbo-aircraft-has-flights',
      },
    );
  }
}
