import type { DataSource } from 'typeorm';
import type { User } from '../platform/auth/users/user.entity';
import type { Org } from '../platform/tenancy/orgs/org.entity';
import { seedDkpDemo } from './dkp/demo/dkp-demo-seeder';

/** The demo org and its three log-in users, handed to each context's demo seeder. */
export interface DemoOrg {
  org: Org;
  owner: User;
  officer: User;
  member: User;
}

export type DemoSeeder = (db: DataSource, demo: DemoOrg) => Promise<void>;

/** Demo data per context, for `npm run seed:demo` / `npm start -- --demo`. */
export const CONTEXT_DEMO_SEEDERS: Record<string, DemoSeeder> = {
  dkp: seedDkpDemo,
};
