import { INestApplicationContext, LoggerService } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { User } from '../platform/auth/users/user.entity';
import { UsersService } from '../platform/auth/users/users.service';
import type { ContextDefinition, DemoOrg, DemoUser } from '../platform/contexts/context-definition';
import { CONTEXT_DEFINITIONS } from '../platform/contexts/contexts';
import { Membership } from '../platform/tenancy/members/membership.entity';
import { Org } from '../platform/tenancy/orgs/org.entity';
import type { Tier } from '../platform/tenancy/tiers';

export const DEMO_PASSWORD = 'quartermaster-demo';
const DEMO_SLUG = 'demo-guild';
const DEMO_USERS: [username: string, tier: Tier][] = [
  ['demo-owner', 'owner'],
  ['demo-officer', 'officer'],
  ['demo-member', 'member'],
];

/**
 * Loads the demo org once (a second run leaves it alone): three users to log in as, one per
 * tier, and whatever demo data each enabled context seeds into the org.
 */
export async function seedDemo(app: INestApplicationContext, logger: LoggerService): Promise<void> {
  const db = app.get<DataSource>(getDataSourceToken());
  if (await db.getRepository(Org).exists({ where: { slug: DEMO_SLUG } })) {
    logger.log(
      `Demo org "${DEMO_SLUG}" already exists; log in as ${DEMO_USERS.map(([u]) => u).join(', ')} / ${DEMO_PASSWORD}`,
    );
    return;
  }
  const contexts = app.get<ContextDefinition[]>(CONTEXT_DEFINITIONS);
  const passwordHash = await app.get(UsersService).hashPassword(DEMO_PASSWORD);
  const demo: DemoOrg = await db.transaction(async (tx) => {
    const org = await tx.save(
      Org,
      tx.create(Org, { slug: DEMO_SLUG, name: 'Demo Guild', contexts: contexts.map((context) => context.name) }),
    );
    const users: Record<string, DemoUser> = {};
    for (const [username, tier] of DEMO_USERS) {
      const user =
        (await tx.findOne(User, { where: { username } })) ??
        (await tx.save(User, tx.create(User, { username, displayName: username, passwordHash })));
      await tx.save(Membership, tx.create(Membership, { orgId: org.id, userId: user.id, tier, grants: [] }));
      users[tier] = { id: user.id, username: user.username };
    }
    return {
      org: { id: org.id, slug: org.slug, name: org.name },
      owner: users.owner,
      officer: users.officer,
      member: users.member,
    };
  });
  for (const context of contexts) await context.seedDemo?.(app, demo);
  logger.log(
    `Demo org "${DEMO_SLUG}" loaded; log in as ${DEMO_USERS.map(([u]) => u).join(', ')} with password ${DEMO_PASSWORD}`,
  );
}
