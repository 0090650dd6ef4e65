import { Module } from '@nestjs/common';
import { BrokerageAssistantModule } from './assistant/assistant.module';
import { BrokerageCoreModule } from './brokerage-core.module';
import { BrokerageInsightsModule } from './insights/insights.module';
import { BrokerageReceivablesModule } from './receivables/receivables.module';
import { BrokerageSalesModule } from './sales/sales.module';
import { BrokerageSupportModule } from './support/support.module';

/**
 * The meat brokerage context: a small parent of its modules. Routes live under
 * /orgs/{org}/brokerage/... and answer 404 for orgs that have not enabled `brokerage`.
 */
@Module({
  imports: [
    BrokerageCoreModule,
    BrokerageSalesModule,
    BrokerageReceivablesModule,
    BrokerageSupportModule,
    BrokerageInsightsModule,
    BrokerageAssistantModule,
  ],
  exports: [BrokerageCoreModule, BrokerageSalesModule, BrokerageReceivablesModule, BrokerageSupportModule],
})
export class BrokerageModule {}
