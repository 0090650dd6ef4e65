import { Problem } from './problem';
import { assertIfMatch, ifMatchHolds } from './if-match';

const statusOf = (fn: () => void): number | null => {
  try {
    fn();
  } catch (error) {
    return (error as Problem).getStatus();
  }
  return null;
};

describe('If-Match', () => {
  it('matches the quoted revision, a list holding it, or *; never a weak tag', () => {
    expect(ifMatchHolds('"3"', 3)).toBe(true);
    expect(ifMatchHolds('"2", "3"', 3)).toBe(true);
    expect(ifMatchHolds('*', 3)).toBe(true);
    expect(ifMatchHolds('W/"3"', 3)).toBe(false);
    expect(ifMatchHolds('"2"', 3)).toBe(false);
    expect(ifMatchHolds('3', 3)).toBe(false);
  });

  it('is 412 when stale, 428 when required and missing, and passes when optional and missing', () => {
    expect(statusOf(() => assertIfMatch('"1"', 2, { required: true, what: 'order' }))).toBe(412);
    expect(statusOf(() => assertIfMatch(undefined, 2, { required: true, what: 'order' }))).toBe(428);
    expect(statusOf(() => assertIfMatch(undefined, 2, { required: false, what: 'order' }))).toBeNull();
    expect(statusOf(() => assertIfMatch('"2"', 2, { required: true, what: 'order' }))).toBeNull();
  });
});
