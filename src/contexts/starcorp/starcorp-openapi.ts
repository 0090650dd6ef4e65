import type { ContextOpenApi } from '../../platform/contexts/context-definition';

/**
 * How Swagger UI shows the starcorp context: its group and one tag per aggregate, each with the
 * paths it covers, relative to `/orgs/{org}/starcorp` (see src/platform/http/openapi-tags.ts).
 */
export const STARCORP_OPENAPI: ContextOpenApi = {
  group: 'Star Citizen',
  tags: [
    {
      name: 'Members & ranks',
      description: "Member profiles, ranks, service records and avatars, and the corporation's people settings.",
      prefixes: ['/members', '/ranks', '/people-settings'],
    },
    {
      name: 'Ships & fleet',
      description:
        "The ship catalog (shared by every org: manufacturers, ships, components) and the members' fleet, one row per hull.",
      prefixes: ['/ships', '/manufacturers', '/fleet'],
    },
    {
      name: 'Squadrons',
      description: 'Squadrons, their commanders and members; joining checks capacity and recruiting.',
      prefixes: ['/squadrons'],
    },
    {
      name: 'Blog',
      description: 'Posts, categories and tags; published posts are public once the org site is on.',
      prefixes: ['/blog'],
    },
    {
      name: 'Contact & items',
      description: "The public contact form and its triage, and the corporation's item store with its movements.",
      prefixes: ['/contact', '/items'],
    },
    {
      name: 'Missions',
      description:
        "Missions run by officers or a squadron's commander; members sign up with their own hulls, attendance adds service records.",
      prefixes: ['/missions'],
    },
    {
      name: 'RSI mirror',
      description:
        "The org's RSI profile (public) synced from the Star Citizen API, and the citizens its RSI page lists, linked to members.",
      prefixes: ['/profile', '/rsi-members'],
    },
    {
      name: 'Messages',
      description:
        'Member messages and threads (1-50 recipients, read receipts, each side deletes its own copy) and officer ' +
        'announcements, kept in the communications store (COMMUNICATIONS_DATABASE_URL, else the main database).',
      prefixes: ['/messages', '/announcements'],
    },
    {
      name: 'Dashboard',
      description:
        'The corporation at a glance: members by rank and tier, squadron sizes, ships per member, upcoming ' +
        'missions, and for officers the new contact submissions.',
      prefixes: ['/dashboard'],
    },
  ],
};
