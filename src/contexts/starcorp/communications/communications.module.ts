import { Module } from '@nestjs/common';
import { ContactController } from './contact/contact.controller';
import { ContactRepository } from './contact/contact.repository';
import { ContactService } from './contact/contact.service';
import { StarcorpMessagesController } from './messages/messages.controller';
import { StarcorpMessagesRepository } from './messages/messages.repository';
import { StarcorpMessagesService } from './messages/messages.service';

/**
 * Member messages and announcements, and the public contact form, kept in the communications store (a second data source,
 * `COMMUNICATIONS_DATABASE_URL`; unset, the main database): see `CommunicationsStore`.
 */
@Module({
  controllers: [StarcorpMessagesController, ContactController],
  providers: [StarcorpMessagesRepository, StarcorpMessagesService, ContactRepository, ContactService],
  exports: [StarcorpMessagesService, ContactService],
})
export class StarcorpCommunicationsModule {}
