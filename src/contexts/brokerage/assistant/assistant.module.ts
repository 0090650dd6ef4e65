import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BrokerageCoreModule } from '../brokerage-core.module';
import { BrokerageReceivablesModule } from '../receivables/receivables.module';
import { AssistantLookups } from './assistant-lookups';
import { AssistantConversation } from './conversations/assistant-conversation.entity';
import { AssistantConversationsController } from './conversations/assistant-conversations.controller';
import { AssistantConversationsRepository } from './conversations/assistant-conversations.repository';
import { AssistantConversationsService } from './conversations/assistant-conversations.service';
import { AssistantMessage } from './conversations/assistant-message.entity';
import { AssistantDocument } from './documents/assistant-document.entity';
import { AssistantDocumentsController } from './documents/assistant-documents.controller';
import { AssistantDocumentsRepository } from './documents/assistant-documents.repository';
import { AssistantDocumentsService } from './documents/assistant-documents.service';
import { AssistantProposal } from './proposals/assistant-proposal.entity';
import { AssistantProposalsController } from './proposals/assistant-proposals.controller';
import { AssistantProposalsRepository } from './proposals/assistant-proposals.repository';
import { AssistantProposalsService } from './proposals/assistant-proposals.service';
import { AssistantBudget } from './provider/assistant-budget';
import { AssistantProvider } from './provider/assistant-provider';

/** The assistant: conversations, uploaded documents and their extraction, proposals applied by people. */
@Module({
  imports: [
    BrokerageCoreModule,
    BrokerageReceivablesModule,
    TypeOrmModule.forFeature([AssistantDocument, AssistantProposal, AssistantConversation, AssistantMessage]),
  ],
  controllers: [AssistantDocumentsController, AssistantProposalsController, AssistantConversationsController],
  providers: [
    AssistantProvider,
    AssistantBudget,
    AssistantLookups,
    AssistantDocumentsRepository,
    AssistantDocumentsService,
    AssistantProposalsRepository,
    AssistantProposalsService,
    AssistantConversationsRepository,
    AssistantConversationsService,
  ],
  exports: [AssistantDocumentsService],
})
export class BrokerageAssistantModule {}
