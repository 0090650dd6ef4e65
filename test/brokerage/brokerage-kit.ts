import { ContextKit, createContextKit } from '../support/context-kit';
import { TestApp } from '../support/test-app';

export { errorPaths } from '../support/context-kit';

/**
 * The brokerage tests' fixture: the shared context kit below `/orgs/{org}/brokerage`, on an org
 * with the brokerage enabled and a user at every tier.
 */
export type Brokerage = ContextKit;

export const createBrokerage = (t: TestApp): Promise<Brokerage> => createContextKit(t, 'brokerage');

let counter = 0;
/** A name unique within the run. */
export const uniqueName = (prefix: string): string =>
  `${prefix} ${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
