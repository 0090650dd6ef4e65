import { Problem } from '../../../platform/http/problem';
import { fromCents, toCents } from '../common/cents';
import { points } from '../common/points';
import { insufficientPoints } from '../points/spending';

/** What an award request names (`AwardLootDto`), as its references are looked up. */
export interface AwardRefQuery {
  raidId?: string;
  poolId?: string;
  itemId?: string;
  /** Looked up (any case) only without `itemId`. */
  itemName?: string;
  characterName?: string;
  /** The winner when no `characterName` is given. */
  userId?: string;
}

/** An award request as judged: its references and its amount. */
export interface AwardRequestRefs extends AwardRefQuery {
  amount: string;
}

/** What the request's references resolved to in the org (null: not given, or not the org's). */
export interface ResolvedAwardRefs {
  raidId: string | null;
  poolId: string | null;
  itemId: string | null;
  characterUserId: string | null;
  characterName: string | null;
  /** The winner's balance in the pool, read under its row lock (null: no row yet, 0.00). */
  lockedBalance: string | null;
}

/** An accepted award: where the points come from and who wins. */
export interface AwardDecision {
  poolId: string;
  raidId: string | null;
  userId: string;
  characterName: string | null;
}

export type AwardJudgement = { accepted: AwardDecision } | { refused: Problem };

/** The winner: the named character's current owner, else the user given by id. */
function awardWinnerId(request: AwardRequestRefs, refs: ResolvedAwardRefs): string | null {
  return request.characterName ? refs.characterUserId : (request.userId ?? null);
}

/**
 * Judges loot awards of one org in arrival order, as if each came alone after the ones before it:
 * the references must be the org's (404 for a raid, pool, item, character or member that is not),
 * and the winner's balance in the pool must cover the amount after the awards accepted before it
 * in the same list (409 `insufficient-points`). `members` holds which of the winners given by user
 * id are members of the org.
 */
export function judgeAwards(
  awards: { request: AwardRequestRefs; refs: ResolvedAwardRefs }[],
  members: ReadonlySet<string>,
): AwardJudgement[] {
  const spentCents = new Map<string, number>();
  return awards.map(({ request, refs }) => {
    const refused = referenceRefusal(request, refs, members);
    if (refused) return { refused };
    const decision: AwardDecision = {
      poolId: refs.poolId!,
      raidId: refs.raidId,
      userId: awardWinnerId(request, refs)!,
      characterName: request.characterName ? refs.characterName : null,
    };
    const key = `${decision.poolId}/${decision.userId}`;
    const spent = spentCents.get(key) ?? 0;
    const left = toCents(refs.lockedBalance ?? '0') - spent;
    const amount = toCents(request.amount);
    if (left < amount) return { refused: insufficientPoints(fromCents(left), points(request.amount)) };
    spentCents.set(key, spent + amount);
    return { accepted: decision };
  });
}

/** Why the request's references refuse it, checked in the order a caller would fix them. */
function referenceRefusal(
  request: AwardRequestRefs,
  refs: ResolvedAwardRefs,
  members: ReadonlySet<string>,
): Problem | null {
  if (request.raidId && !refs.raidId) return Problem.notFound('Raid');
  if (!request.poolId && !refs.raidId)
    return Problem.validation([{ path: 'poolId', message: 'poolId is required for an award outside a raid' }]);
  if (!refs.poolId) return Problem.notFound('Pool');
  if (request.itemId && !refs.itemId) return Problem.notFound('Item');
  if (request.characterName) {
    if (!refs.characterUserId) return Problem.notFound(`Character ${request.characterName}`);
    if (request.userId && request.userId !== refs.characterUserId)
      return Problem.validation([{ path: 'characterName', message: 'the character belongs to another user' }]);
    return null;
  }
  return members.has(request.userId!) ? null : Problem.notFound('Member');
}
