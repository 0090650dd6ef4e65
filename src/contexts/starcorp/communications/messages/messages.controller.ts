import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Idempotent } from '../../../../platform/http/idempotency';
import { Page, PageOf } from '../../../../platform/http/pagination';
import { UuidParam } from '../../../../platform/http/params';
import { CurrentOrg } from '../../../../platform/http/request';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { OrgContext } from '../../../../platform/tenancy/org-context.decorator';
import { StarcorpMember, StarcorpRead, StarcorpWrite } from '../../starcorp-access';
import {
  ListInboxQueryDto,
  ListSentMessagesQueryDto,
  MessageDto,
  MessageSummaryDto,
  MessageThreadDto,
  SendAnnouncementDto,
  SendMessageDto,
  UnreadMessagesDto,
} from './dto/message.dto';
import { StarcorpMessagesService } from './messages.service';

const MessageSummaryPageDto = PageOf(MessageSummaryDto);

/**
 * Member messages: members (readonly and above) read their inbox, members and above send, officers
 * announce. A message is visible only to its sender and recipients while they keep it: to anyone
 * else it is a 404.
 */
@ApiTags('starcorp-messages')
@OrgContext('starcorp')
@Controller('orgs/:org/starcorp')
export class StarcorpMessagesController {
  constructor(private readonly messages: StarcorpMessagesService) {}

  /** The caller's inbox, newest first (filter unread, priority). */
  @Get('messages/inbox')
  @StarcorpRead()
  @ApiOkResponse({ type: MessageSummaryPageDto })
  listStarcorpInbox(@CurrentOrg() access: OrgAccess, @Query() q: ListInboxQueryDto): Promise<Page<MessageSummaryDto>> {
    return this.messages.inbox(access, q);
  }

  /** The messages the caller sent and kept, newest first. */
  @Get('messages/sent')
  @StarcorpRead()
  @ApiOkResponse({ type: MessageSummaryPageDto })
  listStarcorpSentMessages(
    @CurrentOrg() access: OrgAccess,
    @Query() q: ListSentMessagesQueryDto,
  ): Promise<Page<MessageSummaryDto>> {
    return this.messages.sent(access, q);
  }

  /** How many messages in the caller's inbox are unread. */
  @Get('messages/unread-count')
  @StarcorpRead()
  @ApiOkResponse({ type: UnreadMessagesDto })
  countStarcorpUnreadMessages(@CurrentOrg() access: OrgAccess): Promise<UnreadMessagesDto> {
    return this.messages.unreadCount(access);
  }

  /** Sends a message to 1-50 members, or a reply into a thread the caller is in (members). */
  @Post('messages')
  @StarcorpMember()
  @Idempotent()
  @ApiCreatedResponse({ type: MessageDto })
  sendStarcorpMessage(@CurrentOrg() access: OrgAccess, @Body() dto: SendMessageDto): Promise<MessageDto> {
    return this.messages.send(access, dto);
  }

  /** One message (its sender and recipients only). */
  @Get('messages/:id')
  @StarcorpRead()
  @ApiOkResponse({ type: MessageDto })
  getStarcorpMessage(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<MessageDto> {
    return this.messages.get(access, id);
  }

  /** The thread of a message: the messages of it the caller takes part in, oldest first. */
  @Get('messages/:id/thread')
  @StarcorpRead()
  @ApiOkResponse({ type: MessageThreadDto })
  getStarcorpMessageThread(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<MessageThreadDto> {
    return this.messages.thread(access, id);
  }

  /** Marks a received message read (repeating it keeps the first time). */
  @Post('messages/:id/read')
  @HttpCode(204)
  @StarcorpRead()
  @ApiNoContentResponse()
  markStarcorpMessageRead(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.messages.markRead(access, id);
  }

  /** Deletes the message from the caller's side; it is purged once everyone has deleted it. */
  @Delete('messages/:id')
  @HttpCode(204)
  @StarcorpRead()
  @ApiNoContentResponse()
  deleteStarcorpMessage(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.messages.remove(access, id);
  }

  /** Announces to every member: one message, a receipt per member (officers). */
  @Post('announcements')
  @StarcorpWrite()
  @Idempotent()
  @ApiCreatedResponse({ type: MessageDto })
  sendStarcorpAnnouncement(@CurrentOrg() access: OrgAccess, @Body() dto: SendAnnouncementDto): Promise<MessageDto> {
    return this.messages.announce(access, dto);
  }
}
