import { Problem } from '../../../platform/http/problem';
import { AwardJudgement, AwardRequestRefs, judgeAwards, ResolvedAwardRefs } from './award-rules';

const POOL = 'pool-1';
const RAID = 'raid-1';
const found = (over: Partial<ResolvedAwardRefs> = {}): ResolvedAwardRefs => ({
  raidId: null,
  poolId: POOL,
  itemId: null,
  characterUserId: 'alice',
  characterName: 'Alicia',
  lockedBalance: '100.00',
  ...over,
});
const byCharacter = (amount: string, over: Partial<AwardRequestRefs> = {}): AwardRequestRefs => ({
  poolId: POOL,
  characterName: 'alicia',
  amount,
  ...over,
});

/** The accepted decision. */
const accepted = (judgement: AwardJudgement) => {
  if (!('accepted' in judgement)) throw new Error(`refused: ${judgement.refused.message}`);
  return judgement.accepted;
};
/** The refusal's problem body (slug, detail, field errors). */
const refusal = (judgement: AwardJudgement) => {
  if (!('refused' in judgement)) throw new Error('accepted');
  expect(judgement.refused).toBeInstanceOf(Problem);
  return judgement.refused.getResponse() as { slug: string; detail: string; errors?: unknown };
};

describe('judgeAwards', () => {
  it('accepts an award the balance covers: the character names the winner, with its stored spelling', () => {
    const [judged] = judgeAwards([{ request: byCharacter('40.00'), refs: found() }], new Set());
    expect(accepted(judged)).toEqual({ poolId: POOL, raidId: null, userId: 'alice', characterName: 'Alicia' });
  });

  it('counts the awards accepted before it in the list against the same balance, and only those', () => {
    const judged = judgeAwards(
      [
        { request: byCharacter('60.00'), refs: found() },
        { request: byCharacter('50.00'), refs: found() },
        { request: byCharacter('40.00'), refs: found() },
        { request: byCharacter('0.01'), refs: found() },
      ],
      new Set(),
    );
    expect(judged.map((j) => ('accepted' in j ? 'accepted' : refusal(j).slug))).toEqual([
      'accepted',
      'insufficient-points',
      'accepted',
      'insufficient-points',
    ]);
    // The refusal reports what was left when it was judged.
    expect(refusal(judged[1]).detail).toBe('The user has 40.00 points in this pool and cannot spend 50.00');
    expect(refusal(judged[3]).detail).toBe('The user has 0.00 points in this pool and cannot spend 0.01');
  });

  it('keeps balances apart per pool and per winner', () => {
    const judged = judgeAwards(
      [
        { request: byCharacter('100.00'), refs: found() },
        { request: byCharacter('100.00', { poolId: 'pool-2' }), refs: found({ poolId: 'pool-2' }) },
        { request: { poolId: POOL, userId: 'bob', amount: '100.00' }, refs: found({ characterUserId: null }) },
      ],
      new Set(['bob']),
    );
    expect(judged.every((j) => 'accepted' in j)).toBe(true);
  });

  it('a winner without a balance row has nothing to spend', () => {
    const [judged] = judgeAwards([{ request: byCharacter('0.01'), refs: found({ lockedBalance: null }) }], new Set());
    expect(refusal(judged).slug).toBe('insufficient-points');
  });

  it('refuses references that are not the org’s, in the order a caller would fix them', () => {
    const cases: [AwardRequestRefs, Partial<ResolvedAwardRefs>, string][] = [
      [byCharacter('1.00', { raidId: RAID }), { raidId: null, poolId: null }, 'Raid not found'],
      [byCharacter('1.00', { poolId: undefined }), { poolId: null }, 'poolId is required for an award outside a raid'],
      [byCharacter('1.00'), { poolId: null }, 'Pool not found'],
      [byCharacter('1.00', { itemId: 'item-9' }), { itemId: null }, 'Item not found'],
      [byCharacter('1.00', { characterName: 'Nobody' }), { characterUserId: null }, 'Character Nobody not found'],
      [byCharacter('1.00', { userId: 'bob' }), {}, 'the character belongs to another user'],
      [{ poolId: POOL, userId: 'carol', amount: '1.00' }, {}, 'Member not found'],
    ];
    for (const [request, refs, message] of cases) {
      const [judged] = judgeAwards([{ request, refs: found(refs) }], new Set(['bob']));
      expect(JSON.stringify(refusal(judged))).toContain(message);
    }
  });

  it('an award in a raid takes the raid’s pool; a refused award spends nothing', () => {
    const judged = judgeAwards(
      [
        { request: byCharacter('1.00', { itemId: 'gone' }), refs: found({ itemId: null }) },
        { request: byCharacter('100.00', { raidId: RAID, poolId: undefined }), refs: found({ raidId: RAID }) },
      ],
      new Set(),
    );
    expect(refusal(judged[0]).slug).toBe('not-found');
    expect(accepted(judged[1])).toEqual({ poolId: POOL, raidId: RAID, userId: 'alice', characterName: 'Alicia' });
  });
});
