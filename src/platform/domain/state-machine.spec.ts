import { Problem } from '../http/problem';
import { StateMachine } from './state-machine';

type Light = 'red' | 'green' | 'amber' | 'off';

const light = new StateMachine<Light>('light', {
  red: ['green', 'off'],
  green: ['amber', 'off'],
  amber: ['red', 'off'],
  off: [],
});

describe('StateMachine', () => {
  it('allows the declared moves and no others', () => {
    expect(light.can('red', 'green')).toBe(true);
    expect(light.can('red', 'amber')).toBe(false);
    expect(light.can('off', 'red')).toBe(false);
    expect(light.next('green')).toEqual(['amber', 'off']);
    expect(light.isFinal('off')).toBe(true);
    expect(light.isFinal('red')).toBe(false);
  });

  it('refuses an illegal move with 409 invalid-transition naming the current state', () => {
    expect(() => light.assert('red', 'green')).not.toThrow();
    let thrown: unknown;
    try {
      light.assert('off', 'green');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Problem);
    const problem = thrown as Problem;
    expect(problem.getStatus()).toBe(409);
    expect(problem.getResponse()).toMatchObject({
      slug: 'invalid-transition',
      currentState: 'off',
      attemptedState: 'green',
      detail: 'The light is off; it cannot become green',
    });
  });
});
