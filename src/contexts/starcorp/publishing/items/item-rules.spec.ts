import { Problem } from '../../../../platform/http/problem';
import { quantityAfter } from './item-rules';

describe('quantityAfter', () => {
  it('adds and removes units down to zero', () => {
    expect(quantityAfter(3, 2)).toBe(5);
    expect(quantityAfter(3, -3)).toBe(0);
  });

  it('refuses to go below zero with 409 insufficient-quantity and the figures', () => {
    try {
      quantityAfter(3, -5);
      throw new Error('expected a problem');
    } catch (error) {
      expect(error).toBeInstanceOf(Problem);
      expect((error as Problem).getResponse()).toEqual(
        expect.objectContaining({ status: 409, slug: 'insufficient-quantity', quantity: 3, delta: -5 }),
      );
    }
  });
});
