# syntax=docker/dockerfile:1
# kakao-faq-skill: build the TypeScript, then run it on a slim image with production
# dependencies only, as the unprivileged `node` user. The only Dockerfile: docs/operations.md
# and deploy/kubernetes/ build from it (docker build -t kakao-faq-skill .).

# ---- build ------------------------------------------------------------------------------------
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would build before the sources are here; the build runs below.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY skills ./skills
RUN npm run build
# The bundled corpus's prebuilt index (data/faq.json.index), so the image starts by restoring it.
# It matches at run time by construction: its fingerprint is the corpus file's content, the
# synonyms/lexicon/model files' content and the MATCH_* thresholds (all defaults here, the same
# data/ files the runtime stage copies, the same dist/). Run with other MATCH_* values or another
# SYNONYMS_FILE and the server sees it is stale and builds instead (docs/operations.md).
COPY data ./data
RUN node dist/src/cli/index.js build

# ---- runtime ----------------------------------------------------------------------------------
FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=8080 \
    HOST=0.0.0.0
WORKDIR /app
COPY --chown=node:node package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --chown=node:node --from=build /app/dist ./dist
COPY --chown=node:node data ./data
COPY --chown=node:node --from=build /app/data/faq.json.index ./data/faq.json.index
# The playground's static files are read at start (PLAYGROUND is on by default).
COPY --chown=node:node public ./public
USER node
EXPOSE 8080
# The slim image has no curl: ask Node itself. Uses PORT in case it is overridden at run time.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Exactly what `npm start` runs; node as PID 1 gets SIGTERM and drains (src/server.ts):
# /ready 503 for SHUTDOWN_DRAIN_MS while still serving, then it finishes what it has and exits 0.
# For another corpus, bake its prebuilt index beside it the same way (faq-skill build, docs/operations.md).
CMD ["node", "dist/src/server.js"]
