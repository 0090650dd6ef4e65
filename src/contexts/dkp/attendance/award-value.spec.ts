import { chooseAwardValue } from './award-value';

describe('chooseAwardValue', () => {
  it("pays the raid's value when it has one, whatever the file says", () => {
    expect(chooseAwardValue('10.00')).toEqual({ ok: true, value: '10.00', source: 'raid' });
    expect(chooseAwardValue('10.00', ['5.00'])).toEqual({ ok: true, value: '10.00', source: 'raid' });
    expect(chooseAwardValue('0.00', ['5.00', '7.00'])).toEqual({ ok: true, value: '0.00', source: 'raid' });
  });

  it('pays the RaidTick Points column when the raid has no value', () => {
    expect(chooseAwardValue(null, ['7.50'])).toEqual({ ok: true, value: '7.50', source: 'raidtick' });
  });

  it('refuses when neither says, or when the ticks disagree', () => {
    expect(chooseAwardValue(null)).toEqual({ ok: false, reason: 'no_value', filePoints: [] });
    expect(chooseAwardValue(null, [])).toEqual({ ok: false, reason: 'no_value', filePoints: [] });
    expect(chooseAwardValue(null, ['5.00', '10.00'])).toEqual({
      ok: false,
      reason: 'points_differ',
      filePoints: ['5.00', '10.00'],
    });
  });
});
