# syntax=docker/dockerfile:1
# Multi-stage: build with dev dependencies, then a runtime image with the build, production
# dependencies and the migrations (copied into build/ by `npm run build`). .ci/run rehearses these steps.

FROM node:20-bookworm-slim AS base
ENV NODE_ENV=production

FROM base AS build
# better-sqlite3 compiles from source.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# patches/ first: npm ci applies them (patch-package, postinstall).
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --include=dev --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM base AS runtime
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/build ./build
RUN mkdir -p /data && chown node:node /data
ENV PORT=3000 \
    HOST=0.0.0.0 \
    DATABASE_PATH=/data/portal.db \
    UPLOAD_DIR=/data/uploads \
    SEED_DEMO=false
VOLUME /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# No heap ceiling: the render queue bounds what is live (docs/performance.md). In a small container, give V8 its size
# with NODE_OPTIONS, e.g. NODE_OPTIONS=--max-old-space-size=384 for a 512 MB limit (docs/operations.md).
CMD ["node", "build/server.js"]
