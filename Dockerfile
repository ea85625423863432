# syntax=docker/dockerfile:1
# Shipshape's image: `serve` on the current Node LTS. The code also runs on Node 20 (CI), but
# Node 20 left support in April 2026, so the image does not use it.
ARG NODE_IMAGE=node:24-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    SHIPSHAPE_API_PORT=8080
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY schemas ./schemas
COPY manifests ./manifests
# The node image's unprivileged user (uid 1000); nothing in /app is writable by it.
USER node
EXPOSE 8080
# Slim images have no curl: Node's own fetch asks the API whether the process is alive.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.SHIPSHAPE_API_PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "bin/shipshape.js"]
CMD ["serve"]
