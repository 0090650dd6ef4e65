/** Small valid file bodies for upload tests: content sniffing needs real magic bytes. */

export const MiB = 1024 * 1024;

/** A 1x1 transparent PNG. */
export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f8ffff3f0005fe02fe' +
    'a7d6a4b00000000049454e44ae426082',
  'hex',
);

/** A minimal PDF (not an image). */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
