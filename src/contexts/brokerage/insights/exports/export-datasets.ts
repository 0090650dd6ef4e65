/**
 * The tables of an export: each CSV file's name, its columns (camelCase, as the API names the
 * fields) and the SQL expression of each over the dataset's main table `t` (and its joins). Dates
 * are `YYYY-MM-DD`, instants ISO 8601 UTC, money and weights decimal strings as stored, structured
 * fields (addresses, terms, details) JSON. Rows come in creation order.
 */
export interface ExportDataset {
  /** The CSV's name in the archive. */
  file: string;
  table: string;
  /** `LEFT JOIN`s the columns read from (always matched on the org too). */
  joins?: string;
  /** A filter on `t` besides the org. */
  where?: string;
  columns: readonly (readonly [name: string, sql: string])[];
}

const date = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;
const party = (alias: string, column: string) =>
  `LEFT JOIN brokerage_parties ${alias} ON ${alias}.id = t.${column} AND ${alias}.org_id = t.org_id`;

const PARTY_COLUMNS = [
  ['id', 't.id'],
  ['code', 't.code'],
  ['name', 't.name'],
  ['email', 't.email'],
  ['phone', 't.phone'],
  ['address', 't.address'],
  ['plantId', 't.plant_id'],
  ['proteinIds', "array_to_string(t.protein_ids, ' ')"],
] as const;
const PARTY_TAIL = [
  ['details', 't.details'],
  ['notes', 't.notes'],
  ['archivedAt', 't.archived_at'],
  ['createdAt', 't.created_at'],
] as const;

const ORDER_HEADER = [
  ['plantId', 't.plant_id'],
  ['carrierId', 't.carrier_id'],
  ['contactId', 't.contact_id'],
  ['orderDate', date('t.order_date')],
  ['pickupDate', date('t.pickup_date')],
  ['deliveryDate', date('t.delivery_date')],
  ['carrierReleaseNumber', 't.carrier_release_number'],
  ['total', 't.total::text'],
  ['currency', 't.currency'],
] as const;

const LINE_COLUMNS = [
  ['lineNo', 't.line_no'],
  ['productId', 't.product_id'],
  ['productCode', 'p.product_code'],
  ['cases', 't.cases'],
  ['weight', 't.weight::text'],
  ['weightUnit', 't.weight_unit'],
  ['priceBasis', 't.price_basis'],
  ['unitPrice', 't.unit_price::text'],
  ['total', 't.total::text'],
] as const;
const PRODUCT_JOIN = 'LEFT JOIN brokerage_products p ON p.id = t.product_id AND p.org_id = t.org_id';

export const EXPORT_DATASETS: readonly ExportDataset[] = [
  {
    file: 'suppliers.csv',
    table: 'brokerage_parties',
    where: "t.kind = 'supplier'",
    columns: [...PARTY_COLUMNS, ['terms', 't.terms'], ...PARTY_TAIL],
  },
  {
    file: 'customers.csv',
    table: 'brokerage_parties',
    where: "t.kind = 'customer'",
    columns: [
      ...PARTY_COLUMNS,
      ['terms', 't.terms'],
      ['creditLimit', 't.credit_limit::text'],
      ['creditCurrency', 't.credit_currency'],
      ['apContactId', 't.ap_contact_id'],
      ...PARTY_TAIL,
    ],
  },
  {
    file: 'products.csv',
    table: 'brokerage_products',
    joins: 'LEFT JOIN brokerage_proteins pr ON pr.id = t.protein_id AND pr.org_id = t.org_id',
    columns: [
      ['id', 't.id'],
      ['productCode', 't.product_code'],
      ['description', 't.description'],
      ['proteinType', 'pr.name'],
      ['storage', 't.storage'],
      ['packageType', 't.package_type'],
      ['weightType', 't.weight_type'],
      ['unitWeight', 't.unit_weight::text'],
      ['unitWeightUnit', 't.unit_weight_unit'],
      ['edible', 't.edible'],
      ['tested', 't.tested'],
      ['active', 't.active'],
      ['createdAt', 't.created_at'],
    ],
  },
  {
    file: 'purchase-orders.csv',
    table: 'brokerage_purchase_orders',
    joins: party('s', 'supplier_id'),
    columns: [
      ['id', 't.id'],
      ['number', 't.number'],
      ['status', 't.status'],
      ['supplierId', 't.supplier_id'],
      ['supplierName', 's.name'],
      ...ORDER_HEADER,
      ['supplierConfirmationNumber', 't.supplier_confirmation_number'],
      ['appointmentMethod', 't.appointment_method'],
      ['qualityScore', 't.quality_score'],
      ['approvedById', 't.approved_by_id'],
      ['approvedAt', 't.approved_at'],
      ['receivedAt', 't.received_at'],
      ['closedAt', 't.closed_at'],
      ['cancelledAt', 't.cancelled_at'],
      ['cancelReason', 't.cancel_reason'],
      ['notes', 't.notes'],
      ['createdById', 't.created_by_id'],
      ['createdAt', 't.created_at'],
    ],
  },
  {
    file: 'purchase-order-lines.csv',
    table: 'brokerage_purchase_order_lines',
    joins: `${PRODUCT_JOIN} LEFT JOIN brokerage_purchase_orders o ON o.id = t.purchase_order_id AND o.org_id = t.org_id`,
    columns: [
      ['id', 't.id'],
      ['purchaseOrderId', 't.purchase_order_id'],
      ['purchaseOrderNumber', 'o.number'],
      ...LINE_COLUMNS,
      ['weightType', 't.weight_type'],
      ['receivedCases', 't.received_cases'],
      ['receivedWeight', 't.received_weight::text'],
    ],
  },
  {
    file: 'sales-orders.csv',
    table: 'brokerage_sales_orders',
    joins: party('c', 'customer_id'),
    columns: [
      ['id', 't.id'],
      ['number', 't.number'],
      ['status', 't.status'],
      ['customerId', 't.customer_id'],
      ['customerName', 'c.name'],
      ['supplierId', 't.supplier_id'],
      ...ORDER_HEADER,
      ['customerPoNumber', 't.customer_po_number'],
      [
        'purchaseOrderIds',
        `(SELECT string_agg(l.purchase_order_id::text, ' ' ORDER BY l.created_at, l.purchase_order_id)
            FROM brokerage_sales_order_purchase_orders l WHERE l.org_id = t.org_id AND l.sales_order_id = t.id)`,
      ],
      ['confirmedById', 't.confirmed_by_id'],
      ['confirmedAt', 't.confirmed_at'],
      ['creditOverrideReason', 't.credit_override_reason'],
      ['shippedAt', 't.shipped_at'],
      ['deliveredAt', 't.delivered_at'],
      ['cancelledAt', 't.cancelled_at'],
      ['cancelReason', 't.cancel_reason'],
      ['notes', 't.notes'],
      ['createdById', 't.created_by_id'],
      ['createdAt', 't.created_at'],
    ],
  },
  {
    file: 'sales-order-lines.csv',
    table: 'brokerage_sales_order_lines',
    joins: `${PRODUCT_JOIN} LEFT JOIN brokerage_sales_orders o ON o.id = t.sales_order_id AND o.org_id = t.org_id`,
    columns: [
      ['id', 't.id'],
      ['salesOrderId', 't.sales_order_id'],
      ['salesOrderNumber', 'o.number'],
      ...LINE_COLUMNS,
      ['weightType', 't.weight_type'],
      ['deliveredCases', 't.delivered_cases'],
      ['deliveredWeight', 't.delivered_weight::text'],
    ],
  },
  {
    file: 'invoices.csv',
    table: 'brokerage_invoices',
    joins: party('c', 'customer_id'),
    columns: [
      ['id', 't.id'],
      ['kind', 't.kind'],
      ['number', 't.number'],
      ['status', 't.status'],
      ['customerId', 't.customer_id'],
      ['customerName', 'c.name'],
      ['salesOrderId', 't.sales_order_id'],
      ['creditedInvoiceId', 't.credited_invoice_id'],
      ['invoiceDate', date('t.invoice_date')],
      ['dueDate', date('t.due_date')],
      ['customerPoNumber', 't.customer_po_number'],
      ['currency', 't.currency'],
      ['taxRate', 't.tax_rate::text'],
      ['subtotal', 't.subtotal::text'],
      ['tax', 't.tax::text'],
      ['total', 't.total::text'],
      ['outstanding', 't.outstanding::text'],
      ['issuedById', 't.issued_by_id'],
      ['issuedAt', 't.issued_at'],
      ['cancelledAt', 't.cancelled_at'],
      ['voidedAt', 't.voided_at'],
      ['voidReason', 't.void_reason'],
      ['pdfFileId', 't.pdf_file_id'],
      ['notes', 't.notes'],
      ['createdById', 't.created_by_id'],
      ['createdAt', 't.created_at'],
    ],
  },
  {
    file: 'invoice-lines.csv',
    table: 'brokerage_invoice_lines',
    joins: `${PRODUCT_JOIN} LEFT JOIN brokerage_invoices o ON o.id = t.invoice_id AND o.org_id = t.org_id`,
    columns: [
      ['id', 't.id'],
      ['invoiceId', 't.invoice_id'],
      ['invoiceNumber', 'o.number'],
      ['description', 't.description'],
      ...LINE_COLUMNS,
    ],
  },
  {
    file: 'payments.csv',
    table: 'brokerage_payments',
    joins: party('c', 'customer_id'),
    columns: [
      ['id', 't.id'],
      ['kind', 't.kind'],
      ['customerId', 't.customer_id'],
      ['customerName', 'c.name'],
      ['amount', 't.amount::text'],
      ['currency', 't.currency'],
      ['method', 't.method'],
      ['reference', 't.reference'],
      ['receivedAt', 't.received_at'],
      ['reversedPaymentId', 't.reversed_payment_id'],
      ['reason', 't.reason'],
      ['recordedById', 't.recorded_by_id'],
      ['createdAt', 't.created_at'],
    ],
  },
  {
    file: 'payment-allocations.csv',
    table: 'brokerage_payment_allocations',
    joins: 'LEFT JOIN brokerage_invoices i ON i.id = t.invoice_id AND i.org_id = t.org_id',
    columns: [
      ['id', 't.id'],
      ['paymentId', 't.payment_id'],
      ['invoiceId', 't.invoice_id'],
      ['invoiceNumber', 'i.number'],
      ['amount', 't.amount::text'],
      ['allocatedById', 't.allocated_by_id'],
      ['createdAt', 't.created_at'],
    ],
  },
];

/** The audit log's file: every recorded change of the brokerage's orders, invoices and payments. */
export const ORDER_HISTORY_FILE = 'order-history.csv';

export const ORDER_HISTORY_COLUMNS = [
  'createdAt',
  'action',
  'targetType',
  'targetId',
  'actorUserId',
  'actorApiKeyId',
  'status',
  'requestId',
  'changes',
] as const;

/**
 * The audit log's target types of the order records (the platform names them after the
 * controller: `PurchaseOrdersController` → `purchaseorders`).
 */
export const ORDER_HISTORY_TARGETS: readonly string[] = ['purchaseorders', 'salesorders', 'invoices', 'payments'];
