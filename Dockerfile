# syntax=docker/dockerfile:1
# Quartermaster API image: `docker compose up` (see docker-compose.yml) or
#   docker build -t quartermaster . && docker run -e DATABASE_URL=... -e JWT_SECRET=... -p 3000:3000 quartermaster
# Migrations are applied when the app starts (TypeORM migrationsRun), so no separate step.
# One image serves the API, the worker (JOBS_ENABLED=true) and the Discord bot
#   (command: node clients/discord-bot/dist/main.js); see docker-compose.yml.
# Node 22 LTS: the line package.json `engines` and .nvmrc name (NestJS 12 and its tools need it).

# --- build: full install, compile (the Swagger CLI plugin runs here), then drop dev deps ---
FROM node:22-bookworm-slim AS build
WORKDIR /app
ENV NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false NPM_CONFIG_UPDATE_NOTIFIER=false
# Manifests first so the dependency layer is cached until they change. clients/* are npm
# workspaces, so their package.json files are part of the install.
COPY package.json package-lock.json ./
COPY clients/sdk/package.json clients/sdk/
COPY clients/discord-bot/package.json clients/discord-bot/
RUN npm ci
COPY nest-cli.json tsconfig.json tsconfig.build.json ./
COPY src src
COPY clients clients
# The API, then the SDK and the bot (clients/*/dist). `npm prune --omit=dev` keeps every
# workspace's production dependencies (discord.js for the bot), since the workspaces are part
# of the production tree; the final `test` fails the build if that ever changes.
RUN npm run build \
 && npm run build:clients \
 && npm prune --omit=dev \
 && node -e "require.resolve('discord.js', { paths: ['clients/discord-bot'] }); require.resolve('@quartermaster/sdk')"

# --- runtime: compiled app + production dependencies only, unprivileged user ---
FROM node:22-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0
COPY --from=build --chown=node:node /app/package.json ./package.json
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/clients ./clients
COPY --from=build --chown=node:node /app/dist ./dist
USER node
EXPOSE 3000
# No curl in the slim image: Node's fetch checks readiness (database, and Redis when configured).
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/v1/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# A heap limit (as `start:prod`): with Node's default (a share of the host's memory) V8 lets garbage
# pile up to ~300 MB RSS under load before collecting it; with a limit the same load peaked near
# 180 MB (bench/RESULTS.md, bench/rss.js), far below the limit, which leaves room for big imports.
# No allocation-site pretenuring (as `start:prod`): V8 took the driver's result rows for long-lived
# and allocated them in the old generation, which then filled every ~2 s (README, "production").
CMD ["node", "--max-old-space-size=1024", "--no-allocation-site-pretenuring", "dist/main.js"]
