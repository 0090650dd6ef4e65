import { checkFileSize, checkFileType, MAX_FILE_BYTES } from './file-purposes';

const statusOf = (run: () => unknown) => {
  try {
    run();
    return 200;
  } catch (error) {
    return (error as { getStatus(): number }).getStatus();
  }
};

describe('file purposes', () => {
  it('accepts a type the purpose lists and refuses any other or none (415)', () => {
    expect(checkFileType('document', 'application/pdf')).toBe('application/pdf');
    expect(checkFileType('avatar', 'image/webp')).toBe('image/webp');
    expect(statusOf(() => checkFileType('avatar', 'application/pdf'))).toBe(415);
    expect(statusOf(() => checkFileType('document', 'application/zip'))).toBe(415);
    expect(statusOf(() => checkFileType('document', undefined))).toBe(415);
  });

  it('refuses a file over the purpose limit (413), up to the limit inclusive', () => {
    expect(statusOf(() => checkFileSize('avatar', 2 * 1024 * 1024))).toBe(200);
    expect(statusOf(() => checkFileSize('avatar', 2 * 1024 * 1024 + 1))).toBe(413);
    expect(MAX_FILE_BYTES).toBe(20 * 1024 * 1024);
  });
});
