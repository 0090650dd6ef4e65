import { applyDecorators, Controller, UseGuards } from '@nestjs/common';
import { ApiProblem } from '../../../platform/http/api-problem.decorator';
import { OrgContext } from '../../../platform/tenancy/org-context.decorator';
import { TrialGuard } from './trial.guard';

/** The path every brokerage route lives under (`/api/v1/orgs/{org}/brokerage/...`). */
export const BROKERAGE_PATH = 'orgs/:org/brokerage';

/**
 * A controller of the brokerage's business data: under the context's path, off for orgs without
 * the context, and its writes refused once the org's trial has ended.
 */
export const BrokerageController = (): ClassDecorator =>
  applyDecorators(
    OrgContext('brokerage'),
    Controller(BROKERAGE_PATH),
    UseGuards(TrialGuard),
    ApiProblem(403, ['trial-expired'], "Writes after the org's trial has ended"),
  );
