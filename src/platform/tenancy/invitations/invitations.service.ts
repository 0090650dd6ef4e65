import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { withTransaction } from '../../database/transactions';
import { keysetPage, newestFirst, Page, timeAndId } from '../../http/pagination';
import { Problem } from '../../http/problem';
import { CreateInvitationDto, InvitationDto } from '../dto/invitation.dto';
import { MyOrgDto } from '../dto/org.dto';
import { assertMayAssign } from '../members/member-rules';
import { MembersService } from '../members/members.service';
import type { OrgAccess } from '../org-access';
import { Org } from '../orgs/org.entity';
import { toOrgDto } from '../orgs/orgs.service';
import { Invitation } from './invitation.entity';

const DEFAULT_TTL_MS = 7 * 86_400_000;

function toInvitationDto(i: Invitation): InvitationDto {
  return {
    id: i.id,
    code: i.code,
    tier: i.tier,
    grants: i.grants,
    maxUses: i.maxUses,
    uses: i.uses,
    expiresAt: i.expiresAt,
    revokedAt: i.revokedAt,
    createdAt: i.createdAt,
  };
}

@Injectable()
export class InvitationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(Invitation) private readonly invitations: Repository<Invitation>,
    private readonly members: MembersService,
  ) {}

  async create(actor: OrgAccess, createdById: string, dto: CreateInvitationDto): Promise<InvitationDto> {
    assertMayAssign(actor, dto.tier);
    if (dto.tier === 'owner')
      throw Problem.validation([{ path: 'tier', message: 'ownership is given to members, not by invitation' }]);
    if (dto.expiresAt && dto.expiresAt <= new Date())
      throw Problem.validation([{ path: 'expiresAt', message: 'expiresAt must be in the future' }]);
    const invitation = await this.invitations.save(
      this.invitations.create({
        orgId: actor.org.id,
        code: randomBytes(12).toString('base64url'),
        tier: dto.tier,
        grants: dto.grants ?? [],
        maxUses: dto.maxUses ?? 1,
        expiresAt: dto.expiresAt ?? new Date(Date.now() + DEFAULT_TTL_MS),
        createdById,
      }),
    );
    return toInvitationDto(invitation);
  }

  async list(orgId: string, limit: number, cursor?: string): Promise<Page<InvitationDto>> {
    const qb = this.invitations.createQueryBuilder('i').where('i.org_id = :orgId', { orgId });
    const rows = await newestFirst(qb, 'i.created_at', 'i.id', { limit, cursor }).getMany();
    return keysetPage(rows, limit, (i) => timeAndId(i.createdAt, i.id), toInvitationDto);
  }

  async revoke(orgId: string, id: string): Promise<void> {
    const result = await this.invitations.update({ id, orgId }, { revokedAt: new Date() });
    if (!result.affected) throw Problem.notFound('Invitation');
  }

  /** Joins the invitation's org. The row lock makes `maxUses` hold under concurrent accepts. */
  async accept(userId: string, code: string): Promise<MyOrgDto> {
    return withTransaction(this.db, async (tx) => {
      const invitation = await tx
        .createQueryBuilder(Invitation, 'i')
        .setLock('pessimistic_write')
        .where('i.code = :code', { code })
        .getOne();
      if (
        !invitation ||
        invitation.revokedAt ||
        (invitation.expiresAt && invitation.expiresAt <= new Date()) ||
        invitation.uses >= invitation.maxUses
      ) {
        throw Problem.notFound('Invitation');
      }
      const member = { orgId: invitation.orgId, userId, tier: invitation.tier, grants: invitation.grants };
      await this.members.join(tx, member, 'invitation', { actorUserId: userId, reason: 'platform.invitations.accept' });
      await tx.increment(Invitation, { id: invitation.id }, 'uses', 1);
      const org = await tx.findOneByOrFail(Org, { id: invitation.orgId });
      return { ...toOrgDto(org), tier: invitation.tier, grants: invitation.grants };
    });
  }
}
