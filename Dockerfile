# Build stage: install with the lock file and compile the sources to dist/.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY adapters ./adapters
COPY assets ./assets
COPY manifests ./manifests
RUN npm run build && npm prune --omit=dev

# Run stage: only production dependencies and sources, as a non-root user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0 CREDBOT_CONSOLE=off
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# The compiled build (no TypeScript loader in any thread), a small young generation, and a heap that
# grows to twice what is live before collecting (V8's default lets it grow up to four times): measured
# by `npm run bench` (same flags), a 100,000-row job then peaks at ~255 MB instead of ~300-345 MB.
CMD ["node", "--max-semi-space-size=8", "--heap-growing-percent=100", "dist/src/main.js"]
