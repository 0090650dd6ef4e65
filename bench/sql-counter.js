'use strict';
/**
 * Preloaded into the benchmarked API (`node -r bench/sql-counter.js dist/main.js`): counts the SQL
 * statements the process sends through the pg driver, without changing the API's code, so the
 * same count works on any build (the "before" build included). The count is served on
 * 127.0.0.1:BENCH_SQL_COUNTER_PORT (GET / -> {"statements": n}); the bench reads it before and
 * after a fixed number of sequential requests of one route. With BENCH_SQL_LOG=<file>, each
 * distinct statement text is appended to that file once (to see what a route runs).
 *
 * Every statement goes through pg's Client#query (Pool#query delegates to it; BEGIN and COMMIT
 * included), so patching that one method counts them all. The cost is one increment per call.
 */
const fs = require('node:fs');
const http = require('node:http');

const pg = require(require.resolve('pg', { paths: [process.cwd()] }));
const port = Number(process.env.BENCH_SQL_COUNTER_PORT || 0);
const logFile = process.env.BENCH_SQL_LOG;
const seen = new Set();
let statements = 0;

const original = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(config, ...rest) {
  statements++;
  if (logFile) {
    const text = typeof config === 'string' ? config : config && config.text;
    if (text && !seen.has(text)) {
      seen.add(text);
      fs.appendFileSync(logFile, `${text.replace(/\s+/g, ' ').trim()}\n`);
    }
  }
  return original.call(this, config, ...rest);
};

if (port) {
  const server = http.createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ statements }));
  });
  server.listen(port, '127.0.0.1');
  // Never keeps the API alive on shutdown.
  server.unref();
}
