import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TrialGuard } from './common/trial.guard';
import { ContactLink } from './contacts/contact-link.entity';
import { Contact } from './contacts/contact.entity';
import { ContactsController } from './contacts/contacts.controller';
import { ContactsRepository } from './contacts/contacts.repository';
import { ContactsService } from './contacts/contacts.service';
import { CarriersController } from './parties/carriers.controller';
import { CustomersController } from './parties/customers.controller';
import { PartiesRepository } from './parties/parties.repository';
import { PartiesService } from './parties/parties.service';
import { Party } from './parties/party.entity';
import { PlantsController } from './parties/plants.controller';
import { SuppliersController } from './parties/suppliers.controller';
import { Product } from './products/product.entity';
import { ProductsController } from './products/products.controller';
import { ProductsRepository } from './products/products.repository';
import { ProductsService } from './products/products.service';
import { PurchaseOrderLine } from './purchase-orders/purchase-order-line.entity';
import { PurchaseOrder } from './purchase-orders/purchase-order.entity';
import { PurchaseOrdersController } from './purchase-orders/purchase-orders.controller';
import { PurchaseOrdersRepository } from './purchase-orders/purchase-orders.repository';
import { PurchaseOrdersService } from './purchase-orders/purchase-orders.service';
import { BrokerageSettings } from './settings/brokerage-settings.entity';
import { Protein } from './settings/protein.entity';
import { ProteinsController } from './settings/proteins.controller';
import { BrokerageSettingsController } from './settings/settings.controller';
import { SettingsRepository } from './settings/settings.repository';
import { SettingsService } from './settings/settings.service';

/**
 * The brokerage's records: settings, proteins, parties, contacts, products and purchase orders, which
 * the sales and support modules build on through the exported services.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      BrokerageSettings,
      Protein,
      Party,
      Contact,
      ContactLink,
      Product,
      PurchaseOrder,
      PurchaseOrderLine,
    ]),
  ],
  controllers: [
    BrokerageSettingsController,
    ProteinsController,
    SuppliersController,
    CustomersController,
    PlantsController,
    CarriersController,
    ContactsController,
    ProductsController,
    PurchaseOrdersController,
  ],
  providers: [
    TrialGuard,
    SettingsRepository,
    SettingsService,
    PartiesRepository,
    PartiesService,
    ContactsRepository,
    ContactsService,
    ProductsRepository,
    ProductsService,
    PurchaseOrdersRepository,
    PurchaseOrdersService,
  ],
  exports: [TrialGuard, SettingsRepository, SettingsService, PartiesService, ProductsService, PurchaseOrdersService],
})
export class BrokerageCoreModule {}
