import type { INestApplicationContext } from '@nestjs/common';
import type { DemoOrg } from '../../../platform/contexts/context-definition';
import { DkpBulkLoader } from '../bulk/dkp-bulk-loader';
import { generateDemoGuild } from './demo-guild';

/**
 * Demo data for the DKP context: a year-long synthetic guild (see `generateDemoGuild`) loaded
 * with the bulk loader, in which the three demo accounts have characters and points of their
 * own. Balances are checked against the generator's replay before the load commits.
 */
export async function seedDkpDemo(app: INestApplicationContext, demo: DemoOrg): Promise<void> {
  const { guild, expected } = generateDemoGuild({
    demoUsers: {
      owner: { id: demo.owner.id, username: demo.owner.username },
      officer: { id: demo.officer.id, username: demo.officer.username },
      member: { id: demo.member.id, username: demo.member.username },
    },
  });
  await app.get(DkpBulkLoader).load(demo.org.id, guild, { expected, source: 'bulk-load', actorUserId: demo.owner.id });
}
