import { Problem } from '../http/problem';

/**
 * A lifecycle's allowed moves, declared once per aggregate as data (`{ draft: ['approved', ...] }`)
 * so that the rule, its tests and the docs read the same table. Every context uses it; an illegal
 * move is always the same 409 `invalid-transition` problem with `currentState`, so clients handle
 * it once.
 */
export type Transitions<S extends string> = Readonly<Record<S, readonly S[]>>;

export class StateMachine<S extends string> {
  constructor(
    /** What the states belong to, for messages: "fuel order", "invoice". */
    readonly subject: string,
    readonly transitions: Transitions<S>,
  ) {}

  /** The states `from` may move to. */
  next(from: S): readonly S[] {
    return this.transitions[from] ?? [];
  }

  can(from: S, to: S): boolean {
    return this.next(from).includes(to);
  }

  /** States no move leaves. */
  isFinal(state: S): boolean {
    return this.next(state).length === 0;
  }

  /** Throws 409 `invalid-transition` unless `from → to` is allowed. */
  assert(from: S, to: S): void {
    if (!this.can(from, to)) throw invalidTransition(this.subject, from, to);
  }
}

/**
 * The 409 for a move the current state does not allow. `currentState` is the state the resource
 * is in now, so a client that raced another can refresh its view without another read.
 */
export function invalidTransition(subject: string, currentState: string, attempted: string): Problem {
  return new Problem(409, `The ${subject} is ${currentState}; it cannot become ${attempted}`, {
    slug: 'invalid-transition',
    extensions: { currentState, attemptedState: attempted },
  });
}
