import { ApiProperty, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CursorPageQueryDto } from '../../../../../platform/http/page-query.dto';
import { QueryBoolean } from '../../../../../platform/http/query-transforms';
import { IsSafeName, IsSafeText } from '../../../../../platform/http/safe-text';
import { MAX_ATTACHMENTS, MAX_RECIPIENTS, MESSAGE_PRIORITIES, type MessagePriority } from '../message-rules';

export class MessageAttachmentDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @IsSafeName()
  name: string;

  /** An https link (a file, an image, a spectrum thread). */
  @IsUrl({ protocols: ['https'], require_protocol: true })
  @MaxLength(2000)
  url: string;
}

/** An announcement to every member (officers): one message, a receipt per member. */
export class SendAnnouncementDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @IsSafeName()
  subject: string;

  /** Plain text (no HTML is rendered). */
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  @IsSafeText()
  body: string;

  @ApiProperty({ enum: MESSAGE_PRIORITIES, enumName: 'StarcorpMessagePriority', required: false, default: 'normal' })
  @IsOptional()
  @IsIn(MESSAGE_PRIORITIES)
  priority?: MessagePriority;

  @ApiProperty({ type: [MessageAttachmentDto], required: false, maxItems: MAX_ATTACHMENTS })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ATTACHMENTS)
  @ValidateNested({ each: true })
  @Type(() => MessageAttachmentDto)
  attachments?: MessageAttachmentDto[];
}

/** A message to 1-50 members; a reply names the message it answers (`parentMessageId`). */
export class SendMessageDto extends SendAnnouncementDto {
  /** Members of the org (at readonly or above), each once. */
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: MAX_RECIPIENTS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_RECIPIENTS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  recipientUserIds: string[];

  /** The message this one answers: it joins that message's thread. The caller must be in it. */
  @IsOptional()
  @IsUUID()
  parentMessageId?: string;
}

export class ListInboxQueryDto extends CursorPageQueryDto {
  /** Only unread messages. */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  unread?: boolean;

  @ApiProperty({ enum: MESSAGE_PRIORITIES, enumName: 'StarcorpMessagePriority', required: false })
  @IsOptional()
  @IsIn(MESSAGE_PRIORITIES)
  priority?: MessagePriority;
}

export class ListSentMessagesQueryDto extends OmitType(ListInboxQueryDto, ['unread'] as const) {}

export class MessagePersonDto {
  /** Null for the system (a system message's sender). */
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  userId: string | null;

  /** Their name when the message was sent. */
  name: string;
}

export class MessageRecipientDto {
  @ApiProperty({ format: 'uuid' })
  userId: string;

  name: string;

  /** When they read it; shown to the sender only (null for others). */
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readAt: Date | null;
}

/** A message in a list (inbox, sent): no body, no recipient list. */
export class MessageSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  threadId: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  parentMessageId: string | null;

  sender: MessagePersonDto;

  subject: string;

  @ApiProperty({ enum: MESSAGE_PRIORITIES, enumName: 'StarcorpMessagePriority' })
  priority: MessagePriority;

  system: boolean;

  announcement: boolean;

  recipientCount: number;

  attachmentCount: number;

  /** When the caller read it; null when unread or when the caller is not a recipient. */
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readAt: Date | null;

  createdAt: Date;
}

/** One message with its body, attachments and (except for announcements) recipients. */
export class MessageDto extends OmitType(MessageSummaryDto, ['attachmentCount'] as const) {
  /** Plain text. */
  body: string;

  @ApiProperty({ type: [MessageAttachmentDto] })
  attachments: MessageAttachmentDto[];

  /** The recipients (empty for an announcement: see `recipientCount`). */
  @ApiProperty({ type: [MessageRecipientDto] })
  recipients: MessageRecipientDto[];
}

export class MessageThreadDto {
  /** The thread's messages the caller takes part in, oldest first (at most 200). */
  @ApiProperty({ type: [MessageDto] })
  items: MessageDto[];
}

export class UnreadMessagesDto {
  /** Unread, undeleted messages in the caller's inbox. */
  unread: number;
}
