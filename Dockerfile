# syntax=docker/dockerfile:1
# Lagebild: one image for every role. The role is picked when the container starts:
#   docker run lagebild:local start --only api        (or collectors, detectors, scheduler)
# docker-compose.yml runs one container per role.
# COPY --exclude needs Dockerfile frontend 1.19 or newer; "docker/dockerfile:1" above pulls the
# newest 1.x, so any BuildKit-based Docker (23+) builds this file.

ARG NODE_IMAGE=node:20-bookworm
ARG NODE_RUNTIME_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

# Dependencies first, so that a source change does not re-download them. --ignore-scripts keeps
# the package's own "prepare" (which builds) from running before the sources are here; the
# native modules (better-sqlite3, re2) are compiled by "npm rebuild" further down.
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts

# The sources. Local build output, dependencies and service caches stay out of the image.
COPY --exclude=node_modules --exclude=ui/node_modules --exclude=dist --exclude=ui/dist \
     --exclude=.services --exclude=data --exclude=test-artifacts --exclude=.git \
     --exclude=.env --exclude=*.env --exclude=secrets . .

RUN npm rebuild \
 && npm run build \
 && npm prune --omit=dev --ignore-scripts \
 && rm -rf tests dist/tests

# ---------------------------------------------------------------------------------------------
FROM ${NODE_RUNTIME_IMAGE} AS runtime
ENV NODE_ENV=production \
    LAGEBILD_BIND_ADDRESS=0.0.0.0 \
    LAGEBILD_DATA_DIR=/var/lib/lagebild \
    LAGEBILD_RULES_DIR=/app/rules
WORKDIR /app

# The official node images already have an unprivileged "node" user (uid 1000).
RUN mkdir -p /var/lib/lagebild && chown node:node /var/lib/lagebild
COPY --from=build --chown=root:root /app /app

USER node
VOLUME ["/var/lib/lagebild"]
# 8080: API and UI (api role); 5514 udp+tcp: syslog intake (collectors role)
EXPOSE 8080 5514/tcp 5514/udp

ENTRYPOINT ["node", "--max-semi-space-size=64", "bin/lagebild.js"]
CMD ["start"]
