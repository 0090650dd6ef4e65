import { ContextKit, createContextKit } from '../support/context-kit';
import { HttpResult } from '../support/http';
import { TestApp } from '../support/test-app';

/**
 * The starcorp people-and-ships fixture: the shared context kit below `/api/v1/orgs/{org}/starcorp`,
 * on an org with `starcorp` and a user at each tier.
 */
export type PeopleOrg = ContextKit;

export const createPeopleOrg = (t: TestApp): Promise<PeopleOrg> => createContextKit(t, 'starcorp');

/** Expects a 400 validation problem naming `paths`. */
export function expectInvalid(res: HttpResult, paths: string[]): void {
  expect(res.status).toBe(400);
  expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(expect.arrayContaining(paths.sort()));
}

/** Expects a 409 with the slug. */
export function expectConflict(res: HttpResult, slug: string): void {
  expect({ status: res.status, type: res.body?.type }).toEqual({
    status: 409,
    type: expect.stringMatching(new RegExp(`/${slug}$`)),
  });
}
