import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import type { User } from '../../auth/users/user.entity';
import { PG_UNIQUE_VIOLATION, pgCode } from '../../database/pg-errors';
import { withTransaction } from '../../database/transactions';
import { decodeCursor, keysetPage, Page } from '../../http/pagination';
import { Problem } from '../../http/problem';
import { AVAILABLE_CONTEXTS } from '../available-contexts';
import { CreateOrgDto, ListAllOrgsQueryDto, MyOrgDto, OrgDto, PublicOrgDto, UpdateOrgDto } from '../dto/org.dto';
import { Membership } from '../members/membership.entity';
import { Org } from './org.entity';
import { containsPattern } from '../../database/like-pattern';

export function toOrgDto(org: Org): OrgDto {
  return {
    id: org.id,
    slug: org.slug,
    name: org.name,
    contexts: org.contexts,
    publicSite: org.publicSite,
    publicDescription: org.publicDescription,
    createdAt: org.createdAt,
  };
}

export function toPublicOrgDto(org: Org): PublicOrgDto {
  return { slug: org.slug, name: org.name, contexts: org.contexts, description: org.publicDescription };
}

@Injectable()
export class OrgsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(Org) private readonly orgs: Repository<Org>,
    @Inject(AVAILABLE_CONTEXTS) private readonly availableContexts: string[],
  ) {}

  /** An org's display name by id, for background work that has no request (a job's mail), or null. */
  async nameOf(orgId: string, tx?: EntityManager): Promise<string | null> {
    const org = await (tx ?? this.db.manager).findOne(Org, { where: { id: orgId }, select: { id: true, name: true } });
    return org?.name ?? null;
  }

  /** Creates an org with the caller as its owner. */
  async create(user: User, dto: CreateOrgDto): Promise<OrgDto> {
    const contexts = this.checkContexts(dto.contexts ?? []);
    try {
      // withTransaction: with an Idempotency-Key, the key's claim commits with the org.
      return await withTransaction(this.db, async (tx) => {
        const org = await tx.save(Org, tx.create(Org, { slug: dto.slug, name: dto.name, contexts }));
        await tx.save(Membership, tx.create(Membership, { orgId: org.id, userId: user.id, tier: 'owner', grants: [] }));
        return toOrgDto(org);
      });
    } catch (error) {
      if (pgCode(error) === PG_UNIQUE_VIOLATION) throw Problem.conflict('That slug is taken', 'slug-taken');
      throw error;
    }
  }

  async listMine(userId: string, limit: number, cursor?: string): Promise<Page<MyOrgDto>> {
    const qb = this.orgs
      .createQueryBuilder('o')
      .innerJoin(Membership, 'm', 'm.org_id = o.id AND m.user_id = :userId', { userId })
      .select([
        'o.id AS id',
        'o.slug AS slug',
        'o.name AS name',
        'o.contexts AS contexts',
        'o.public_site AS "publicSite"',
        'o.public_description AS "publicDescription"',
        'o.created_at AS "createdAt"',
        'm.tier AS tier',
        'm.grants AS grants',
      ])
      .orderBy('o.slug', 'ASC')
      .limit(limit + 1);
    if (cursor) qb.andWhere('o.slug > :after', { after: decodeCursor(cursor, 1)[0] });
    const rows = await qb.getRawMany<MyOrgDto>();
    return keysetPage(
      rows,
      limit,
      (r) => [r.slug],
      (r) => r,
    );
  }

  /** Every org, for platform administrators; `search` matches slug or name. */
  async listAll(q: ListAllOrgsQueryDto): Promise<Page<OrgDto>> {
    const qb = this.orgs
      .createQueryBuilder('o')
      .orderBy('o.slug', 'ASC')
      .limit(q.limit + 1);
    if (q.search) qb.andWhere('(o.slug ILIKE :q OR o.name ILIKE :q)', { q: containsPattern(q.search) });
    if (q.cursor) qb.andWhere('o.slug > :after', { after: decodeCursor(q.cursor, 1)[0] });
    return keysetPage(await qb.getMany(), q.limit, (o) => [o.slug], toOrgDto);
  }

  /** The org as its members see it, public-site settings included. */
  async get(org: Org): Promise<OrgDto> {
    return toOrgDto(await this.complete(org));
  }

  async update(given: Org, dto: UpdateOrgDto): Promise<OrgDto> {
    const org = await this.complete(given);
    if (dto.name !== undefined) org.name = dto.name;
    if (dto.contexts !== undefined) org.contexts = this.checkContexts(dto.contexts);
    if (dto.publicSite !== undefined) org.publicSite = dto.publicSite;
    if (dto.publicDescription !== undefined) org.publicDescription = dto.publicDescription;
    return toOrgDto(await this.orgs.save(org));
  }

  /**
   * The org with every column: the one the guard resolved may come from the per-request caller
   * statement (auth/caller.queries), which reads only the columns access decisions need.
   */
  private async complete(org: Org): Promise<Org> {
    if (org.publicSite !== undefined) return org;
    return this.orgs.findOneOrFail({ where: { id: org.id } });
  }

  /**
   * For operator commands (imports): the id of the org with `slug`, created without members when
   * missing, with `contexts` enabled (added to an existing org's contexts when absent).
   */
  async ensureOrg(
    tx: EntityManager,
    input: { slug: string; name: string; contexts: string[] },
  ): Promise<{ id: string; created: boolean }> {
    const contexts = this.checkContexts(input.contexts);
    const org = await tx.findOne(Org, { where: { slug: input.slug } });
    if (!org) {
      const created = await tx.save(Org, tx.create(Org, { slug: input.slug, name: input.name, contexts }));
      return { id: created.id, created: true };
    }
    const missing = contexts.filter((c) => !org.contexts.includes(c));
    if (missing.length) await tx.update(Org, { id: org.id }, { contexts: [...org.contexts, ...missing].sort() });
    return { id: org.id, created: false };
  }

  private checkContexts(contexts: string[]): string[] {
    const unknown = contexts.filter((c) => !this.availableContexts.includes(c));
    if (unknown.length) {
      throw Problem.validation(
        unknown.map((c) => ({
          path: 'contexts',
          message: `unknown context ${c}; available: ${this.availableContexts.join(', ') || 'none'}`,
        })),
      );
    }
    return [...new Set(contexts)].sort();
  }
}
