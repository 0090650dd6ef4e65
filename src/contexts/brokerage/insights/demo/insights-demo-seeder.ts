import type { INestApplicationContext } from '@nestjs/common';
import type { DemoOrg } from '../../../../platform/contexts/context-definition';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { ExportsService } from '../exports/exports.service';

/**
 * The insights demo: the dashboard needs nothing of its own (it reads the other modules' demo
 * orders and invoices); the owner's first export of the demo data is made here, so the exports
 * list shows a completed run with a ZIP to download. Runs once (skipped when the org has exports).
 */
export async function seedInsightsDemo(app: INestApplicationContext, demo: DemoOrg): Promise<void> {
  const exports = app.get(ExportsService);
  const owner: OrgAccess = { org: demo.org as OrgAccess['org'], tier: 'owner', grants: [], userId: demo.owner.id };
  if ((await exports.list(owner, { limit: 1 } as never)).items.length) return;
  const { export: run } = await exports.request(owner);
  // Its job is queued too; run here, it finds the run completed and leaves it.
  await exports.execute({ runId: run.id, orgId: demo.org.id, orgSlug: demo.org.slug });
}
