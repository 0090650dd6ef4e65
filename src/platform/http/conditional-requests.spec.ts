import { Problem } from './problem';
import { assertIfMatch, etagMatches, ifMatchHolds } from './conditional-requests';

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

describe('If-None-Match', () => {
  it('matches the ETag weakly or strongly, in a list, or *', () => {
    expect(etagMatches('"v1"', '"v1"')).toBe(true);
    expect(etagMatches('W/"v1"', '"v1"')).toBe(true);
    expect(etagMatches('"v0", "v1"', '"v1"')).toBe(true);
    expect(etagMatches('*', '"v1"')).toBe(true);
    expect(etagMatches('"v2"', '"v1"')).toBe(false);
    expect(etagMatches(undefined, '"v1"')).toBe(false);
  });
});
