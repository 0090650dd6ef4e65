import { formatDocumentNumber } from './document-numbers';

describe('document numbers', () => {
  it('pads the value to six digits after the prefix, and grows past them', () => {
    expect(formatDocumentNumber('PO-', 42n)).toBe('PO-000042');
    expect(formatDocumentNumber('INV', 1)).toBe('INV000001');
    expect(formatDocumentNumber('T-', 1234567n)).toBe('T-1234567');
    expect(formatDocumentNumber('', 7n, 3)).toBe('007');
  });

  it('starts at 1', () => {
    expect(() => formatDocumentNumber('PO-', 0n)).toThrow(RangeError);
  });
});
