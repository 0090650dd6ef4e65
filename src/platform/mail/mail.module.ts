import { Global, Module } from '@nestjs/common';
import { MailSendsRepository } from './mail-sends.repository';
import { MailTransport } from './mail-transport';
import { MailService } from './mail.service';

/** Outgoing mail for every context (`MailService.send`), through the durable job queue. */
@Global()
@Module({
  providers: [MailService, MailSendsRepository, MailTransport],
  exports: [MailService],
})
export class MailModule {}
