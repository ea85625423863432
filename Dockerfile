# syntax=docker/dockerfile:1
# Shipshape's image: `serve` on Node 24 LTS, the very version package.json pins (the `node`
# devDependency) for dev and the tests; test/repo/node-runtime.test.ts checks they agree.
ARG NODE_IMAGE=node:24.21.0-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts also skips the `node` devDependency's preinstall, which fetches its binary: no
# node_modules/.bin/node is linked, so the build runs on this image's own Node.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
# A 2 MB young generation (V8's default grows to 16 MB) and two malloc arenas keep `serve`'s
# resident memory about 27 MB lower (`npm run bench -- --only serve-memory` starts the build with
# this stage's ENV, read from this file).
ENV NODE_ENV=production \
    NODE_OPTIONS=--max-semi-space-size=2 \
    MALLOC_ARENA_MAX=2 \
    SHIPSHAPE_API_PORT=8080
WORKDIR /app
COPY package.json package-lock.json ./
# Only what `serve` reaches (test/repo/image-contents.test.ts): the production packages, the
# build (no emulator, no local AWS, no `dev`), the entry script, and the schemas and package.json it reads.
# Type declarations and source maps are never read at run time (scripts/image/dropped-files.ts).
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force \
 && find node_modules -type f \( -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' -o -name '*.map' \) -delete
COPY --from=build /app/dist ./dist
COPY bin/shipshape.js ./bin/
COPY schemas ./schemas
# The node image's unprivileged user (uid 1000); nothing in /app is writable by it.
USER node
EXPOSE 8080
# Slim images have no curl: Node's own fetch asks the API whether the process is alive.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.SHIPSHAPE_API_PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "bin/shipshape.js"]
CMD ["serve"]
