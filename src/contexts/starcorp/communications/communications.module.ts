import { Module } from '@nestjs/common';
import { StarcorpMessagesController } from './messages/messages.controller';
import { StarcorpMessagesRepository } from './messages/messages.repository';
import { StarcorpMessagesService } from './messages/messages.service';

/**
 * Member messages and announcements, kept in the communications store (a second data source,
 * `COMMUNICATIONS_DATABASE_URL`; unset, the main database): see `CommunicationsStore`.
 */
@Module({
  controllers: [StarcorpMessagesController],
  providers: [StarcorpMessagesRepository, StarcorpMessagesService],
  exports: [StarcorpMessagesService],
})
export class StarcorpCommunicationsModule {}
