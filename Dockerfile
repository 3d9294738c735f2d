# syntax=docker/dockerfile:1
# One image for the api, the worker and the cli; docker-compose picks the command.

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/install-deps.sh scripts/
RUN scripts/install-deps.sh
COPY nest-cli.json tsconfig.json tsconfig.build.json ./
COPY scripts/precompress.js scripts/
# apps/web is built too (npm run build): the api serves it from dist/web.
COPY apps apps
COPY libs libs
COPY config config
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production APP_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
# The CITS ERMS schema each delivery to the e-archive carries in its schemas/ folder.
COPY --from=build /app/libs/records/schemas libs/records/schemas
# The fonts the rendered PDFs embed (PDF/A-2b).
COPY --from=build /app/libs/documents/fonts libs/documents/fonts
COPY package.json ./
# Route templates (APP_ROUTES_DIR), read and validated at start.
COPY config/routes config/routes
COPY config/agenda config/agenda
# Document files (FILES_DIR); docker-compose mounts a volume here.
RUN mkdir -p /data/files && chown node:node /data/files
USER node
EXPOSE 3000
CMD ["node", "--max-semi-space-size=4", "dist/apps/api/src/main.js"]
