import type { AddressDto } from '../common/address.dto';
import type { BrokerageDocument } from '../documents/brokerage-document';
import type { PurchaseOrderLine } from './purchase-order-line.entity';
import type { PurchaseOrder } from './purchase-order.entity';
import type { PurchaseOrderStatus } from './purchase-order-rules';

/** The parts of a purchase order's printed document beside the order itself (loaded by the repository). */
export interface PurchaseOrderDocumentParts {
  issuer: { legalName: string; contactEmail: string | null; address: AddressDto | null };
  supplier: { name: string; address: AddressDto | null; email: string | null; phone: string | null };
  plant: { name: string; address: AddressDto | null } | null;
  carrier: { name: string } | null;
  contact: { name: string } | null;
  /** Product code and description by product id. */
  products: ReadonlyMap<string, { productCode: string; description: string }>;
}

/** An address as printed lines: street lines, "City, Region Postal", country. */
export function addressLines(address: AddressDto | null | undefined): string[] {
  if (!address) return [];
  const place = [address.city, [address.region, address.postalCode].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
  return [address.line1, address.line2, place, address.country].filter((line): line is string => !!line);
}

const PRICE_BASIS_UNIT: Record<string, string> = { per_lb: 'lb', per_kg: 'kg', per_case: 'case' };

/**
 * The purchase order as a printed document: the org (settings) as issuer, the supplier as
 * counterparty, dates, ship-to plant, carrier and reference numbers as facts, one row per line
 * (the quantity in the price's unit: the weight for per-lb/kg prices, the cases for per-case), and
 * the server's total. Numbers are the stored decimal strings: nothing is computed here.
 */
export function purchaseOrderDocument(
  order: PurchaseOrder,
  lines: readonly PurchaseOrderLine[],
  parts: PurchaseOrderDocumentParts,
  printedAt?: Date,
): BrokerageDocument {
  const fact = (label: string, value: string | null | undefined) => (value ? [{ label, value }] : []);
  return {
    kind: 'purchase_order',
    title: 'Purchase order',
    number: order.number,
    issuer: {
      legalName: parts.issuer.legalName,
      addressLines: addressLines(parts.issuer.address),
      contactEmail: parts.issuer.contactEmail,
    },
    counterparty: {
      label: 'Supplier',
      name: parts.supplier.name,
      addressLines: [
        ...addressLines(parts.supplier.address),
        ...(parts.supplier.phone ? [parts.supplier.phone] : []),
        ...(parts.supplier.email ? [parts.supplier.email] : []),
      ],
    },
    facts: [
      ...fact('Status', STATUS_LABELS[order.status]),
      ...fact('Order date', order.orderDate),
      ...fact('Pick-up date', order.pickupDate),
      ...fact('Delivery date', order.deliveryDate),
      ...fact('Ship to', parts.plant ? [parts.plant.name, ...addressLines(parts.plant.address)].join(', ') : null),
      ...fact('Carrier', parts.carrier?.name),
      ...fact('Contact', parts.contact?.name),
      ...fact('Supplier confirmation', order.supplierConfirmationNumber),
      ...fact('Carrier release', order.carrierReleaseNumber),
      ...fact(
        'Appointment',
        order.appointmentMethod && order.appointmentMethod !== 'none' ? order.appointmentMethod : null,
      ),
    ],
    lines: [...lines]
      .sort((a, b) => a.lineNo - b.lineNo)
      .map((line) => {
        const product = parts.products.get(line.productId);
        const perCase = line.priceBasis === 'per_case';
        const weight = line.receivedWeight ?? line.weight;
        const cases = line.receivedCases ?? line.cases;
        return {
          description: [
            product ? `${product.productCode} ${product.description}` : 'Product',
            perCase
              ? `${weight} ${line.weightUnit.toLowerCase()} (${line.weightType} weight)`
              : `${cases} cases (${line.weightType} weight)`,
          ].join('\n'),
          quantity: perCase ? String(cases) : weight,
          unit: PRICE_BASIS_UNIT[line.priceBasis] ?? line.priceBasis,
          unitPrice: line.unitPrice,
          amount: line.total,
        };
      }),
    totals: [{ label: 'Total', value: order.total, emphasised: true }],
    currency: order.currency,
    notes: order.notes || null,
    printedAt: printedAt ?? null,
  };
}

const STATUS_LABELS: Record<PurchaseOrderStatus, string> = {
  draft: 'Draft',
  pending_approval: 'Pending approval',
  approved: 'Approved',
  received: 'Received',
  closed: 'Closed',
  cancelled: 'Cancelled',
};

/** The roles (any case, anywhere in the role) that make a supplier's contact the one a PO goes to. */
export const PURCHASE_ORDER_CONTACT_ROLES = /order|purchas|sales|customer service|dispatch/i;

export interface SupplierContactCandidate {
  contactId: string;
  name: string;
  email: string | null;
  role: string;
}

/**
 * Where a purchase order is mailed: the order's own contact when it is linked to the supplier and
 * has an email; else the first (by name) contact linked to the supplier with an ordering role
 * (sales, orders, purchasing, customer service, dispatch) and an email; else the supplier's own
 * email; else nobody (the caller answers 409 `no-supplier-contact`).
 */
export function purchaseOrderRecipient(
  orderContactId: string | null,
  linked: readonly SupplierContactCandidate[],
  supplierEmail: string | null,
): { to: string; contactId: string | null; name: string | null } | null {
  const withEmail = linked.filter((c) => !!c.email);
  const own = orderContactId ? withEmail.find((c) => c.contactId === orderContactId) : undefined;
  const byRole = [...withEmail]
    .filter((c) => PURCHASE_ORDER_CONTACT_ROLES.test(c.role))
    .sort((a, b) => a.name.localeCompare(b.name) || a.contactId.localeCompare(b.contactId))[0];
  const chosen = own ?? byRole;
  if (chosen) return { to: chosen.email!, contactId: chosen.contactId, name: chosen.name };
  if (supplierEmail) return { to: supplierEmail, contactId: null, name: null };
  return null;
}
