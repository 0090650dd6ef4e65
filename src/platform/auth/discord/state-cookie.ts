/**
 * The OAuth `state` is also set in a short-lived cookie on the browser that starts the flow, and
 * the callback requires both to match: a state link sent to someone else (to log them into the
 * sender's account, or to link their Discord to it) fails in their browser.
 */
export const STATE_COOKIE = 'qm_discord_state';
const MAX_AGE_SECONDS = 600;

export function stateCookie(state: string, secure: boolean): string {
  return `${STATE_COOKIE}=${state}; Max-Age=${MAX_AGE_SECONDS}; Path=/api/v1/auth/discord; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

export function stateFromCookies(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === STATE_COOKIE) return value.join('=');
  }
  return undefined;
}
