import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * The role ladder, highest first. Each tier includes every power of the tiers below it.
 * ProjectMeats' manager maps to officer and user to member; EQ DKP's tiers map directly.
 */
export const TIERS = ['owner', 'admin', 'officer', 'member', 'trial', 'readonly', 'applicant', 'guest'] as const;
export type Tier = (typeof TIERS)[number];

/**
 * Narrow powers granted beside the tier, without raising it (a recruiter who is only a member).
 * These are the platform's own; each context adds its grants in its `ContextDefinition`
 * (`dispatcher` and `trainer` are fbo's, `treasurer` brokerage's, `recruiter` DKP's).
 */
export const PLATFORM_GRANTS = ['developer'] as const;

/**
 * The grants contexts add, as a type. A context declares its grants in its definition file with
 * a module augmentation, so `Grant` (and `orGrant: 'recruiter'` in a policy) is checked at compile
 * time without the platform importing the context:
 *
 *   declare module '../../platform/tenancy/tiers' {
 *     interface ContextGrants extends Record<(typeof STARCORP_GRANTS)[number], true> {}
 *   }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ContextGrants {}

export type Grant = (typeof PLATFORM_GRANTS)[number] | Extract<keyof ContextGrants, string>;

/**
 * Every grant at run time: the contexts' grants, then the platform's, as one enum (`Grant`) in the
 * contract. The DTOs' decorators run when their classes are declared, which can be before the
 * app hands its contexts to the platform (a context's module imports platform code, so the
 * platform's DTOs load first). So this one array is filled in place by `registerContextGrants`
 * instead of being replaced: `@ApiProperty({ enum: GRANTS })` keeps a reference to it and reads it
 * when the OpenAPI document is built, and `@IsGrantList()` reads it when a request is validated.
 */
export const GRANTS: readonly Grant[] = [...PLATFORM_GRANTS];

/**
 * Sets the grants of every defined context (disabled ones too: stored grants stay valid and the
 * contract does not change with CONTEXTS_DISABLED). Idempotent: each app built in one process
 * (tests) registers the same list again.
 */
export function registerContextGrants(contextGrants: readonly Grant[]): void {
  const all = [...new Set([...contextGrants, ...PLATFORM_GRANTS])];
  (GRANTS as Grant[]).splice(0, GRANTS.length, ...all);
}

export function isGrant(value: unknown): value is Grant {
  return GRANTS.includes(value as Grant);
}

/**
 * A request's list of grants: each one a registered grant, and no more of them than there are
 * grants. Reads `GRANTS` per request (see above), where `@IsIn(GRANTS)` with `@ArrayMaxSize(GRANTS.length)`
 * would fix the length at class declaration.
 */
export function IsGrantList(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isGrantList',
      validator: {
        validate: (value: unknown) => Array.isArray(value) && value.length <= GRANTS.length && value.every(isGrant),
        defaultMessage: () => `$property must hold at most ${GRANTS.length} grants, each one of: ${GRANTS.join(', ')}`,
      },
    },
    options,
  );
}

const RANK: Record<Tier, number> = Object.fromEntries(TIERS.map((t, i) => [t, TIERS.length - i])) as Record<
  Tier,
  number
>;

export function tierRank(tier: Tier): number {
  return RANK[tier];
}

export function tierAtLeast(tier: Tier, required: Tier): boolean {
  return RANK[tier] >= RANK[required];
}
