import { DISCORD_USERNAME_LENGTH, DISCORD_USERNAME_PATTERN } from './discord-username';

describe('Discord username pattern', () => {
  it.each(['ab', 'some_player', 'a.b.c', '.leading', 'trailing.', '__', '9'.repeat(32), 'Old Name#1234', 'xy#0001'])(
    'accepts %j',
    (name) => {
      expect(DISCORD_USERNAME_PATTERN.test(name)).toBe(true);
      expect(name.length).toBeGreaterThanOrEqual(DISCORD_USERNAME_LENGTH.min);
      expect(name.length).toBeLessThanOrEqual(DISCORD_USERNAME_LENGTH.max);
    },
  );

  it('keeps the documented lengths in line with the pattern', () => {
    expect(DISCORD_USERNAME_PATTERN.test('y'.repeat(32) + '#1234')).toBe(true);
    expect(('y'.repeat(32) + '#1234').length).toBe(DISCORD_USERNAME_LENGTH.max);
  });

  it.each([
    'a',
    'a'.repeat(33),
    'Upper',
    'two..dots',
    '..',
    'with space',
    'a@b',
    'emoji🙂',
    'name#123',
    'name#12345',
    '@@#1234',
    'a#1234',
    'tab\there#1234',
    'x'.repeat(33) + '#1234',
    '',
  ])('refuses %j', (name) => {
    expect(DISCORD_USERNAME_PATTERN.test(name)).toBe(false);
  });
});
