import { Problem } from '../../../../platform/http/problem';

/** The quantity after `delta`, or 409 `insufficient-quantity` when it would go below zero. */
export function quantityAfter(quantity: number, delta: number): number {
  const next = quantity + delta;
  if (next < 0)
    throw Problem.conflict(`Only ${quantity} in stock; cannot remove ${-delta}`, 'insufficient-quantity', {
      quantity,
      delta,
    });
  return next;
}
