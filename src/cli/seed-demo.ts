import { INestApplicationContext, LoggerService } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { User } from '../platform/auth/users/user.entity';
import { UsersService } from '../platform/auth/users/users.service';
import type { ContextDefinition, DemoOrg, DemoOrgName, DemoUser } from '../platform/contexts/context-definition';
import { CONTEXT_DEFINITIONS } from '../platform/contexts/contexts';
import { Membership } from '../platform/tenancy/members/membership.entity';
import { Org } from '../platform/tenancy/orgs/org.entity';
import type { Grant, Tier } from '../platform/tenancy/tiers';

export const DEMO_PASSWORD = 'quartermaster-demo';

/** One log-in user of a demo org. */
export interface DemoAccount {
  username: string;
  tier: Tier;
  grants: Grant[];
}

/** What a context's demo org is: its name and its accounts (owner, officer, member, one member per grant). */
export interface DemoPlan {
  context: string;
  org: DemoOrgName;
  accounts: DemoAccount[];
}

/** What one run did with a context's demo org. */
export interface DemoOutcome extends DemoPlan {
  created: boolean;
}

export function demoPlan(context: ContextDefinition): DemoPlan {
  const org = context.demo ?? {
    slug: `demo-${context.name}`,
    name: `Demo ${context.name}`,
    usernamePrefix: `demo-${context.name}`,
  };
  const account = (suffix: string, tier: Tier, grants: Grant[] = []): DemoAccount => ({
    username: `${org.usernamePrefix}-${suffix}`,
    tier,
    grants,
  });
  return {
    context: context.name,
    org,
    accounts: [
      account('owner', 'owner'),
      account('officer', 'officer'),
      account('member', 'member'),
      ...context.grants.map((grant) => account(grant, 'member', [grant])),
    ],
  };
}

/**
 * Loads one demo org per enabled context (`npm start -- --demo`, `npm run seed:demo`): its users
 * to log in as, all with DEMO_PASSWORD, and the context's demo data. An org that exists is left
 * alone, so a second run changes nothing.
 */
export async function seedDemo(app: INestApplicationContext, logger: LoggerService): Promise<void> {
  await seedDemoOrgs(app, logger, app.get<ContextDefinition[]>(CONTEXT_DEFINITIONS));
}

/** `seedDemo` over the given contexts (tests hand it contexts of their own). */
export async function seedDemoOrgs(
  app: INestApplicationContext,
  logger: LoggerService,
  contexts: readonly ContextDefinition[],
): Promise<DemoOutcome[]> {
  const db = app.get<DataSource>(getDataSourceToken());
  let passwordHash: string | undefined;
  const outcomes: DemoOutcome[] = [];
  for (const context of contexts) {
    const plan = demoPlan(context);
    const users = plan.accounts.map((a) => `${a.username} (${[a.tier, ...a.grants].join(' + ')})`).join(', ');
    if (await db.getRepository(Org).exists({ where: { slug: plan.org.slug } })) {
      logger.log(`Demo org "${plan.org.slug}" (${plan.context}) already exists; log in as ${users} / ${DEMO_PASSWORD}`);
      outcomes.push({ ...plan, created: false });
      continue;
    }
    passwordHash ??= await app.get(UsersService).hashPassword(DEMO_PASSWORD);
    const demo = await createDemoOrg(db, plan, passwordHash);
    await context.seedDemo?.(app, demo);
    logger.log(
      `Demo org "${plan.org.slug}" (${plan.context}) loaded; log in as ${users} with password ${DEMO_PASSWORD}`,
    );
    outcomes.push({ ...plan, created: true });
  }
  return outcomes;
}

/** The org with the context enabled and its users as members, in one transaction. */
async function createDemoOrg(db: DataSource, plan: DemoPlan, passwordHash: string): Promise<DemoOrg> {
  return db.transaction(async (tx) => {
    const { slug, name } = plan.org;
    const org = await tx.save(Org, tx.create(Org, { slug, name, contexts: [plan.context] }));
    const users = new Map<DemoAccount, DemoUser>();
    for (const account of plan.accounts) {
      const { username, tier, grants } = account;
      // A user of an earlier demo (another org, or a database re-seeded after deleting the org) is reused.
      const user =
        (await tx.findOne(User, { where: { username } })) ??
        (await tx.save(User, tx.create(User, { username, displayName: username, passwordHash })));
      await tx.save(Membership, tx.create(Membership, { orgId: org.id, userId: user.id, tier, grants }));
      users.set(account, { id: user.id, username: user.username });
    }
    const [owner, officer, member, ...holders] = plan.accounts.map((account) => users.get(account)!);
    const grantHolders = Object.fromEntries(holders.map((user, i) => [plan.accounts[i + 3].grants[0], user]));
    return { org: { id: org.id, slug, name }, owner, officer, member, grantHolders };
  });
}
