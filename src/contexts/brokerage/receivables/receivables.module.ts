import { Module } from '@nestjs/common';
import { BrokerageCoreModule } from '../brokerage-core.module';
import { BrokerageSalesModule } from '../sales/sales.module';
import { PaymentsController } from './payments/payments.controller';
import { PaymentsRepository } from './payments/payments.repository';
import { PaymentsService } from './payments/payments.service';
import { ReceivablesController } from './receivables/receivables.controller';
import { ReceivablesRepository } from './receivables/receivables.repository';
import { ReceivablesService } from './receivables/receivables.service';
import { PaymentRemindersService } from './reminders/payment-reminders.service';

/**
 * Payments and receivables: payments allocated to invoices (moving their outstanding through the
 * sales module's invoices service), the derived receivables, statements and ageing, and the
 * reminder job.
 */
@Module({
  imports: [BrokerageCoreModule, BrokerageSalesModule],
  controllers: [PaymentsController, ReceivablesController],
  providers: [PaymentsRepository, PaymentsService, ReceivablesRepository, ReceivablesService, PaymentRemindersService],
  exports: [PaymentsService, ReceivablesService],
})
export class BrokerageReceivablesModule {}
