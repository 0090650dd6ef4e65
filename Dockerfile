# syntax=docker/dockerfile:1
# Quartermaster API image: `docker compose up` (see docker-compose.yml) or
#   docker build -t quartermaster . && docker run -e DATABASE_URL=... -e JWT_SECRET=... -p 3000:3000 quartermaster
# Migrations are applied when the app starts (TypeORM migrationsRun), so no separate step.

# --- build: full install, compile (the Swagger CLI plugin runs here), then drop dev deps ---
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false NPM_CONFIG_UPDATE_NOTIFIER=false
# Manifests first so the dependency layer is cached until they change. clients/* are npm
# workspaces, so their package.json files are part of the install.
# (.dockerignore lets only clients/*/package.json through.)
COPY package.json package-lock.json ./
COPY clients clients
RUN npm ci
COPY nest-cli.json tsconfig.json tsconfig.build.json ./
COPY src src
RUN npm run build \
 && npm prune --omit=dev

# --- runtime: compiled app + production dependencies only, unprivileged user ---
FROM node:20-bookworm-slim AS runtime
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
CMD ["node", "dist/main.js"]
