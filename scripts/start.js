#!/usr/bin/env node
// `npm start`: the api and the worker together, for the demo. With no APP_DEMO set it loads the
// demo data, and it gives the demo an operator token. Production runs the two processes apart
// (`npm run start:api`, `npm run start:worker`, or docker compose).
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');

const env = { ...process.env };
env.APP_DEMO ??= 'true';
if (env.APP_DEMO === 'true') env.APP_ADMIN_TOKEN ??= 'demo-operator-token';

const root = path.join(__dirname, '..');
// A smaller young generation keeps the api's peak memory under load within its 250 MB budget
// (bench/README.md, `dnr`), at no measurable cost in throughput.
const NODE_OPTIONS = { api: ['--max-semi-space-size=4'], worker: [] };
const children = ['api', 'worker'].map((app) =>
  spawn(process.execPath, [...NODE_OPTIONS[app], path.join(root, 'dist', 'apps', app, 'src', 'main.js')], {
    env,
    stdio: 'inherit',
  }),
);

let stopping = false;
const stop = (signal) => {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill(signal);
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
for (const child of children) {
  child.on('exit', (code) => {
    stop('SIGTERM');
    if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) process.exit(code ?? 0);
  });
}
