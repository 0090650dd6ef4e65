import type { TestApp } from './test-app';

export interface ApiResult {
  status: number;
  // Untyped on purpose: the tests read problem and DTO fields alike.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/**
 * Plain-fetch calls to the webhook admin API, so these tests do not depend on the generated SDK
 * having been regenerated for the new routes.
 */
export function webhookApi(t: TestApp, credential: string | { apiKey: string }, org: string) {
  const auth: Record<string, string> =
    typeof credential === 'string' ? { authorization: `Bearer ${credential}` } : { 'x-api-key': credential.apiKey };
  const call = async (method: string, path: string, body?: unknown): Promise<ApiResult> => {
    const response = await fetch(`${t.baseUrl}/api/v1/orgs/${org}/webhooks${path}`, {
      method,
      headers: { ...auth, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  return {
    call,
    create: (body: Record<string, unknown>) => call('POST', '', body),
    list: (query = '') => call('GET', query),
    get: (id: string) => call('GET', `/${id}`),
    update: (id: string, body: Record<string, unknown>) => call('PATCH', `/${id}`, body),
    remove: (id: string) => call('DELETE', `/${id}`),
    rotate: (id: string) => call('POST', `/${id}/rotate-secret`),
    deliveries: (id: string, query = '') => call('GET', `/${id}/deliveries${query}`),
    retry: (id: string, deliveryId: string) => call('POST', `/${id}/deliveries/${deliveryId}/retry`),
    ping: (id: string) => call('POST', `/${id}/ping`),
  };
}
