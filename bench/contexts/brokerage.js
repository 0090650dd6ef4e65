'use strict';
/**
 * The brokerage suite of bench/contexts.js (issue 14, "Performance"): one org (the demo
 * `prime-meats`) with 2,000 customers, 1,000 suppliers, 3,000 products, 200,000 purchase orders
 * and 200,000 sales orders of 3 lines each, 150,000 invoices and 120,000 payments (times
 * BENCH_CONTEXT_SCALE), then, with 50 connections: the overdue invoices of a customer, the sales
 * orders in transit, the whole-org receivables ageing (20 sequential runs, target under 500 ms)
 * and `POST purchase-orders` with 10% of the requests replaying an earlier Idempotency-Key, after
 * which each key must have made one order and the numbers must be gapless.
 *
 * The rows are written by SQL in the shapes the services write them: every order state with its
 * timestamps, line totals as the pricing rules compute them (price × billed weight, to the cent)
 * and order/invoice totals their sums, issued invoices numbered from the org's counter, payments
 * allocated so that each invoice's outstanding is its total less its allocations (reversed
 * payments' allocations not counted), and the per-org counters left at the last number issued.
 */
const ORG = 'prime-meats';
const API = `/api/v1/orgs/${ORG}/brokerage`;
const SIZES = {
  customers: 2000,
  suppliers: 1000,
  products: 3000,
  purchaseOrders: 200_000,
  salesOrders: 200_000,
  invoices: 150_000,
  payments: 120_000,
};
const LINES_PER_ORDER = 3;
const SEQUENCES = {
  purchaseOrder: 'brokerage.purchase_order',
  salesOrder: 'brokerage.sales_order',
  invoice: 'brokerage.invoice',
};
/**
 * Distance of a replayed request from its original in the list: even, so the same wrk thread (they
 * take alternate lines) sent the original 49 requests earlier, twice its 25 connections; not a
 * multiple of 10, so the original is never a replay itself (each replayed key is a different one);
 * short, so that replays start within the first seconds even when the counter's lock holds
 * creations to a few dozen a second. A replay that finds its original still running is a 409 (counted).
 */
const REPLAY_DISTANCE = 98;
const AGEING_TARGET_MS = 500;

/** `prefix` and the value padded to 6 digits, as formatDocumentNumber (src/platform/numbering) writes it. */
const numberSql = (prefix, value) =>
  `${prefix}::text || CASE WHEN length(${value}::text) >= 6 THEN ${value}::text ELSE lpad(${value}::text, 6, '0') END`;

async function one(pg, sql, params = []) {
  return (await pg.query(sql, params)).rows[0];
}

async function counter(pg, orgId, sequence) {
  const row = await one(pg, 'SELECT last_value FROM document_counters WHERE org_id = $1 AND sequence = $2', [
    orgId,
    sequence,
  ]);
  return row ? Number(row.last_value) : 0;
}

async function setCounter(pg, orgId, sequence, value) {
  await pg.query(
    `INSERT INTO document_counters (org_id, sequence, last_value) VALUES ($1, $2, $3)
     ON CONFLICT (org_id, sequence) DO UPDATE SET last_value = EXCLUDED.last_value`,
    [orgId, sequence, value],
  );
}

/** Numbers of a sequence are 1..counter without a gap or a repeat (issued invoices, or purchase orders). */
async function gapless(pg, orgId, table, where, sequence) {
  const r = await one(
    pg,
    `SELECT count(*)::int AS n, count(DISTINCT sequence_number)::int AS d, coalesce(min(sequence_number), 0)::int AS lo,
            coalesce(max(sequence_number), 0)::int AS hi
       FROM ${table} WHERE org_id = $1 AND sequence_number IS NOT NULL ${where}`,
    [orgId],
  );
  const last = await counter(pg, orgId, sequence);
  return { ...r, last, ok: r.n === r.d && (r.n === 0 || r.lo === 1) && r.hi === r.n && last === r.hi };
}

async function seed(ctx) {
  const { pg, orgId } = ctx;
  const size = (n) => Math.max(1, Math.round(n * ctx.scale));
  const n = Object.fromEntries(Object.entries(SIZES).map(([k, v]) => [k, size(v)]));
  ctx.log(`seeding ${JSON.stringify(n)}`);
  const users = Object.fromEntries(
    (await pg.query(`SELECT username, id FROM users WHERE username LIKE 'prime-%'`)).rows.map((r) => [
      r.username,
      r.id,
    ]),
  );
  const member = users['prime-member'];
  const officer = users['prime-officer'];
  const treasurer = users['prime-treasurer'];
  if (!member || !officer || !treasurer) throw new Error('the prime-meats demo users are missing');
  const settings = await one(
    pg,
    'SELECT currency, time_zone, po_prefix, so_prefix, invoice_prefix FROM brokerage_settings WHERE org_id = $1',
    [orgId],
  );
  const today = (
    await one(pg, `SELECT to_char((now() AT TIME ZONE $1)::date, 'YYYY-MM-DD') AS d`, [settings.time_zone])
  ).d;
  const step = async (label, sql, params = []) => {
    const t = Date.now();
    const r = await pg.query(sql, params);
    ctx.log(`  ${label}: ${r.rowCount ?? ''} rows, ${((Date.now() - t) / 1000).toFixed(1)} s`);
    return r;
  };

  await pg.query('BEGIN');
  // Parties: terms of 7 to 60 days net, so due dates spread; 1% of suppliers archived.
  await step(
    'customers',
    `INSERT INTO brokerage_parties (org_id, kind, name, code, email, phone, address, terms, credit_limit, credit_currency, details, created_at)
     SELECT $1, 'customer', 'Bench Customer ' || lpad(g::text, 6, '0'), 'BC' || lpad(g::text, 6, '0'),
            'ap' || g || '@customer.example', '+1 402 555 ' || lpad((g % 10000)::text, 4, '0'),
            jsonb_build_object('line1', g || ' Market St', 'city', 'Omaha', 'region', 'NE', 'postalCode', '68102', 'country', 'US'),
            jsonb_build_object('method', (ARRAY['ach', 'wire', 'check'])[g % 3 + 1], 'netDays', (ARRAY[7, 14, 30, 45, 60])[g % 5 + 1], 'prepayDays', 0),
            50000 + (g % 20) * 25000, $2,
            jsonb_build_object('industry', (ARRAY['processor', 'retail', 'food_service', 'distributor', 'export'])[g % 5 + 1], 'willPickUp', g % 4 = 0),
            now() - interval '800 days' + g * interval '1 minute'
       FROM generate_series(1, $3::int) g`,
    [orgId, settings.currency, n.customers],
  );
  await step(
    'suppliers',
    `INSERT INTO brokerage_parties (org_id, kind, name, code, email, phone, address, terms, details, archived_at, created_at)
     SELECT $1, 'supplier', 'Bench Supplier ' || lpad(g::text, 6, '0'), 'BS' || lpad(g::text, 6, '0'),
            'sales' || g || '@supplier.example', '+1 515 555 ' || lpad((g % 10000)::text, 4, '0'),
            jsonb_build_object('line1', g || ' Packer Rd', 'city', 'Des Moines', 'region', 'IA', 'postalCode', '50309', 'country', 'US'),
            jsonb_build_object('method', (ARRAY['ach', 'wire'])[g % 2 + 1], 'netDays', (ARRAY[7, 10, 14, 21])[g % 4 + 1], 'prepayDays', 0),
            '{}', CASE WHEN g % 100 = 0 THEN now() - interval '30 days' END,
            now() - interval '800 days' + g * interval '1 minute'
       FROM generate_series(1, $2::int) g`,
    [orgId, n.suppliers],
  );
  // Products: every protein, fresh and frozen, net and catch weight; 2% inactive.
  await step(
    'products',
    `WITH p AS (SELECT id, row_number() OVER (ORDER BY name) AS i, count(*) OVER () AS k FROM brokerage_proteins WHERE org_id = $1)
     INSERT INTO brokerage_products (org_id, product_code, description, protein_id, storage, package_type, weight_type,
                                     edible, tested, unit_weight, unit_weight_unit, active)
     SELECT $1, 'BP-' || lpad(g::text, 6, '0'), 'Bench cut ' || g || ', ' || (20 + g % 5 * 10) || ' lb box', p.id,
            (ARRAY['fresh', 'frozen'])[g % 2 + 1], (ARRAY['box', 'combo_bin', 'vacuum_pack', 'tray_pack', 'bag'])[g % 5 + 1],
            CASE WHEN g % 3 = 0 THEN 'catch' ELSE 'net' END, true, g % 4 = 0, 20 + g % 5 * 10, 'LBS', g % 50 <> 0
       FROM generate_series(1, $2::int) g JOIN p ON p.i = g % p.k + 1`,
    [orgId, n.products],
  );
  // Numbered lookups of what the orders name (row n of each, 1-based).
  await pg.query(`CREATE TEMP TABLE bc ON COMMIT DROP AS
    SELECT row_number() OVER (ORDER BY code) AS i, id, (terms->>'netDays')::int AS net_days FROM brokerage_parties
     WHERE org_id = '${orgId}' AND kind = 'customer' AND code LIKE 'BC%'`);
  await pg.query(`CREATE TEMP TABLE bs ON COMMIT DROP AS
    SELECT row_number() OVER (ORDER BY code) AS i, id FROM brokerage_parties
     WHERE org_id = '${orgId}' AND kind = 'supplier' AND code LIKE 'BS%'`);
  await pg.query(`CREATE TEMP TABLE bp ON COMMIT DROP AS
    SELECT row_number() OVER (ORDER BY product_code) AS i, id, weight_type, unit_weight, description FROM brokerage_products
     WHERE org_id = '${orgId}' AND product_code LIKE 'BP-%'`);
  await pg.query(`CREATE TEMP TABLE plants ON COMMIT DROP AS
    SELECT row_number() OVER (ORDER BY id) AS i, id FROM brokerage_parties WHERE org_id = '${orgId}' AND kind = 'plant'`);
  await pg.query(`CREATE TEMP TABLE carriers ON COMMIT DROP AS
    SELECT row_number() OVER (ORDER BY id) AS i, id FROM brokerage_parties WHERE org_id = '${orgId}' AND kind = 'carrier'`);
  for (const t of ['bc', 'bs', 'bp', 'plants', 'carriers']) await pg.query(`CREATE UNIQUE INDEX ON ${t} (i)`);
  const counts = await one(
    pg,
    `SELECT (SELECT count(*) FROM bc)::int AS c, (SELECT count(*) FROM bs)::int AS s, (SELECT count(*) FROM bp)::int AS p,
            (SELECT count(*) FROM plants)::int AS pl, (SELECT count(*) FROM carriers)::int AS ca`,
  );

  // Purchase orders: order n is dated up to two years back, most closed, every state present.
  const poStart = await counter(pg, orgId, SEQUENCES.purchaseOrder);
  await pg.query(`CREATE TEMP TABLE t_po ON COMMIT DROP AS
    SELECT g AS n, gen_random_uuid() AS id,
           CASE g % 20 WHEN 0 THEN 'draft' WHEN 1 THEN 'pending_approval' WHEN 2 THEN 'approved' WHEN 3 THEN 'approved'
                       WHEN 4 THEN 'received' WHEN 5 THEN 'received' WHEN 6 THEN 'cancelled' ELSE 'closed' END AS status,
           ((now() AT TIME ZONE '${settings.time_zone}')::date - (730 - (g::bigint * 730 / ${n.purchaseOrders})::int)) AS order_date
      FROM generate_series(1, ${n.purchaseOrders}) g`);
  // Catch-weight lines of received orders bill the weight received (1% over the ordered weight).
  await pg.query(`CREATE TEMP TABLE t_pol ON COMMIT DROP AS
    SELECT o.n, o.id AS order_id, k AS line_no, p.id AS product_id, p.weight_type, c.cases, c.cases * p.unit_weight AS weight,
           (1.5 + ((o.n + k * 7) % 300) / 100.0)::numeric(12,4) AS unit_price,
           CASE WHEN o.status IN ('received', 'closed') THEN c.cases END AS received_cases,
           CASE WHEN o.status IN ('received', 'closed') THEN
             CASE WHEN p.weight_type = 'catch' THEN round(c.cases * p.unit_weight * 1.01, 3) ELSE c.cases * p.unit_weight END
           END AS received_weight
      FROM t_po o CROSS JOIN generate_series(1, ${LINES_PER_ORDER}) k
      CROSS JOIN LATERAL (SELECT 10 + (o.n * k) % 40 AS cases) c
      JOIN bp p ON p.i = (o.n * 7 + k * 13) % ${counts.p} + 1`);
  await pg.query(`ALTER TABLE t_pol ADD COLUMN total numeric(14,2)`);
  await pg.query(`UPDATE t_pol SET total = round(unit_price *
    CASE WHEN weight_type = 'catch' AND received_weight IS NOT NULL THEN received_weight ELSE weight END, 2)`);
  await step(
    'purchase orders',
    `INSERT INTO brokerage_purchase_orders (id, org_id, sequence_number, number, status, supplier_id, plant_id, carrier_id,
        order_date, pickup_date, delivery_date, supplier_confirmation_number, appointment_method, currency, total,
        created_by_id, approved_by_id, approved_at, received_at, closed_at, cancelled_at, cancel_reason, quality_score,
        created_at, updated_at)
     SELECT o.id, $1, $2::bigint + o.n, ${numberSql('$3', '($2::bigint + o.n)')}, o.status, s.id, pl.id, ca.id,
            o.order_date, o.order_date + 2, o.order_date + 4,
            CASE WHEN o.status NOT IN ('draft', 'pending_approval') THEN 'SC-' || o.n END, 'email', $4, t.total,
            $5, CASE WHEN o.status IN ('approved', 'received', 'closed') THEN $6::uuid END,
            CASE WHEN o.status IN ('approved', 'received', 'closed') THEN o.order_date + time '10:00' END,
            CASE WHEN o.status IN ('received', 'closed') THEN o.order_date + 4 + time '15:00' END,
            CASE WHEN o.status = 'closed' THEN o.order_date + 6 + time '09:00' END,
            CASE WHEN o.status = 'cancelled' THEN o.order_date + 1 + time '11:00' END,
            CASE WHEN o.status = 'cancelled' THEN 'Supplier could not fill the load' END,
            CASE WHEN o.status = 'closed' THEN 1 + o.n % 5 END,
            o.order_date + time '08:00' + (o.n % 600) * interval '1 second', o.order_date + time '08:00'
       FROM t_po o
       JOIN (SELECT n, sum(total) AS total FROM t_pol GROUP BY n) t ON t.n = o.n
       JOIN bs s ON s.i = o.n % ${counts.s} + 1
       LEFT JOIN plants pl ON pl.i = o.n % greatest(${counts.pl}, 1) + 1
       LEFT JOIN carriers ca ON ca.i = o.n % greatest(${counts.ca}, 1) + 1`,
    [orgId, poStart, settings.po_prefix, settings.currency, member, officer],
  );
  await step(
    'purchase order lines',
    `INSERT INTO brokerage_purchase_order_lines (org_id, purchase_order_id, line_no, product_id, cases, weight, weight_unit,
        weight_type, price_basis, unit_price, total, received_cases, received_weight)
     SELECT $1, order_id, line_no, product_id, cases, weight, 'LBS', weight_type, 'per_lb', unit_price, total,
            received_cases, received_weight
       FROM t_pol`,
    [orgId],
  );
  await setCounter(pg, orgId, SEQUENCES.purchaseOrder, poStart + n.purchaseOrders);

  // Sales orders: 75% delivered (the invoiced ones), 10% in transit, the rest pending, confirmed or cancelled.
  const soStart = await counter(pg, orgId, SEQUENCES.salesOrder);
  await pg.query(`CREATE TEMP TABLE t_so ON COMMIT DROP AS
    SELECT g AS n, gen_random_uuid() AS id,
           CASE g % 20 WHEN 0 THEN 'pending' WHEN 1 THEN 'confirmed' WHEN 2 THEN 'in_transit' WHEN 3 THEN 'in_transit'
                       WHEN 4 THEN 'cancelled' ELSE 'delivered' END AS status,
           ((now() AT TIME ZONE '${settings.time_zone}')::date - (730 - (g::bigint * 730 / ${n.salesOrders})::int)) AS order_date
      FROM generate_series(1, ${n.salesOrders}) g`);
  await pg.query(`CREATE UNIQUE INDEX ON t_so (n)`);
  await pg.query(`CREATE TEMP TABLE t_sol ON COMMIT DROP AS
    SELECT o.n, o.id AS order_id, k AS line_no, p.id AS product_id, p.description, p.weight_type, c.cases,
           c.cases * p.unit_weight AS weight, (1.8 + ((o.n + k * 11) % 300) / 100.0)::numeric(12,4) AS unit_price,
           round((1.8 + ((o.n + k * 11) % 300) / 100.0)::numeric(12,4) * c.cases * p.unit_weight, 2) AS total,
           o.status = 'delivered' AS delivered
      FROM t_so o CROSS JOIN generate_series(1, ${LINES_PER_ORDER}) k
      CROSS JOIN LATERAL (SELECT 10 + (o.n * k) % 40 AS cases) c
      JOIN bp p ON p.i = (o.n * 11 + k * 17) % ${counts.p} + 1`);
  await pg.query(`CREATE INDEX ON t_sol (n)`);
  await step(
    'sales orders',
    `INSERT INTO brokerage_sales_orders (id, org_id, sequence_number, number, status, customer_id, supplier_id, plant_id,
        carrier_id, order_date, pickup_date, delivery_date, customer_po_number, carrier_release_number, currency, total,
        created_by_id, confirmed_by_id, confirmed_at, shipped_at, delivered_at, cancelled_at, cancel_reason, created_at, updated_at)
     SELECT o.id, $1, $2::bigint + o.n, ${numberSql('$3', '($2::bigint + o.n)')}, o.status, c.id, s.id, pl.id, ca.id,
            o.order_date, o.order_date + 2, o.order_date + 4, 'CPO-' || o.n,
            CASE WHEN o.status IN ('in_transit', 'delivered') THEN 'REL-' || o.n END, $4, t.total, $5,
            CASE WHEN o.status IN ('confirmed', 'in_transit', 'delivered') THEN $6::uuid END,
            CASE WHEN o.status IN ('confirmed', 'in_transit', 'delivered') THEN o.order_date + time '10:00' END,
            CASE WHEN o.status IN ('in_transit', 'delivered') THEN o.order_date + 2 + time '07:00' END,
            CASE WHEN o.status = 'delivered' THEN o.order_date + 4 + time '13:00' END,
            CASE WHEN o.status = 'cancelled' THEN o.order_date + 1 + time '11:00' END,
            CASE WHEN o.status = 'cancelled' THEN 'Customer withdrew the order' END,
            o.order_date + time '09:00' + (o.n % 600) * interval '1 second', o.order_date + time '09:00'
       FROM t_so o
       JOIN (SELECT n, sum(total) AS total FROM t_sol GROUP BY n) t ON t.n = o.n
       JOIN bc c ON c.i = o.n % ${counts.c} + 1
       JOIN bs s ON s.i = o.n % ${counts.s} + 1
       LEFT JOIN plants pl ON pl.i = o.n % greatest(${counts.pl}, 1) + 1
       LEFT JOIN carriers ca ON ca.i = o.n % greatest(${counts.ca}, 1) + 1`,
    [orgId, soStart, settings.so_prefix, settings.currency, member, officer],
  );
  await step(
    'sales order lines',
    `INSERT INTO brokerage_sales_order_lines (org_id, sales_order_id, line_no, product_id, cases, weight, weight_unit,
        weight_type, price_basis, unit_price, total, delivered_cases, delivered_weight)
     SELECT $1, order_id, line_no, product_id, cases, weight, 'LBS', weight_type, 'per_lb', unit_price, total,
            CASE WHEN delivered THEN cases END, CASE WHEN delivered THEN weight END
       FROM t_sol`,
    [orgId],
  );
  // Every other sales order is covered by the purchase order of the same row number.
  await step(
    'sales order purchase orders',
    `INSERT INTO brokerage_sales_order_purchase_orders (org_id, sales_order_id, purchase_order_id)
     SELECT $1, s.id, p.id FROM t_so s JOIN t_po p ON p.n = s.n WHERE s.n % 2 = 0 AND s.status <> 'cancelled'`,
    [orgId],
  );
  await setCounter(pg, orgId, SEQUENCES.salesOrder, soStart + n.salesOrders);

  // Invoices: invoice n bills the n-th delivered sales order (its customer, lines and total); past
  // the delivered ones it is a hand-made invoice of sales order n's lines. Dated over the last 240
  // days with the customer's terms, so open invoices fall in every ageing bucket.
  const invStart = await counter(pg, orgId, SEQUENCES.invoice);
  await pg.query(`CREATE TEMP TABLE t_inv ON COMMIT DROP AS
    WITH delivered AS (SELECT row_number() OVER (ORDER BY n) AS rn, n, id FROM t_so WHERE status = 'delivered')
    SELECT g AS n, gen_random_uuid() AS id, coalesce(d.n, g) AS so_n, d.id AS sales_order_id, c.id AS customer_id,
           c.net_days,
           CASE g % 20 WHEN 0 THEN 'draft' WHEN 1 THEN 'cancelled' WHEN 2 THEN 'void'
                       WHEN 3 THEN 'issued' WHEN 4 THEN 'issued' WHEN 5 THEN 'issued' WHEN 6 THEN 'issued'
                       WHEN 7 THEN 'partly_paid' WHEN 8 THEN 'partly_paid' WHEN 9 THEN 'partly_paid' ELSE 'paid' END AS status,
           ((now() AT TIME ZONE '${settings.time_zone}')::date - (g * 37) % 240) AS invoice_date
      FROM generate_series(1, ${n.invoices}) g
      LEFT JOIN delivered d ON d.rn = g
      JOIN bc c ON c.i = coalesce(d.n, g) % ${counts.c} + 1`);
  await pg.query(
    `ALTER TABLE t_inv ADD COLUMN seq bigint, ADD COLUMN subtotal numeric(14,2), ADD COLUMN paid numeric(14,2)`,
  );
  await pg.query(`UPDATE t_inv i SET subtotal = t.total FROM (SELECT n, sum(total) AS total FROM t_sol GROUP BY n) t
                   WHERE t.n = i.so_n`);
  // Numbers in invoice order among the issued ones (issued, part paid, paid, void); drafts and
  // cancelled drafts never had one. Paid: in full; part paid: half (never zero or the whole).
  await pg.query(`UPDATE t_inv i SET seq = ${invStart} + r.rn FROM
    (SELECT n, row_number() OVER (ORDER BY n) AS rn FROM t_inv WHERE status NOT IN ('draft', 'cancelled')) r WHERE r.n = i.n`);
  await pg.query(`UPDATE t_inv SET paid = CASE status WHEN 'paid' THEN subtotal
                                                     WHEN 'partly_paid' THEN greatest(round(subtotal / 2, 2), 0.01) ELSE 0 END`);
  await pg.query(`CREATE UNIQUE INDEX ON t_inv (n)`);
  await step(
    'invoices',
    `INSERT INTO brokerage_invoices (id, org_id, kind, sequence_number, number, status, customer_id, sales_order_id,
        invoice_date, due_date, customer_po_number, currency, tax_rate, subtotal, tax, total, outstanding, created_by_id,
        issued_by_id, issued_at, cancelled_at, voided_at, void_reason, created_at, updated_at)
     SELECT i.id, $1, 'invoice', i.seq, CASE WHEN i.seq IS NOT NULL THEN ${numberSql('$2', 'i.seq')} END, i.status,
            i.customer_id, i.sales_order_id,
            CASE WHEN i.seq IS NOT NULL THEN i.invoice_date END,
            CASE WHEN i.seq IS NOT NULL THEN i.invoice_date + i.net_days END,
            'CPO-' || i.so_n, $3, 0, i.subtotal, 0, i.subtotal,
            CASE WHEN i.status IN ('issued', 'partly_paid') THEN i.subtotal - i.paid ELSE 0 END,
            $4, CASE WHEN i.seq IS NOT NULL THEN $5::uuid END,
            CASE WHEN i.seq IS NOT NULL THEN i.invoice_date + time '16:00' END,
            CASE WHEN i.status = 'cancelled' THEN i.invoice_date + time '17:00' END,
            CASE WHEN i.status = 'void' THEN i.invoice_date + 1 + time '09:00' END,
            CASE WHEN i.status = 'void' THEN 'Billed to the wrong customer' END,
            i.invoice_date + time '12:00' + (i.n % 600) * interval '1 second', i.invoice_date + time '16:00'
       FROM t_inv i`,
    [orgId, settings.invoice_prefix, settings.currency, member, treasurer],
  );
  await step(
    'invoice lines',
    `INSERT INTO brokerage_invoice_lines (org_id, invoice_id, line_no, product_id, description, cases, weight, weight_unit,
        price_basis, unit_price, total)
     SELECT $1, i.id, l.line_no, l.product_id, l.description, l.cases, l.weight, 'LBS', 'per_lb', l.unit_price, l.total
       FROM t_inv i JOIN t_sol l ON l.n = i.so_n`,
    [orgId],
  );
  await setCounter(
    pg,
    orgId,
    SEQUENCES.invoice,
    invStart + Number((await one(pg, 'SELECT count(seq) AS k FROM t_inv')).k),
  );

  // Payments: one per paid or part-paid invoice (allocated to it); of the rest, up to a quarter are
  // payments allocated to an issued invoice and then reversed (the reversal a row of its own, the
  // allocation left in place as the service leaves it), the others received on account.
  const needed = Number((await one(pg, `SELECT count(*) AS k FROM t_inv WHERE status IN ('paid', 'partly_paid')`)).k);
  const issued = Number((await one(pg, `SELECT count(*) AS k FROM t_inv WHERE status = 'issued'`)).k);
  const pairs = Math.min(issued, Math.floor(Math.max(0, n.payments - needed) / 4));
  const onAccount = Math.max(0, n.payments - needed - 2 * pairs);
  await pg.query(`CREATE TEMP TABLE t_pay ON COMMIT DROP AS
    SELECT gen_random_uuid() AS id, i.id AS invoice_id, i.customer_id, i.paid AS amount,
           least(now() - interval '1 hour', i.invoice_date + (i.n % 45) + time '14:00') AS received_at, i.n, false AS reversed
      FROM t_inv i WHERE i.status IN ('paid', 'partly_paid')
    UNION ALL
    SELECT gen_random_uuid(), i.id, i.customer_id, i.subtotal,
           least(now() - interval '2 hours', i.invoice_date + (i.n % 20) + time '10:00'), i.n, true
      FROM (SELECT * FROM t_inv WHERE status = 'issued' ORDER BY n LIMIT ${pairs}) i`);
  await step(
    'payments',
    `INSERT INTO brokerage_payments (id, org_id, kind, customer_id, amount, currency, method, reference, received_at,
        recorded_by_id, created_at, updated_at)
     SELECT id, $1, 'payment', customer_id, amount, $2, (ARRAY['wire', 'ach', 'check', 'card'])[n % 4 + 1],
            'REM-' || n, received_at, $3, received_at + interval '1 hour', received_at + interval '1 hour'
       FROM t_pay`,
    [orgId, settings.currency, treasurer],
  );
  await step(
    'payment allocations',
    `INSERT INTO brokerage_payment_allocations (org_id, payment_id, invoice_id, amount, allocated_by_id, created_at, updated_at)
     SELECT $1, id, invoice_id, amount, $2, received_at + interval '1 hour', received_at + interval '1 hour' FROM t_pay`,
    [orgId, treasurer],
  );
  await step(
    'reversals',
    `INSERT INTO brokerage_payments (org_id, kind, customer_id, amount, currency, method, reference, received_at,
        recorded_by_id, reversed_payment_id, reason, created_at, updated_at)
     SELECT $1, 'reversal', customer_id, amount, $2, 'wire', 'REV-' || n, received_at + interval '1 hour', $3, id,
            'Returned by the bank', received_at + interval '2 hours', received_at + interval '2 hours'
       FROM t_pay WHERE reversed`,
    [orgId, settings.currency, treasurer],
  );
  await step(
    'payments on account',
    `INSERT INTO brokerage_payments (org_id, kind, customer_id, amount, currency, method, reference, received_at,
        recorded_by_id, created_at, updated_at)
     SELECT $1, 'payment', c.id, 500 + (g % 97) * 25.5, $2, 'ach', 'ACCT-' || g, now() - (g % 90) * interval '1 day',
            $3, now() - (g % 90) * interval '1 day', now() - (g % 90) * interval '1 day'
       FROM generate_series(1, $4::int) g JOIN bc c ON c.i = g % ${counts.c} + 1`,
    [orgId, settings.currency, treasurer, onAccount],
  );
  await pg.query('COMMIT');

  const po = await gapless(pg, orgId, 'brokerage_purchase_orders', '', SEQUENCES.purchaseOrder);
  const inv = await gapless(pg, orgId, 'brokerage_invoices', `AND kind = 'invoice'`, SEQUENCES.invoice);
  if (!po.ok) ctx.problem(`seed: purchase order numbers not gapless ${JSON.stringify(po)}`);
  if (!inv.ok) ctx.problem(`seed: invoice numbers not gapless ${JSON.stringify(inv)}`);
  const rows = await one(
    pg,
    `SELECT (SELECT count(*) FROM brokerage_parties WHERE org_id = $1 AND kind = 'customer')::int AS customers,
            (SELECT count(*) FROM brokerage_parties WHERE org_id = $1 AND kind = 'supplier')::int AS suppliers,
            (SELECT count(*) FROM brokerage_products WHERE org_id = $1)::int AS products,
            (SELECT count(*) FROM brokerage_purchase_orders WHERE org_id = $1)::int AS "purchaseOrders",
            (SELECT count(*) FROM brokerage_sales_orders WHERE org_id = $1)::int AS "salesOrders",
            (SELECT count(*) FROM brokerage_invoices WHERE org_id = $1)::int AS invoices,
            (SELECT count(*) FROM brokerage_payments WHERE org_id = $1)::int AS payments,
            (SELECT count(*) FROM brokerage_payment_allocations WHERE org_id = $1)::int AS allocations`,
    [orgId],
  );
  const buckets = await one(
    pg,
    `SELECT count(*) FILTER (WHERE $2::date - due_date BETWEEN 1 AND 30)::int AS "1-30",
            count(*) FILTER (WHERE $2::date - due_date BETWEEN 31 AND 60)::int AS "31-60",
            count(*) FILTER (WHERE $2::date - due_date BETWEEN 61 AND 90)::int AS "61-90",
            count(*) FILTER (WHERE $2::date - due_date BETWEEN 91 AND 120)::int AS "91-120",
            count(*) FILTER (WHERE $2::date - due_date > 120)::int AS "121+",
            count(*) FILTER (WHERE due_date >= $2::date)::int AS "not due"
       FROM brokerage_invoices
      WHERE org_id = $1 AND kind = 'invoice' AND status IN ('issued', 'partly_paid') AND outstanding > 0`,
    [orgId, today],
  );
  ctx.note(
    `Seeded into ${ORG} (with its demo rows): ${Object.entries(rows)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}; ${pairs} payments reversed, ${onAccount} on account; purchase order numbers 1..${po.hi} and ` +
      `invoice numbers 1..${inv.hi} gapless with their counters.`,
  );
  ctx.note(`Open invoices by days overdue on ${today}: ${JSON.stringify(buckets)}.`);
  checkReceivables(ctx, 'after seeding');
}

/** `check:receivables` over the suite's database: a problem unless every outstanding adds up. */
function checkReceivables(ctx, when) {
  const t = Date.now();
  const r = ctx.cli('check-receivables');
  const summary =
    /\d+ invoices checked[^\n]*|\d+ of \d+ invoices differ[^\n]*/.exec(r.output)?.[0] ?? r.output.slice(-300);
  ctx.note(
    `check:receivables ${when}: exit ${r.exitCode}, ${summary.trim()} (${Math.round((Date.now() - t) / 1000)} s with start-up)`,
  );
  if (r.exitCode !== 0) ctx.problem(`check:receivables ${when} failed: ${r.output.slice(-1000)}`);
}

async function measure(ctx) {
  const { pg, orgId } = ctx;
  const reader = await ctx.token('prime-member');
  const today = (
    await one(
      pg,
      `SELECT to_char((now() AT TIME ZONE s.time_zone)::date, 'YYYY-MM-DD') AS d FROM brokerage_settings s WHERE org_id = $1`,
      [orgId],
    )
  ).d;
  const customers = (
    await pg.query(
      `SELECT customer_id FROM brokerage_invoices
        WHERE org_id = $1 AND kind = 'invoice' AND status IN ('issued', 'partly_paid') AND outstanding > 0 AND due_date < $2::date
        GROUP BY customer_id ORDER BY customer_id LIMIT 300`,
      [orgId, today],
    )
  ).rows.map((r) => r.customer_id);
  if (!customers.length) throw new Error('no customer has an overdue invoice');
  ctx.note(`Overdue invoices read for ${customers.length} customers in rotation.`);
  await ctx.read(
    'GET invoices?overdue=true&customerId=',
    customers.map((id) => `${API}/invoices?overdue=true&customerId=${id}`),
    { token: reader },
  );
  await ctx.read('GET sales-orders?status=in_transit', [`${API}/sales-orders?status=in_transit`], { token: reader });

  let ageing;
  const timed = await ctx.timed('GET receivables/ageing, whole org', 20, async () => {
    ageing = await ctx.api.call('GET', `${API}/receivables/ageing`, reader);
  });
  const totals = ageing.totals.map((t) => `${t.currency} ${t.total} (121+: ${t['121+']})`).join(', ');
  ctx.note(`Ageing: ${ageing.customers.length} customer rows, totals ${totals}.`);
  if (timed.medianMs > AGEING_TARGET_MS)
    ctx.problem(`receivables ageing median ${timed.medianMs} ms, over the ${AGEING_TARGET_MS} ms target`);

  await writes(ctx);
  checkReceivables(ctx, 'after the load');
}

/**
 * POST purchase-orders, each with its own Idempotency-Key, every tenth request (from the 100th)
 * replaying the key and body of the request REPLAY_DISTANCE before it. Then by SQL: the orders made
 * during the load are exactly the keys the server answered 201 for (one order per key, none for a
 * replay), and their numbers follow the counter's start value without a gap.
 */
async function writes(ctx) {
  const { pg, orgId } = ctx;
  const writer = await ctx.token('prime-member');
  const duration = Number(process.env.BENCH_DURATION || 10);
  const suppliers = (
    await pg.query(
      `SELECT id FROM brokerage_parties WHERE org_id = $1 AND kind = 'supplier' AND archived_at IS NULL ORDER BY name LIMIT 200`,
      [orgId],
    )
  ).rows.map((r) => r.id);
  const products = (
    await pg.query(
      `SELECT id, unit_weight FROM brokerage_products WHERE org_id = $1 AND active ORDER BY product_code LIMIT 500`,
      [orgId],
    )
  ).rows;
  const run = Date.now().toString(36);
  // Enough for the duration at 1,500 req/s; past the end wrk starts the list again, whose requests
  // are then replays of their keys (counted below from the records, not assumed).
  const count = Math.max(4000, 1500 * duration);
  const requests = [];
  for (let i = 0; i < count; i++) {
    if (i % 10 === 9 && i >= REPLAY_DISTANCE) {
      requests.push(requests[i - REPLAY_DISTANCE]);
      continue;
    }
    const lines = [0, 1, 2].map((k) => {
      const p = products[(i * 3 + k) % products.length];
      const cases = 10 + ((i + k) % 30);
      return {
        productId: p.id,
        cases,
        weight: (cases * Number(p.unit_weight)).toFixed(3),
        weightUnit: 'LBS',
        priceBasis: 'per_lb',
        unitPrice: (1.75 + ((i + k) % 200) / 100).toFixed(4),
      };
    });
    requests.push({
      path: `${API}/purchase-orders`,
      body: { supplierId: suppliers[i % suppliers.length], notes: `bench ${run} ${i}`, lines },
      headers: { 'Idempotency-Key': `bench-po-${run}-${i}` },
    });
  }
  const distinctKeys = new Set(requests.map((r) => r.headers['Idempotency-Key'])).size;
  const start = await counter(pg, orgId, SEQUENCES.purchaseOrder);
  const row = await ctx.writes('POST purchase-orders (10% replayed Idempotency-Keys)', requests, { token: writer });
  // Requests still in flight when wrk stopped finish on the server: let them.
  await new Promise((resolve) => setTimeout(resolve, 3000));

  const made = await one(
    pg,
    `SELECT count(*)::int AS n, coalesce(min(sequence_number), 0)::int AS lo, coalesce(max(sequence_number), 0)::int AS hi,
            count(DISTINCT sequence_number)::int AS d
       FROM brokerage_purchase_orders WHERE org_id = $1 AND sequence_number > $2`,
    [orgId, start],
  );
  const keys = await one(
    pg,
    `SELECT count(*) FILTER (WHERE response_status = 201)::int AS answered,
            count(*) FILTER (WHERE response_status IS NULL)::int AS pending,
            count(DISTINCT response_body->>'id') FILTER (WHERE response_status = 201)::int AS orders
       FROM idempotency_records WHERE key LIKE $1`,
    [`bench-po-${run}-%`],
  );
  // Every new order is the answer of exactly one key, and no key's answer is missing an order.
  const unmatched = await one(
    pg,
    `SELECT (SELECT count(*) FROM brokerage_purchase_orders o WHERE o.org_id = $1 AND o.sequence_number > $2
               AND NOT EXISTS (SELECT 1 FROM idempotency_records r WHERE r.key LIKE $3 AND r.response_body->>'id' = o.id::text))::int
              AS orders_without_key,
            (SELECT count(*) FROM idempotency_records r WHERE r.key LIKE $3 AND r.response_status = 201
               AND NOT EXISTS (SELECT 1 FROM brokerage_purchase_orders o WHERE o.org_id = $1 AND o.id::text = r.response_body->>'id'))::int
              AS keys_without_order`,
    [orgId, start, `bench-po-${run}-%`],
  );
  const last = await counter(pg, orgId, SEQUENCES.purchaseOrder);
  const oneEach =
    made.n === keys.answered &&
    keys.orders === keys.answered &&
    unmatched.orders_without_key === 0 &&
    unmatched.keys_without_order === 0;
  const numbersGapless =
    made.n === made.d &&
    (made.n === 0 || (made.lo === start + 1 && made.hi === start + made.n)) &&
    last === start + made.n;
  const sent = row.requests;
  const cycled = sent > requests.length;
  // What wrk saw answered is about the first `sent` requests of the list (the threads take alternate
  // lines); up to one request per connection was still running when it stopped.
  const keysUpTo = (k) =>
    new Set(requests.slice(0, Math.min(k, requests.length)).map((r) => r.headers['Idempotency-Key'])).size;
  const replaysSent = Math.min(sent, requests.length) - keysUpTo(sent);
  const created = row.counts['201'] ?? 0;
  ctx.note(
    `Purchase order writes: ${requests.length} requests listed (${distinctKeys} distinct keys, ` +
      `${requests.length - distinctKeys} replays), ${sent} answered during the load${cycled ? ' (wrk started the list again: those are replays)' : ''}; ` +
      `${created} answered 201 (first answers and replays; about ${replaysSent} replays, and ${keysUpTo(sent)} to ` +
      `${keysUpTo(sent + 50)} distinct keys counting the requests still running at the end). After the load: ${made.n} orders made, ${keys.answered} keys ` +
      `answered 201 by the server (${keys.pending} still pending), ${unmatched.orders_without_key} orders without a key, ` +
      `${unmatched.keys_without_order} keys without an order: ${oneEach ? 'one order per key' : 'NOT one order per key'}. ` +
      `Numbers ${made.lo}..${made.hi} from counter ${start} to ${last}: ${numbersGapless ? 'gapless' : 'NOT gapless'}.`,
  );
  if (!oneEach)
    ctx.problem(`purchase orders made (${made.n}) differ from the distinct keys answered 201 (${keys.answered})`);
  if (!numbersGapless)
    ctx.problem(`purchase order numbers of the load are not gapless: ${JSON.stringify({ start, last, ...made })}`);
  if (made.n === 0) ctx.problem('the write load made no purchase order');
}

module.exports = { name: 'brokerage', title: 'Brokerage (prime-meats)', orgSlug: ORG, seed, measure };
