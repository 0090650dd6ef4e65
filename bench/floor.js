#!/usr/bin/env node
'use strict';
/**
 * The floor of `npm run bench`: plain Fastify + pg over the bench database, answering the three
 * benchmarked reads at the API's paths with one SQL statement each and nothing else (no auth,
 * no validation, no ORM, org slug resolved once at start). The API's throughput is reported as
 * a ratio of this one's, measured in the same run on the same machine, so the ratio says what
 * the framework, the access checks and the API's extra statements cost.
 *
 * Each statement reads what the API's answer contains, shaped like the API's own data queries
 * (kept in step by hand with src/contexts/dkp: points.queries.ts, raids.repository.ts).
 *
 * Environment: DATABASE_URL (the bench database), PORT, HOST (127.0.0.1), FLOOR_POOL_SIZE (10,
 * the API's default DATABASE_POOL_SIZE). Prints FLOOR_READY when listening.
 */
const path = require('node:path');

const from = process.env.BENCH_MODULES_DIR || path.resolve(__dirname, '..');
const need = (name) => require(require.resolve(name, { paths: [from] }));
const fastify = need('fastify');
const { Pool } = need('pg');

const API_DIST = path.join(process.env.BENCH_API_DIR || path.resolve(__dirname, '..'), 'dist');

/** An export of the measured build's dist/ (`file` under it), or undefined in builds without it. */
function fromBuild(file, name) {
  try {
    return require(path.join(API_DIST, file))[name];
  } catch {
    return undefined;
  }
}

/**
 * The leaderboard statement of the build being measured (BENCH_API_DIR/dist), so the floor runs
 * the API's own query; builds from before it was exported fall back to the old full-pool ranking.
 */
function leaderboardStatement() {
  const LEADERBOARD_SQL = fromBuild('contexts/dkp/points/points.queries.js', 'LEADERBOARD_SQL');
  if (LEADERBOARD_SQL) {
    const since = () => new Date(Date.now() - 30 * 86_400_000);
    return { sql: LEADERBOARD_SQL, params: (orgId, poolId) => [orgId, poolId, 50, 0, since(), new Date()] };
  }
  return { sql: LEGACY_LEADERBOARD, params: (orgId, poolId) => [orgId, poolId, 50, 0] };
}

const LEGACY_LEADERBOARD = `SELECT rank() OVER (ORDER BY b.balance DESC)::int AS rank, b.user_id AS "userId", u.username,
       (SELECT c.name FROM dkp_characters c
         WHERE c.org_id = b.org_id AND c.user_id = b.user_id AND c.main_character_id IS NULL
         ORDER BY c.joined_at LIMIT 1) AS "mainCharacterName",
       b.earned, b.spent, b.balance, count(*) OVER ()::int AS total
  FROM dkp_balances b JOIN users u ON u.id = b.user_id
 WHERE b.org_id = $1 AND b.pool_id = $2
 ORDER BY b.balance DESC, b.user_id
 LIMIT $3 OFFSET $4`;

const BALANCE = `SELECT u.id AS "userId", u.username, u.discord_id AS "discordId", p.id AS "poolId", p.name AS "poolName",
       b.earned, b.spent, b.adjusted, b.decayed, b.balance
  FROM users u
  JOIN memberships m ON m.user_id = u.id AND m.org_id = $1
  JOIN dkp_pools p ON p.org_id = $1
  LEFT JOIN dkp_balances b ON b.org_id = p.org_id AND b.pool_id = p.id AND b.user_id = u.id
 WHERE u.discord_id = $2
 ORDER BY p.name`;

// Times as the build's raid page reads them: ISO text from the SQL where it has ISO_TIMESTAMP.
const ISO = fromBuild('platform/database/iso-time.js', 'ISO_TIMESTAMP') ?? ((column) => column);
const RAIDS = `SELECT r.id, r.event_id AS "eventId", e.name AS "eventName", r.pool_id AS "poolId", ${ISO('r.starts_at')} AS "startsAt",
       r.leader_user_id AS "leaderUserId", r.notes, r.value, ${ISO('r.created_at')} AS "createdAt",
       (SELECT count(*) FROM dkp_attendance a WHERE a.raid_id = r.id) AS "attendeeCount"
  FROM dkp_raids r JOIN dkp_events e ON e.id = r.event_id
 WHERE r.org_id = $1
 ORDER BY r.starts_at DESC, r.id DESC
 LIMIT $2`;

const LEADERBOARD = leaderboardStatement();

async function main() {
  const pool = new Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.FLOOR_POOL_SIZE || 10),
  });
  const orgIds = new Map();
  for (const row of (await pool.query('SELECT id, slug FROM orgs')).rows) orgIds.set(row.slug, row.id);
  const orgOf = (request, reply) => {
    const id = orgIds.get(request.params.org);
    if (!id) reply.code(404).send({ title: 'Not Found' });
    return id;
  };
  const app = fastify({ logger: false });

  app.get('/api/v1/orgs/:org/dkp/points/leaderboard/:poolId', async (request, reply) => {
    const orgId = orgOf(request, reply);
    if (!orgId) return reply;
    const { rows } = await pool.query(LEADERBOARD.sql, LEADERBOARD.params(orgId, request.params.poolId));
    return { items: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
  });

  app.get('/api/v1/orgs/:org/dkp/discord/users/:discordId/balance', async (request, reply) => {
    const orgId = orgOf(request, reply);
    if (!orgId) return reply;
    const { rows } = await pool.query(BALANCE, [orgId, request.params.discordId]);
    if (!rows.length) return reply.code(404).send({ title: 'User not found' });
    const { userId, username, discordId } = rows[0];
    const pools = rows.map(({ poolId, poolName, earned, spent, adjusted, decayed, balance }) => ({
      poolId,
      poolName,
      earned: earned ?? '0.00',
      spent: spent ?? '0.00',
      adjusted: adjusted ?? '0.00',
      decayed: decayed ?? '0.00',
      balance: balance ?? '0.00',
    }));
    return { userId, username, discordId, pools };
  });

  app.get('/api/v1/orgs/:org/dkp/raids', async (request, reply) => {
    const orgId = orgOf(request, reply);
    if (!orgId) return reply;
    const limit = Math.min(Number(request.query.limit) || 50, 100);
    const { rows } = await pool.query(RAIDS, [orgId, limit + 1]);
    const items = rows.slice(0, limit).map((r) => ({ ...r, attendeeCount: Number(r.attendeeCount) }));
    return { items, nextCursor: rows.length > limit ? 'more' : null };
  });

  const close = () => app.close().then(() => pool.end());
  process.once('SIGTERM', () => close().finally(() => process.exit(0)));
  process.once('SIGINT', () => close().finally(() => process.exit(0)));
  await app.listen({ port: Number(process.env.PORT || 3102), host: process.env.HOST || '127.0.0.1' });
  console.log('FLOOR_READY');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
