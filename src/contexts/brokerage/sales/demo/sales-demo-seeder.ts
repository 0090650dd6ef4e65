import type { INestApplicationContext } from '@nestjs/common';
import type { DemoOrg, DemoUser } from '../../../../platform/contexts/context-definition';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import type { Grant, Tier } from '../../../../platform/tenancy/tiers';
import { addDays } from '../../common/payment-terms';
import { PartiesService } from '../../parties/parties.service';
import { ProductsService } from '../../products/products.service';
import { PurchaseOrdersService } from '../../purchase-orders/purchase-orders.service';
import { InvoicesService } from '../invoices/invoices.service';
import { todayIn } from '../invoices/invoice-rules';
import { SalesOrdersService } from '../sales-orders/sales-orders.service';

function access(demo: DemoOrg, user: DemoUser, tier: Tier, grants: Grant[] = []): OrgAccess {
  return { org: demo.org as OrgAccess['org'], tier, grants, userId: user.id };
}

const page = { limit: 200 } as never;

/**
 * The Prime Meats sales demo, made through the services (so it obeys the API's rules): a sales
 * order in every state, linked to the received purchase order, and invoices drafted, issued,
 * overdue, partly credited and void. Runs after the core demo (customers, carriers, products).
 */
export async function seedSalesDemo(app: INestApplicationContext, demo: DemoOrg): Promise<void> {
  const orgId = demo.org.id;
  const parties = app.get(PartiesService);
  const customers = (await parties.list(orgId, 'customer', page)).items;
  const carriers = (await parties.list(orgId, 'carrier', page)).items;
  const products = (await app.get(ProductsService).list(orgId, page)).items;
  const received = (await app.get(PurchaseOrdersService).list(orgId, { limit: 10, status: 'received' } as never)).items;
  if (!customers.length || !products.length) return;
  const carrier = carriers.find((c) => c.name === 'Reefer Express') ?? null;
  const catchWeight = products.find((p) => p.weightType === 'catch') ?? products[0];
  const netWeight = products.find((p) => p.weightType === 'net') ?? products[0];

  const orders = app.get(SalesOrdersService);
  const member = access(demo, demo.member, 'member');
  const officer = access(demo, demo.officer, 'officer');
  const treasurerUser = demo.grantHolders.treasurer;
  const treasurer = treasurerUser ? access(demo, treasurerUser, 'member', ['treasurer']) : officer;

  const order = async (i: number, target: string) => {
    const created = await orders.create(member, {
      customerId: customers[i % customers.length].id,
      carrierId: carrier?.id ?? null,
      orderDate: `2026-11-${String(12 + i).padStart(2, '0')}`,
      deliveryDate: `2026-11-${String(16 + i).padStart(2, '0')}`,
      customerPoNumber: `CPO-${4100 + i}`,
      carrierReleaseNumber: `REL-${880 + i}`,
      purchaseOrderIds: i === 3 && received[0] ? [received[0].id] : [],
      lines: [
        {
          productId: catchWeight.id,
          cases: 20,
          weight: '1200',
          weightUnit: 'LBS',
          priceBasis: 'per_lb',
          unitPrice: '2.4500',
        },
        {
          productId: netWeight.id,
          cases: 1,
          weight: '2000',
          weightUnit: 'LBS',
          priceBasis: 'per_lb',
          unitPrice: '2.9500',
        },
      ],
    });
    if (target === 'pending') return created;
    if (target === 'cancelled') return orders.cancel(member, created.id, { reason: 'Customer found a closer load' });
    const confirmed = await orders.confirm(officer, created.id, {});
    if (target === 'confirmed') return confirmed;
    await orders.ship(member, created.id);
    if (target === 'in_transit') return confirmed;
    return orders.deliver(member, created.id, {
      lines: confirmed.lines.map((line) => ({
        lineId: line.id,
        deliveredCases: line.cases,
        deliveredWeight: line.weightType === 'catch' ? '1211.800' : line.weight,
      })),
    });
  };

  const states = ['pending', 'confirmed', 'in_transit', 'delivered', 'delivered', 'delivered', 'cancelled'];
  const made = [];
  for (const [i, state] of states.entries()) made.push(await order(i, state));
  const [, , , toIssue, toDraft, toCredit] = made;

  const invoices = app.get(InvoicesService);
  // Issued from a delivered order (current), a draft of another, one partly credited.
  const issued = await invoices.createFromSalesOrder(member, { salesOrderId: toIssue.id });
  await invoices.issue(treasurer, issued.id);
  await invoices.createFromSalesOrder(member, { salesOrderId: toDraft.id, notes: 'Waiting for the POD' });
  const credited = await invoices.issue(
    treasurer,
    (await invoices.createFromSalesOrder(member, { salesOrderId: toCredit.id })).id,
  );
  const note = await invoices.createCreditNote(treasurer, credited.id, {
    notes: 'Two cases arrived thawed',
    lines: [
      {
        productId: catchWeight.id,
        cases: 2,
        weight: '120',
        weightUnit: 'LBS',
        priceBasis: 'per_lb',
        unitPrice: '2.4500',
      },
    ],
  });
  await invoices.issue(treasurer, note.id);

  // By hand: one overdue (dated 75 days ago, Net 30), one voided.
  const today = todayIn('America/Chicago');
  const byHand = (i: number, invoiceDate: string) =>
    invoices.create(member, {
      customerId: customers[i % customers.length].id,
      invoiceDate,
      customerPoNumber: `CPO-${3900 + i}`,
      lines: [
        {
          productId: netWeight.id,
          cases: 1,
          weight: '2000',
          weightUnit: 'LBS',
          priceBasis: 'per_lb',
          unitPrice: '2.8800',
        },
      ],
    });
  await invoices.issue(treasurer, (await byHand(1, addDays(today, -75))).id);
  const wrong = await invoices.issue(treasurer, (await byHand(2, addDays(today, -3))).id);
  await invoices.void(treasurer, wrong.id, { reason: 'Billed to the wrong customer' });
}
