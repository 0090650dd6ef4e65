import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InvitationsController } from './invitations/invitations.controller';
import { Invitation } from './invitations/invitation.entity';
import { InvitationsService } from './invitations/invitations.service';
import { MembersController } from './members/members.controller';
import { Membership } from './members/membership.entity';
import { MembersRepository } from './members/members.repository';
import { MembersService } from './members/members.service';
import { OrgResolver } from './org-resolver';
import { Org } from './orgs/org.entity';
import { AdminOrgsController, OrgsController } from './orgs/orgs.controller';
import { OrgsService } from './orgs/orgs.service';

@Module({
  imports: [TypeOrmModule.forFeature([Org, Membership, Invitation])],
  controllers: [OrgsController, AdminOrgsController, MembersController, InvitationsController],
  providers: [OrgsService, MembersRepository, MembersService, InvitationsService, OrgResolver],
  exports: [OrgResolver, MembersService, OrgsService],
})
export class TenancyModule {}
