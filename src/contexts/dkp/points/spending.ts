import { Problem } from '../../../platform/http/problem';

/**
 * The refusal of a debit that the balance does not cover (409 `insufficient-points`). `balance` is
 * what the user has in the pool when the debit is judged, after any debits judged before it.
 */
export function insufficientPoints(balance: string, amount: string): Problem {
  return Problem.conflict(
    `The user has ${balance} points in this pool and cannot spend ${amount}`,
    'insufficient-points',
    {
      balance,
    },
  );
}
