import type { INestApplicationContext } from '@nestjs/common';
import type { DemoOrg, DemoUser } from '../../../platform/contexts/context-definition';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import type { Tier } from '../../../platform/tenancy/tiers';
import { ContactsService } from '../contacts/contacts.service';
import { PartiesService } from '../parties/parties.service';
import { ProductsService } from '../products/products.service';
import { PurchaseOrdersService } from '../purchase-orders/purchase-orders.service';
import { SettingsService } from '../settings/settings.service';

const address = (line1: string, city: string, region: string, postalCode: string) => ({
  line1,
  city,
  region,
  postalCode,
  country: 'US',
});
const terms = (method: 'wire' | 'ach' | 'check', netDays: number, prepayDays = 0) => ({ method, netDays, prepayDays });
const usd = (amount: string) => ({ amount, currency: 'USD' });

const PLANTS = [
  { name: 'Dakota City Beef', code: 'DCB', type: 'processing', usdaEstablishmentNumber: 'M245D+P245D' },
  { name: 'Omaha Cold Storage', code: 'OCS', type: 'warehouse', usdaEstablishmentNumber: null },
  { name: 'Des Moines Distribution', code: 'DMD', type: 'distribution', usdaEstablishmentNumber: null },
];

const SUPPLIERS = [
  { name: 'Heartland Packing', proteins: ['Beef'], terms: terms('wire', 7), creditLimit: usd('250000.00') },
  { name: 'Prairie Pork Co', proteins: ['Pork'], terms: terms('ach', 14), creditLimit: usd('150000.00') },
  { name: 'Sunrise Poultry', proteins: ['Chicken', 'Turkey'], terms: terms('ach', 10), creditLimit: usd('90000.00') },
  { name: 'High Plains Lamb', proteins: ['Lamb'], terms: terms('wire', 0, 3), creditLimit: null },
];

const CUSTOMERS = [
  { name: 'Midwest Grinders', industry: 'processor', proteins: ['Beef'], creditLimit: usd('200000.00') },
  {
    name: 'FreshWay Markets',
    industry: 'retail',
    proteins: ['Beef', 'Pork', 'Chicken'],
    creditLimit: usd('120000.00'),
  },
  { name: 'Happy Tails Pet Food', industry: 'pet_food', proteins: ['Chicken'], creditLimit: usd('60000.00') },
  { name: 'Harbor Export Group', industry: 'export', proteins: ['Pork'], creditLimit: usd('300000.00') },
];

const CARRIERS = [
  { name: 'Reefer Express', type: 'truck', mcNumber: '781234', dotNumber: '2456789', expires: '2027-12-31T00:00:00Z' },
  {
    name: 'Cold Chain Logistics',
    type: 'truck',
    mcNumber: '652311',
    dotNumber: '1987654',
    expires: '2027-06-30T00:00:00Z',
  },
  { name: 'Lapsed Lines', type: 'truck', mcNumber: '400100', dotNumber: '3100200', expires: '2025-01-31T00:00:00Z' },
];

const PRODUCTS = [
  ['BF-8119-FZ', 'Beef trimmings 81/19, 60 lb box', 'Beef', 'frozen', 'box', 'catch', '60'],
  ['BF-9010-FZ', 'Beef trimmings 90/10, 2000 lb combo', 'Beef', 'frozen', 'combo_bin', 'net', '2000'],
  ['BF-CHK-FR', 'Beef chuck roll, vacuum packed', 'Beef', 'fresh', 'vacuum_pack', 'catch', '70'],
  ['PK-BEL-FZ', 'Pork bellies, skin-on', 'Pork', 'frozen', 'box', 'catch', '55'],
  ['PK-LNS-FR', 'Pork loins, boneless', 'Pork', 'fresh', 'vacuum_pack', 'catch', '65'],
  ['CK-LQ-FZ', 'Chicken leg quarters, 40 lb', 'Chicken', 'frozen', 'box', 'net', '40'],
  ['CK-MDM-FZ', 'Chicken MDM for pet food', 'Chicken', 'frozen', 'box', 'net', '50'],
  ['LB-RCK-FR', 'Lamb racks, frenched', 'Lamb', 'fresh', 'tray_pack', 'catch', '30'],
] as const;

function access(demo: DemoOrg, user: DemoUser, tier: Tier): OrgAccess {
  // The services read only the org's id from it.
  return { org: demo.org as OrgAccess['org'], tier, grants: [], userId: user.id };
}

/**
 * The Prime Meats demo: settings, a few plants, suppliers, customers, carriers (one with lapsed
 * insurance), contacts, products, and purchase orders in each state, made through the services
 * so the data obeys the same rules as the API's. Small on purpose (it runs at first start).
 */
export async function seedBrokerageDemo(app: INestApplicationContext, demo: DemoOrg): Promise<void> {
  const orgId = demo.org.id;
  await app.get(SettingsService).update(orgId, {
    legalName: 'Prime Meats Brokerage LLC',
    contactEmail: 'office@prime-meats.example',
    address: address('1200 Livestock Exchange Blvd', 'Omaha', 'NE', '68107'),
    timeZone: 'America/Chicago',
    themeColors: { primary: '#7a1f1f', secondary: '#f4e9dc', accent: '#c28f2c' },
    numberPrefixes: { po: 'PO-', so: 'SO-', invoice: 'PM-' },
  });
  const parties = app.get(PartiesService);
  const plants = [];
  for (const plant of PLANTS)
    plants.push(
      await parties.create(orgId, 'plant', { ...plant, address: address('1 Plant Rd', 'Omaha', 'NE', '68107') }),
    );
  const suppliers = [];
  for (const [i, supplier] of SUPPLIERS.entries())
    suppliers.push(await parties.create(orgId, 'supplier', { ...supplier, plantId: plants[i % 2].id }));
  for (const customer of CUSTOMERS)
    await parties.create(orgId, 'customer', { ...customer, terms: terms('ach', 30), willPickUp: false });
  const carriers = [];
  for (const { expires, ...carrier } of CARRIERS)
    carriers.push(
      await parties.create(orgId, 'carrier', {
        ...carrier,
        insurance: { provider: 'Cargo Mutual', policyNumber: `CM-${carrier.mcNumber}`, expiresAt: expires },
        departments: [{ department: 'bol', email: `dispatch@${carrier.mcNumber}.example` }],
      }),
    );
  const contact = await app.get(ContactsService).create(orgId, {
    firstName: 'Rita',
    lastName: 'Alvarez',
    email: 'rita@heartland.example',
    type: 'sales',
    links: [{ partyId: suppliers[0].id, role: 'sales rep' }],
  });
  const products = app.get(ProductsService);
  const productIds: string[] = [];
  for (const [productCode, description, proteinType, storage, packageType, weightType, value] of PRODUCTS) {
    const product = await products.create(orgId, {
      productCode,
      description,
      proteinType,
      storage,
      packageType,
      weightType,
      tested: proteinType === 'Beef',
      unitWeight: { value, unit: 'LBS' },
    });
    productIds.push(product.id);
  }
  await seedPurchaseOrders(app, demo, {
    supplierId: suppliers[0].id,
    plantId: plants[0].id,
    carrierId: carriers[0].id,
    contactId: contact.id,
    productIds,
  });
}

/** One purchase order in each state, drafted by the member and approved by the officer. */
async function seedPurchaseOrders(
  app: INestApplicationContext,
  demo: DemoOrg,
  refs: { supplierId: string; plantId: string; carrierId: string; contactId: string; productIds: string[] },
): Promise<void> {
  const orders = app.get(PurchaseOrdersService);
  const member = access(demo, demo.member, 'member');
  const officer = access(demo, demo.officer, 'officer');
  const steps = ['draft', 'pending_approval', 'approved', 'received', 'closed', 'cancelled'] as const;
  for (const [i, target] of steps.entries()) {
    const order = await orders.create(member, {
      supplierId: refs.supplierId,
      plantId: refs.plantId,
      carrierId: refs.carrierId,
      contactId: refs.contactId,
      orderDate: `2026-11-${String(10 + i).padStart(2, '0')}`,
      appointmentMethod: 'email',
      lines: [
        {
          productId: refs.productIds[0],
          cases: 20,
          weight: '1200',
          weightUnit: 'LBS',
          priceBasis: 'per_lb',
          unitPrice: '2.1350',
        },
        {
          productId: refs.productIds[1],
          cases: 1,
          weight: '2000',
          weightUnit: 'LBS',
          priceBasis: 'per_lb',
          unitPrice: '2.6800',
        },
      ],
    });
    if (target === 'draft') continue;
    if (target === 'cancelled') {
      await orders.cancel(member, order.id, { reason: 'Supplier could not fill the load' });
      continue;
    }
    await orders.submit(member, order.id);
    if (target === 'pending_approval') continue;
    const approved = await orders.approve(officer, order.id);
    if (target === 'approved') continue;
    await orders.receive(member, order.id, {
      lines: approved.lines.map((line) => ({
        lineId: line.id,
        receivedCases: line.cases,
        receivedWeight: line.weightType === 'catch' ? '1214.600' : line.weight,
      })),
    });
    if (target === 'closed') await orders.close(officer, order.id);
  }
}
