import type { ContextDefinition } from '../../platform/contexts/context-definition';
import { BROKERAGE_OPENAPI } from './brokerage-openapi';
import { BROKERAGE_PROBLEMS } from './brokerage-problems';
import { seedBrokerageDemo } from './demo/brokerage-demo-seeder';
import { ASSISTANT_PROBLEMS } from './assistant/assistant-problems';
import { seedAssistantDemo } from './assistant/demo/assistant-demo-seeder';
import { BrokerageModule } from './brokerage.module';
import { INSIGHTS_PROBLEMS } from './insights/insights-problems';
import { seedInsightsDemo } from './insights/demo/insights-demo-seeder';
import { RECEIVABLES_PROBLEMS } from './receivables/receivables-problems';
import { seedReceivablesDemo } from './receivables/demo/receivables-demo-seeder';
import { SALES_PROBLEMS } from './sales/sales-problems';
import { seedSalesDemo } from './sales/demo/sales-demo-seeder';
import { SUPPORT_PROBLEMS } from './support/support-problems';
import { seedSupportDemo } from './support/demo/support-demo-seeder';

/** The grants the brokerage adds: accounting invoices and collects without being officers. */
const BROKERAGE_GRANTS = ['treasurer'] as const;

// Makes the context's grants part of the platform's `Grant` type (see `ContextGrants`).
declare module '../../platform/tenancy/tiers' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContextGrants extends Record<(typeof BROKERAGE_GRANTS)[number], true> {}
}

export const brokerageContext: ContextDefinition = {
  name: 'brokerage',
  module: BrokerageModule,
  description:
    'Meat brokerage: suppliers, customers, plants and carriers, products, purchase and sales orders, ' +
    'invoices, payments and receivables.',
  openapi: BROKERAGE_OPENAPI,
  grants: BROKERAGE_GRANTS,
  scopes: ['brokerage:read', 'brokerage:write', 'brokerage:admin'],
  problems: [
    ...BROKERAGE_PROBLEMS,
    ...SALES_PROBLEMS,
    ...RECEIVABLES_PROBLEMS,
    ...SUPPORT_PROBLEMS,
    ...INSIGHTS_PROBLEMS,
    ...ASSISTANT_PROBLEMS,
  ],
  demo: { slug: 'prime-meats', name: 'Prime Meats', usernamePrefix: 'prime' },
  seedDemo: async (app, demo) => {
    await seedBrokerageDemo(app, demo);
    await seedSalesDemo(app, demo);
    await seedReceivablesDemo(app, demo);
    await seedSupportDemo(app, demo);
    await seedInsightsDemo(app, demo);
    await seedAssistantDemo(app, demo);
  },
};
