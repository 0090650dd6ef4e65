/**
 * Whether a failed send certainly did not hand the message over, so that sending it again cannot
 * make a second copy. SMTP hands a message over when the server answers the end of DATA with 2xx.
 * - The server answered with a 4xx/5xx code (to any command, DATA included): it refused the
 *   message, nothing was delivered.
 * - The failure came at a command before DATA (connect, greeting, TLS, auth, envelope): the message
 *   was never sent.
 * - Anything else (the connection dropped or timed out while or after the message was sent):
 *   the server may have accepted it. That is "uncertain": not retried, so never sent twice.
 */
export function failedBeforeHandOver(error: unknown): boolean {
  const { responseCode, command, code } = (error ?? {}) as {
    responseCode?: unknown;
    command?: unknown;
    code?: unknown;
  };
  if (typeof responseCode === 'number' && responseCode >= 400 && responseCode < 600) return true;
  if (typeof code === 'string' && PRE_TRANSFER_CODES.has(code)) return true;
  return typeof command === 'string' && PRE_DATA_COMMANDS.has(command.toUpperCase());
}

/** Nodemailer error codes that only arise before the message is transferred. */
const PRE_TRANSFER_CODES = new Set(['ECONNECTION', 'EDNS', 'EAUTH', 'ETLS', 'EENVELOPE', 'EFILEWRITE']);

/** SMTP commands (as nodemailer names them on an error) that come before the message itself. */
const PRE_DATA_COMMANDS = new Set([
  'CONN',
  'GREETING',
  'EHLO',
  'HELO',
  'LHLO',
  'STARTTLS',
  'AUTH',
  'AUTH PLAIN',
  'AUTH LOGIN',
  'MAIL FROM',
  'RCPT TO',
]);
