import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';

/**
 * EQdkp Plus' encrypted user columns (`user_email`, `auth_account`; `core/encrypt.class.php` with
 * `libraries/aes/AES.class.php`): AES-256-CTR whose key is derived from md5(encryptionKey), stored
 * as base64(nonce(8) ‖ ciphertext). See SCHEMA-NOTES.md "Encrypted user columns".
 */
export function eqdkpAesKey(encryptionKey: string): Buffer {
  const pw = Buffer.from(createHash('md5').update(encryptionKey, 'utf8').digest('hex'), 'ascii');
  const ecb = createCipheriv('aes-256-ecb', pw, null);
  ecb.setAutoPadding(false);
  const k16 = Buffer.concat([ecb.update(pw.subarray(0, 16)), ecb.final()]);
  return Buffer.concat([k16, k16]);
}

/** The clear text of one stored value; empty stays empty. */
export function decryptEqdkp(stored: string | null | undefined, key: Buffer): string {
  if (!stored) return '';
  const raw = Buffer.from(stored, 'base64');
  if (raw.length < 8) return '';
  const iv = Buffer.concat([raw.subarray(0, 8), Buffer.alloc(8)]);
  const decipher = createDecipheriv('aes-256-ctr', key, iv);
  return Buffer.concat([decipher.update(raw.subarray(8)), decipher.final()]).toString('utf8');
}

/** The Discord user id in a decrypted `auth_account` (a PHP-serialized array), or null. */
export function discordIdOf(authAccount: string): string | null {
  const match = /s:7:"discord";s:\d+:"(\d{5,20})"/.exec(authAccount);
  return match ? match[1] : null;
}
