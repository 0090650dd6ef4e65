import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { CursorPageQueryDto } from '../../../../../platform/http/page-query.dto';
import { IsSafeName, IsSafeText } from '../../../../../platform/http/safe-text';
import { CONVERSATION_STATUSES, type ConversationStatus, MESSAGE_ROLES, type MessageRole } from '../conversation-rules';

const STATUS = { enum: CONVERSATION_STATUSES, enumName: 'BrokerageAssistantConversationStatus' } as const;

/** The records a conversation is about. */
export class AssistantConversationContextDto {
  /** A document of the org: its text is given to the model with each message. */
  @IsOptional()
  @IsUUID()
  documentId?: string;
}

export class CreateAssistantConversationDto {
  /** Default: "New conversation". */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @IsSafeName()
  @MaxLength(200)
  title?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => AssistantConversationContextDto)
  context?: AssistantConversationContextDto;
}

/** A new title, or a move: active ⇄ completed, either → archived (final). */
export class UpdateAssistantConversationDto {
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @IsSafeName()
  @MaxLength(200)
  title?: string;

  @ApiProperty({ ...STATUS, required: false })
  @IsOptional()
  @IsIn(CONVERSATION_STATUSES)
  status?: ConversationStatus;
}

export class ListAssistantConversationsQueryDto extends CursorPageQueryDto {
  @ApiProperty({ ...STATUS, required: false })
  @IsOptional()
  @IsIn(CONVERSATION_STATUSES)
  status?: ConversationStatus;
}

export class AssistantConversationDto {
  id: string;
  title: string;
  @ApiProperty(STATUS)
  status: ConversationStatus;
  context: AssistantConversationContextDto;
  createdById: string | null;
  createdAt: string;
  updatedAt: string;
}

export class SendAssistantMessageDto {
  @IsString()
  @IsNotEmpty()
  @IsSafeText()
  @MaxLength(8000)
  content: string;
}

/** A tool the assistant called to answer (read-only). */
export class AssistantToolCallDto {
  name: string;
  @ApiProperty({ type: 'object', additionalProperties: true })
  arguments: Record<string, unknown>;
  /** False when the tool refused the arguments or found nothing. */
  ok: boolean;
}

export class AssistantMessageMetadataDto {
  model?: string;
  @ApiProperty({ required: false, nullable: true, type: String })
  finishReason?: string | null;
  @ApiProperty({ required: false, type: [AssistantToolCallDto] })
  toolCalls?: AssistantToolCallDto[];
}

export class AssistantMessageDto {
  id: string;
  conversationId: string;
  @ApiProperty({ enum: MESSAGE_ROLES, enumName: 'BrokerageAssistantMessageRole' })
  role: MessageRole;
  content: string;
  metadata: AssistantMessageMetadataDto;
  promptTokens: number;
  completionTokens: number;
  authorId: string | null;
  createdAt: string;
}

/** The question as stored and the assistant's answer. */
export class AssistantExchangeDto {
  userMessage: AssistantMessageDto;
  assistantMessage: AssistantMessageDto;
}
