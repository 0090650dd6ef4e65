import type { ContextOpenApi } from '../../platform/contexts/context-definition';

/**
 * How Swagger UI shows the fbo context: its group and one tag per aggregate, each with the
 * paths it covers, relative to `/orgs/{org}/fbo` (see src/platform/http/openapi-tags.ts).
 */
export const FBO_OPENAPI: ContextOpenApi = {
  group: 'FBO',
  tags: [
    {
      name: 'Settings & parking',
      description:
        "The FBO's airports, time zone, fuel densities and tags, and its parking locations (ramps, gates, spots).",
      prefixes: ['/settings', '/parking-locations'],
    },
    {
      name: 'Aircraft & flights',
      description:
        'Aircraft by tail number and the flights the front desk books: arrivals and departures, services ordered, ' +
        'parking, and their states (planned, scheduled, delayed, arrived, departed, cancelled).',
      prefixes: ['/aircraft', '/flights'],
    },
    {
      name: 'Equipment',
      description: 'Ground support equipment (fuel trucks, tugs, GPUs, ...): status, use and the maintenance log.',
      prefixes: ['/equipment'],
    },
    {
      name: 'Line service',
      description: 'Arrival, departure, turnaround and overnight services on flights: scheduled, started, completed.',
      prefixes: ['/line-services'],
    },
    {
      name: 'Fuel farm',
      description:
        'Storage tanks with their calibration tables, level readings (by hand or from a gauge bot) and the ' +
        '14 CFR 139.321 inspections of tanks and fuel trucks.',
      prefixes: ['/tanks', '/tank-readings', '/trucks'],
    },
    {
      name: 'Fuel stock',
      description:
        'The fuel ledger: receipts, transfers from tanks to trucks, defuels and stick-reading adjustments, ' +
        'with the stock of every tank and truck and the variance. Gallons are decimal strings.',
      prefixes: ['/fuel'],
    },
    {
      name: 'Fuelers & training',
      description:
        'Line staff, training courses, certifications with their expiry, training assignments and compliance.',
      prefixes: [
        '/fuelers',
        '/training-courses',
        '/certifications',
        '/me/certifications',
        '/training-assignments',
        '/compliance',
      ],
    },
    {
      name: 'Fuel dispatch',
      description:
        'Fuel orders (tickets): booking, assigning certified fuelers, the line (acknowledge, en route, fueling, ' +
        'complete with meters; gallons and pounds computed), review and cancel, If-Match edits and the live stream.',
      prefixes: ['/fuel-orders'],
    },
  ],
};
