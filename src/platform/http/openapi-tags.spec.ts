import { OPENAPI_TAGS, TAG_GROUP_ORDER, tagForPath } from './openapi-tags';

describe('openapi tags', () => {
  const tag = (path: string) => tagForPath(path)?.name;

  it('follows the URL, longest prefix first', () => {
    expect(tag('/api/v1/orgs/{org}/dkp/raids')).toBe('DKP · Raids');
    expect(tag('/api/v1/orgs/{org}/dkp/raids/{id}')).toBe('DKP · Raids');
    expect(tag('/api/v1/orgs/{org}/dkp/raids/{id}/attendance/import')).toBe('DKP · Attendance');
    expect(tag('/api/v1/orgs/{org}/dkp/discord/users/{discordId}/balance')).toBe('DKP · Discord bot');
    expect(tag('/api/v1/me/discord/link')).toBe('Platform · Auth');
    expect(tag('/api/v1/me/api-keys/{id}')).toBe('Platform · API keys');
  });

  it('matches whole segments and exact paths only where declared', () => {
    expect(tag('/api/v1/orgs/{org}/dkp/raidsx')).toBeUndefined();
    expect(tag('/api/v1/me')).toBe('Platform · My account');
    expect(tag('/api/v1/me/unknown')).toBeUndefined();
    expect(tag('/api/v1/orgs/{org}')).toBe('Platform · Orgs');
    expect(tag('/api/v1/orgs/{org}/unknown')).toBeUndefined();
    expect(tag('/')).toBe('Platform · Service');
    expect(tag('/api/v1')).toBe('Platform · Service');
  });

  it('declares each tag once, in a known group, with a description', () => {
    const names = OPENAPI_TAGS.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const entry of OPENAPI_TAGS) {
      expect(TAG_GROUP_ORDER).toContain(entry.group);
      expect(entry.name.startsWith(`${entry.group} · `)).toBe(true);
      expect(entry.description.length).toBeGreaterThan(20);
    }
  });

  it('lists the groups in order, each tag after the previous group', () => {
    const groupIndex = OPENAPI_TAGS.map((t) => TAG_GROUP_ORDER.indexOf(t.group as (typeof TAG_GROUP_ORDER)[number]));
    expect(groupIndex).toEqual([...groupIndex].sort((a, b) => a - b));
  });
});
