import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FilesModule } from '../../../platform/files/files.module';
import { BrokerageCoreModule } from '../brokerage-core.module';
import { InvoiceLine } from './invoices/invoice-line.entity';
import { InvoiceOverdueService } from './invoices/invoice-overdue.service';
import { Invoice } from './invoices/invoice.entity';
import { InvoicesController } from './invoices/invoices.controller';
import { InvoicesRepository } from './invoices/invoices.repository';
import { InvoicesService } from './invoices/invoices.service';
import { SalesOrderLine } from './sales-orders/sales-order-line.entity';
import { SalesOrderPurchaseOrder } from './sales-orders/sales-order-purchase-order.entity';
import { SalesOrder } from './sales-orders/sales-order.entity';
import { SalesOrdersController } from './sales-orders/sales-orders.controller';
import { SalesOrdersRepository } from './sales-orders/sales-orders.repository';
import { SalesOrdersService } from './sales-orders/sales-orders.service';

/**
 * The brokerage's selling side: sales orders (confirmed within the customer's credit) and the
 * invoices and credit notes that bill them, on the core module's parties, products and orders.
 */
@Module({
  imports: [
    BrokerageCoreModule,
    FilesModule,
    TypeOrmModule.forFeature([SalesOrder, SalesOrderLine, SalesOrderPurchaseOrder, Invoice, InvoiceLine]),
  ],
  controllers: [SalesOrdersController, InvoicesController],
  providers: [SalesOrdersRepository, SalesOrdersService, InvoicesRepository, InvoicesService, InvoiceOverdueService],
  exports: [SalesOrdersService, InvoicesService],
})
export class BrokerageSalesModule {}
