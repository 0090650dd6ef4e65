import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../../../platform/config/app-config';
import { Problem } from '../../../../platform/http/problem';
import {
  mergeMemberPages,
  parseCitizenBio,
  parseOrganization,
  parseOrganizationMembersPage,
  RSI_MEMBERS_PAGE_SIZE,
  RsiCitizenListing,
  RsiMembersPage,
  RsiOrganization,
  RsiUpstreamError,
} from './rsi-api-parse';

/** Pages of 32 the member sync reads at most: 64,000 members, past the largest organizations. */
const MAX_MEMBER_PAGES = 2000;

/** The 502 every upstream failure becomes: the caller changes nothing. */
export function upstreamUnavailable(reason: string): Problem {
  return new Problem(502, `The Star Citizen API is unavailable (${reason}); nothing was changed`, {
    slug: 'upstream-unavailable',
  });
}

/**
 * The community Star Citizen API (`${SC_API_BASE_URL}/${SC_API_KEY}/v1/live/...`). Each call has a
 * deadline, follows no redirect and reads at most `SC_API_MAX_RESPONSE_BYTES`; any failure
 * (unreachable, timeout, non-2xx, too large, not JSON, `success: 0`, wrong shape) is a 502
 * `upstream-unavailable`, and an unconfigured API a 503 `rsi-api-not-configured`.
 */
@Injectable()
export class RsiApiClient {
  private readonly logger = new Logger(RsiApiClient.name);

  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  async organization(sid: string): Promise<RsiOrganization> {
    return this.get(`organization/${encodeURIComponent(sid)}`, parseOrganization);
  }

  /**
   * Every listed member, page after page until a page is not full. The list must be whole: the
   * sync marks everyone missing from it departed, so a page that fails fails the whole call, and
   * so does a list longer than MAX_MEMBER_PAGES pages (rather than a truncated one).
   */
  async organizationMembers(sid: string): Promise<RsiCitizenListing[]> {
    const pages: RsiMembersPage[] = [];
    for (let page = 1; ; page++) {
      if (page > MAX_MEMBER_PAGES) {
        this.logger.warn({ sid, pages: MAX_MEMBER_PAGES }, 'RSI member list longer than the sync reads');
        throw upstreamUnavailable(`the member list has more than ${MAX_MEMBER_PAGES} pages`);
      }
      const answer = await this.get(
        `organization_members/${encodeURIComponent(sid)}?page=${page}`,
        parseOrganizationMembersPage,
      );
      pages.push(answer);
      if (answer.entries < RSI_MEMBERS_PAGE_SIZE) return mergeMemberPages(pages);
    }
  }

  /** The citizen's current RSI bio (null: none). */
  async citizenBio(handle: string): Promise<string | null> {
    return this.get(`user/${encodeURIComponent(handle)}`, parseCitizenBio);
  }

  private async get<T>(path: string, parse: (body: unknown) => T): Promise<T> {
    const { SC_API_BASE_URL: base, SC_API_KEY: key } = this.config;
    if (!base) {
      throw new Problem(503, 'The Star Citizen API is not configured on this server (SC_API_BASE_URL)', {
        slug: 'rsi-api-not-configured',
      });
    }
    const url = `${base.replace(/\/+$/, '')}/${encodeURIComponent(key ?? '')}/v1/live/${path}`;
    try {
      return parse(await this.fetchJson(url));
    } catch (error) {
      const reason = error instanceof RsiUpstreamError ? error.message : 'unreachable or timed out';
      // The URL holds the key: log the path only.
      this.logger.warn({ path, reason, err: error instanceof RsiUpstreamError ? undefined : String(error) });
      throw upstreamUnavailable(reason);
    }
  }

  private async fetchJson(url: string): Promise<unknown> {
    const response = await fetch(url, {
      headers: { accept: 'application/json' },
      redirect: 'manual',
      signal: AbortSignal.timeout(this.config.SC_API_TIMEOUT_MS),
    });
    if (response.status < 200 || response.status > 299) {
      await response.body?.cancel().catch(() => undefined);
      throw new RsiUpstreamError(`the API answered ${response.status}`);
    }
    const bytes = await readCapped(response, this.config.SC_API_MAX_RESPONSE_BYTES);
    try {
      return JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new RsiUpstreamError('the answer is not JSON');
    }
  }
}

/** The body, refused once it passes `max` bytes (declared or read). */
async function readCapped(response: Response, max: number): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    await response.body?.cancel().catch(() => undefined);
    throw new RsiUpstreamError('the answer is too large');
  }
  if (!response.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw new RsiUpstreamError('the answer is too large');
    }
    chunks.push(Buffer.from(chunk.value));
  }
  return Buffer.concat(chunks);
}
