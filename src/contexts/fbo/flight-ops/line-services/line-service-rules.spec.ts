import { Problem } from '../../../../platform/http/problem';
import { assertMayWork, LINE_SERVICE_MACHINE, LINE_SERVICE_STATUSES } from './line-service-rules';

describe('line service transitions', () => {
  const allowed = new Set([
    'scheduled>in_progress',
    'scheduled>cancelled',
    'in_progress>completed',
    'in_progress>cancelled',
  ]);

  it('allows exactly the moves of the issue; completing needs a start', () => {
    for (const from of LINE_SERVICE_STATUSES)
      for (const to of LINE_SERVICE_STATUSES)
        expect({ move: `${from}>${to}`, ok: LINE_SERVICE_MACHINE.can(from, to) }).toEqual({
          move: `${from}>${to}`,
          ok: allowed.has(`${from}>${to}`),
        });
    expect(() => LINE_SERVICE_MACHINE.assert('scheduled', 'completed')).toThrow(Problem);
  });
});

describe('assertMayWork', () => {
  const service = { personnelUserIds: ['u1'] };

  it('lets assigned personnel and officers work it, nobody else', () => {
    expect(() => assertMayWork({ userId: 'u1', tier: 'member' }, service)).not.toThrow();
    expect(() => assertMayWork({ userId: 'u9', tier: 'officer' }, service)).not.toThrow();
    expect(() => assertMayWork({ userId: 'u9', tier: 'owner' }, service)).not.toThrow();
    expect(() => assertMayWork({ userId: 'u2', tier: 'member' }, service)).toThrow(Problem);
    expect(() => assertMayWork({ userId: null, tier: null }, service)).toThrow(Problem);
  });
});
