# syntax=docker/dockerfile:1
# One image, two processes: the API (default command) and the Temporal worker
# (`node dist/apps/worker/src/main.js`), as docker-compose.yml runs them.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 (the SQLite driver) compiles from source when no prebuilt binary can be downloaded.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
# The project's .npmrc points node-gyp at /usr (the Debian node package); the official image keeps
# the Node headers under /usr/local. The environment overrides the project file.
ENV npm_config_nodedir=/usr/local
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps apps
COPY libs libs
COPY workflows workflows
COPY activities activities
COPY scripts scripts
# tsc into dist/ (same layout as the sources), then the prebuilt workflow bundle; then drop dev deps.
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# DATA_DIR default; only used when ENCRYPTION_KEY is unset or DATABASE_URL points nowhere.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
