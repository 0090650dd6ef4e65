import { HttpException } from '@nestjs/common';
import type { AssistantLookups } from '../assistant-lookups';
import type { ProviderTool } from '../provider/assistant-provider';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Args = Record<string, unknown>;
interface ToolSpec {
  description: string;
  /** Argument name → its JSON Schema; `required` ones must be given. */
  properties: Record<string, { type: 'string'; description: string; format?: 'uuid' }>;
  required?: string[];
  run(lookups: AssistantLookups, orgId: string, args: Args): Promise<unknown>;
}

const search = {
  type: 'string',
  description: 'Words of the name or code (prefixes); omit to list the first ones',
} as const;
const uuid = (description: string) => ({ type: 'string', format: 'uuid', description }) as const;

/**
 * The only functions the model may call: read-only, each through a brokerage service scoped to
 * the caller's org (the org never comes from the model). Answers are trimmed to what a reply needs.
 */
const TOOLS: Record<string, ToolSpec> = {
  find_suppliers: {
    description: "Finds the org's active suppliers by name or code.",
    properties: { search },
    run: async (l, orgId, a) =>
      (await l.findSuppliers(orgId, a.search as string | undefined)).items.map((s) => ({
        id: s.id,
        name: s.name,
        code: s.code,
        email: s.email,
        phone: s.phone,
      })),
  },
  find_customers: {
    description: "Finds the org's active customers by name or code.",
    properties: { search },
    run: async (l, orgId, a) =>
      (await l.findCustomers(orgId, a.search as string | undefined)).items.map((c) => ({
        id: c.id,
        name: c.name,
        code: c.code,
      })),
  },
  find_products: {
    description: "Finds the org's products by code or description.",
    properties: { search: { type: 'string', description: 'Part of the code or description' } },
    run: async (l, orgId, a) =>
      (await l.findProducts(orgId, a.search as string | undefined)).items.map((p) => ({
        id: p.id,
        productCode: p.productCode,
        description: p.description,
        proteinType: p.proteinType,
        active: p.active,
      })),
  },
  list_open_purchase_orders: {
    description: 'Lists purchase orders that are draft, pending approval or approved, of one supplier if given.',
    properties: { supplierId: uuid('Only the orders of this supplier') },
    run: async (l, orgId, a) =>
      (await l.openPurchaseOrders(orgId, a.supplierId as string | undefined)).map((o) => ({
        id: o.id,
        number: o.number,
        status: o.status,
        supplierId: o.supplierId,
        orderDate: o.orderDate,
        pickupDate: o.pickupDate,
        total: o.total,
        currency: o.currency,
      })),
  },
  get_purchase_order: {
    description: 'Gets one purchase order with its lines.',
    properties: { purchaseOrderId: uuid('The purchase order') },
    required: ['purchaseOrderId'],
    run: (l, orgId, a) => l.purchaseOrder(orgId, a.purchaseOrderId as string),
  },
  customer_receivables: {
    description: "Lists a customer's open invoices: what each still owes and how many days it is overdue.",
    properties: { customerId: uuid('The customer') },
    required: ['customerId'],
    run: async (l, orgId, a) => (await l.receivablesOf(orgId, a.customerId as string)).items,
  },
};

/** The tools in the chat/completions `tools` format. */
export const ASSISTANT_TOOLS: ProviderTool[] = Object.entries(TOOLS).map(([name, spec]) => ({
  type: 'function',
  function: {
    name,
    description: spec.description,
    parameters: {
      type: 'object',
      properties: spec.properties,
      required: spec.required ?? [],
      additionalProperties: false,
    },
  },
}));

export interface ToolOutcome {
  ok: boolean;
  arguments: Args;
  /** What the model reads back (JSON). */
  output: string;
}

/** Arguments checked against the tool's schema: an error sentence, or null when they fit. */
function argumentError(spec: ToolSpec, args: Args): string | null {
  for (const name of Object.keys(args)) if (!(name in spec.properties)) return `unknown argument ${name}`;
  for (const name of spec.required ?? []) if (args[name] === undefined) return `${name} is required`;
  for (const [name, value] of Object.entries(args)) {
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string' || value.length > 120) return `${name} must be a string of at most 120 characters`;
    if (spec.properties[name].format === 'uuid' && !UUID.test(value)) return `${name} must be a UUID`;
  }
  return null;
}

function parseArgs(raw: string): Args | null {
  try {
    const value: unknown = JSON.parse(raw || '{}');
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Args) : null;
  } catch {
    return null;
  }
}

/**
 * Runs one tool call of the model. An unknown tool, bad arguments or a refusal of the service
 * (a record not found: 404) is told to the model as an error, never thrown.
 */
export async function runTool(
  lookups: AssistantLookups,
  orgId: string,
  name: string,
  raw: string,
): Promise<ToolOutcome> {
  const spec = Object.hasOwn(TOOLS, name) ? TOOLS[name] : undefined;
  const args = parseArgs(raw);
  const fail = (error: string): ToolOutcome => ({
    ok: false,
    arguments: args ?? {},
    output: JSON.stringify({ error }),
  });
  if (!spec) return fail(`unknown tool ${name}`);
  if (!args) return fail('the arguments are not a JSON object');
  const invalid = argumentError(spec, args);
  if (invalid) return fail(invalid);
  try {
    return { ok: true, arguments: args, output: JSON.stringify(await spec.run(lookups, orgId, args)) };
  } catch (error) {
    if (error instanceof HttpException && error.getStatus() < 500) {
      const body = error.getResponse() as { detail?: unknown };
      return fail(typeof body?.detail === 'string' ? body.detail : error.message);
    }
    throw error;
  }
}
