import { exceedsJsonDepth } from './json-body';

describe('exceedsJsonDepth', () => {
  const nested = (depth: number, open = '[', close = ']') => open.repeat(depth) + close.repeat(depth);

  it('allows nesting up to the limit and refuses one level more', () => {
    expect(exceedsJsonDepth(nested(32))).toBe(false);
    expect(exceedsJsonDepth(nested(33))).toBe(true);
    expect(exceedsJsonDepth('{"a":' + nested(31) + '}')).toBe(false);
    expect(exceedsJsonDepth('{"a":' + nested(32, '{"b":', '}') + '}')).toBe(true);
  });

  it('counts depth, not the number of brackets', () => {
    expect(exceedsJsonDepth(JSON.stringify(Array.from({ length: 10_000 }, () => [[1], { a: [2] }])))).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(exceedsJsonDepth(JSON.stringify({ name: '['.repeat(1000) }))).toBe(false);
    expect(exceedsJsonDepth(JSON.stringify({ name: '"[' + '\\"['.repeat(1000) }))).toBe(false);
    expect(exceedsJsonDepth('["\\\\"' + ',['.repeat(40))).toBe(true);
  });
});
