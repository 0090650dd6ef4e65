import { Body, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Idempotent } from '../../../platform/http/idempotency';
import { Page, PageOf } from '../../../platform/http/pagination';
import { UuidParam } from '../../../platform/http/params';
import { CurrentOrg } from '../../../platform/http/request';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { BrokerageRead, BrokerageWrite } from '../brokerage-access';
import { BrokerageController } from '../common/brokerage-controller.decorator';
import { ContactsService } from './contacts.service';
import { ContactDto, CreateContactDto, ListContactsQueryDto, UpdateContactDto } from './dto/contact.dto';

const ContactPageDto = PageOf(ContactDto);

@ApiTags('brokerage-contacts')
@BrokerageController()
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  /** Lists the org's contacts by name; search by name, filter by party or type. */
  @Get('contacts')
  @BrokerageRead()
  @ApiOkResponse({ type: ContactPageDto })
  listBrokerageContacts(@CurrentOrg() access: OrgAccess, @Query() q: ListContactsQueryDto): Promise<Page<ContactDto>> {
    return this.contacts.list(access.org.id, q);
  }

  /** Gets one contact with its parties and roles. */
  @Get('contacts/:id')
  @BrokerageRead()
  @ApiOkResponse({ type: ContactDto })
  getBrokerageContact(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<ContactDto> {
    return this.contacts.get(access.org.id, id);
  }

  /** Adds a contact, optionally linked to parties with a role at each. */
  @Post('contacts')
  @BrokerageWrite()
  @Idempotent()
  @ApiCreatedResponse({ type: ContactDto })
  createBrokerageContact(@CurrentOrg() access: OrgAccess, @Body() dto: CreateContactDto): Promise<ContactDto> {
    return this.contacts.create(access.org.id, dto);
  }

  /** Changes a contact; `links`, when given, replaces its links. */
  @Patch('contacts/:id')
  @BrokerageWrite()
  @ApiOkResponse({ type: ContactDto })
  updateBrokerageContact(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdateContactDto,
  ): Promise<ContactDto> {
    return this.contacts.update(access.org.id, id, dto);
  }

  /** Deletes a contact and its links (a customer naming it as accounts-payable contact loses it). */
  @Delete('contacts/:id')
  @HttpCode(204)
  @BrokerageWrite()
  deleteBrokerageContact(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.contacts.remove(access.org.id, id);
  }
}
