import { Injectable } from '@nestjs/common';
import { PartiesService } from '../parties/parties.service';
import { ProductsService } from '../products/products.service';
import { PurchaseOrdersService } from '../purchase-orders/purchase-orders.service';
import type { PurchaseOrderStatus } from '../purchase-orders/purchase-order-rules';
import { ReceivablesService } from '../receivables/receivables/receivables.service';

type Query = { limit: number; search?: string };
const OPEN_ORDER_STATUSES: PurchaseOrderStatus[] = ['draft', 'pending_approval', 'approved'];

/**
 * The assistant's read-only view of the org's records, through the brokerage's own services (so
 * the same org scoping and rules apply as on the HTTP routes). Nothing here writes.
 */
@Injectable()
export class AssistantLookups {
  constructor(
    private readonly parties: PartiesService,
    private readonly products: ProductsService,
    private readonly purchaseOrders: PurchaseOrdersService,
    private readonly receivables: ReceivablesService,
  ) {}

  /** The active supplier with exactly this name (any case), or null. */
  async supplierIdByName(orgId: string, name: string): Promise<string | null> {
    const page = await this.parties.list(orgId, 'supplier', { search: name.slice(0, 120), limit: 50 } as Query);
    const wanted = name.trim().toLowerCase();
    return page.items.find((s) => s.name.trim().toLowerCase() === wanted)?.id ?? null;
  }

  /** The active products with these codes (exact, any case), by code as given. */
  async productIdsByCode(orgId: string, codes: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const code of new Set(codes)) {
      const page = await this.products.list(orgId, { search: code.slice(0, 120), active: true, limit: 50 } as Query);
      const match = page.items.find((p) => p.productCode.toLowerCase() === code.toLowerCase());
      if (match) found.set(code, match.id);
    }
    return found;
  }

  findSuppliers(orgId: string, search?: string) {
    return this.parties.list(orgId, 'supplier', { search, limit: 10 } as Query);
  }

  findCustomers(orgId: string, search?: string) {
    return this.parties.list(orgId, 'customer', { search, limit: 10 } as Query);
  }

  findProducts(orgId: string, search?: string) {
    return this.products.list(orgId, { search, limit: 10 } as Query);
  }

  /** Draft, pending and approved purchase orders (newest first, at most 10 of each), of one supplier if given. */
  async openPurchaseOrders(orgId: string, supplierId?: string) {
    const pages = await Promise.all(
      OPEN_ORDER_STATUSES.map((status) => this.purchaseOrders.list(orgId, { status, supplierId, limit: 10 } as never)),
    );
    return pages.flatMap((p) => p.items);
  }

  purchaseOrder(orgId: string, id: string) {
    return this.purchaseOrders.get(orgId, id);
  }

  /** A customer's open invoices: what each still owes and how late it is. */
  receivablesOf(orgId: string, customerId: string) {
    return this.receivables.list(orgId, { customerId, limit: 50 } as never);
  }
}
