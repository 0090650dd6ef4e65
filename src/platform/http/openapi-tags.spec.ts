import type { ContextDefinition } from '../contexts/context-definition';
import { openApiTags, tagForPath } from './openapi-tags';

/** Two made-up contexts: the platform's table must not depend on the real ones. */
const CONTEXTS: Pick<ContextDefinition, 'name' | 'openapi'>[] = [
  {
    name: 'guild',
    openapi: {
      group: 'Guild',
      tags: [
        { name: 'Raids', description: 'Raids: when, which event, which pool.', prefixes: ['/raids'] },
        {
          name: 'Attendance',
          description: 'Who was at a raid, by hand or from a dump.',
          prefixes: ['/raids/{id}/attendance'],
        },
        { name: 'Bot', description: "What the guild's Discord bot calls.", prefixes: ['/discord'], exact: ['/bot'] },
      ],
    },
  },
  {
    name: 'yard',
    openapi: {
      group: 'Yard',
      tags: [{ name: 'Ships', description: 'Ships in the yard, one row per hull.', prefixes: ['/ships'] }],
    },
  },
];

describe('openapi tags', () => {
  const { entries, groupOrder } = openApiTags(CONTEXTS);
  const tag = (path: string) => tagForPath(entries, path)?.name;

  it("prefixes a context's tags with its group and its paths with its root", () => {
    expect(tag('/api/v1/orgs/{org}/guild/raids')).toBe('Guild · Raids');
    expect(tag('/api/v1/orgs/{org}/guild/raids/{id}')).toBe('Guild · Raids');
    expect(tag('/api/v1/orgs/{org}/guild/bot')).toBe('Guild · Bot');
    expect(tag('/api/v1/orgs/{org}/yard/ships/{id}')).toBe('Yard · Ships');
    expect(tag('/api/v1/orgs/{org}/yard/raids')).toBeUndefined();
  });

  it('follows the URL, longest prefix first', () => {
    expect(tag('/api/v1/orgs/{org}/guild/raids/{id}/attendance/import')).toBe('Guild · Attendance');
    expect(tag('/api/v1/me/discord/link')).toBe('Platform · Auth');
    expect(tag('/api/v1/me/api-keys/{id}')).toBe('Platform · API keys');
  });

  it('matches whole segments and exact paths only where declared', () => {
    expect(tag('/api/v1/orgs/{org}/guild/raidsx')).toBeUndefined();
    expect(tag('/api/v1/orgs/{org}/guild/bot/more')).toBeUndefined();
    expect(tag('/api/v1/me')).toBe('Platform · My account');
    expect(tag('/api/v1/me/unknown')).toBeUndefined();
    expect(tag('/api/v1/orgs/{org}')).toBe('Platform · Orgs');
    expect(tag('/api/v1/orgs/{org}/unknown')).toBeUndefined();
    expect(tag('/')).toBe('Platform · Service');
    expect(tag('/api/v1')).toBe('Platform · Service');
  });

  it('declares each tag once, in a known group, with a description', () => {
    const names = entries.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const entry of entries) {
      expect(groupOrder).toContain(entry.group);
      expect(entry.name.startsWith(`${entry.group} · `)).toBe(true);
      expect(entry.description.length).toBeGreaterThan(20);
    }
  });

  it('lists the platform first, then the contexts in registry order', () => {
    expect(groupOrder).toEqual(['Platform', 'Guild', 'Yard']);
    const groupIndex = entries.map((t) => groupOrder.indexOf(t.group));
    expect(groupIndex).toEqual([...groupIndex].sort((a, b) => a - b));
  });
});
