import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Job data sealed for its trip through the job queue: the data can hold a secret (a
 * password-reset token, an import's database password) that must not sit readable in the jobs
 * table while the job waits, is retried or is archived. AES-256-GCM under a key derived from the
 * server secret and a purpose (so data sealed for one purpose never opens as another's); a
 * changed secret makes pending jobs fail (and die after their retries) rather than leak.
 */
export interface SealedData {
  v: 1;
  iv: string;
  tag: string;
  data: string;
}

function keyOf(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), purpose, 32));
}

/** `purpose` names what the data is for (e.g. 'quartermaster mail job data v1'); opening needs the same. */
export function sealData(secret: string, data: object, purpose: string): SealedData {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret, purpose), iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(data), 'utf8'), cipher.final()]);
  return {
    v: 1,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: sealed.toString('base64'),
  };
}

/** The data back; throws when it was sealed under another secret or purpose, or altered. */
export function openData<Data>(secret: string, sealed: SealedData, purpose: string): Data {
  const decipher = createDecipheriv('aes-256-gcm', keyOf(secret, purpose), Buffer.from(sealed.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  const plain = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
  return JSON.parse(plain.toString('utf8')) as Data;
}
