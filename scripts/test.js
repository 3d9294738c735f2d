#!/usr/bin/env node
// `npm test`: every suite (unit, integration, e2e) in parallel, then the load checks alone, whose
// latency bounds mean nothing on two cores that other suites keep busy, then the browser tests
// (real Chromium against a real api and worker), one file at a time. Arguments go to every run;
// `--outputFile=F` (with `--json`) gets the runs' results added up, as one run would write them.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const jest = require.resolve('jest/bin/jest');
const args = process.argv.slice(2);
const output = args.find((arg) => arg.startsWith('--outputFile='))?.slice('--outputFile='.length);
const selected = args.some(
  (arg) => arg === '--selectProjects' || arg.startsWith('--selectProjects='),
);

function run(extra, outputFile) {
  const forwarded = args.map((arg) =>
    outputFile && arg.startsWith('--outputFile=') ? `--outputFile=${outputFile}` : arg,
  );
  return (
    spawnSync(process.execPath, [jest, ...extra, ...forwarded], { stdio: 'inherit' }).status ?? 1
  );
}

if (selected) process.exit(run([]));

const parts = output
  ? [`${output}.suites.json`, `${output}.load.json`, `${output}.browser.json`]
  : [undefined, undefined, undefined];
// A path pattern given to `npm test` may match files of one run only.
const first = run(
  ['--selectProjects', 'unit', 'integration', 'e2e', '--passWithNoTests'],
  parts[0],
);
const second = run(['--selectProjects', 'load', '--runInBand', '--passWithNoTests'], parts[1]);
const third = run(['--selectProjects', 'browser', '--runInBand', '--passWithNoTests'], parts[2]);
if (output) {
  const results = parts
    .filter((file) => fs.existsSync(file))
    .map((file) => JSON.parse(fs.readFileSync(file, 'utf8')));
  const sum = (key) => results.reduce((total, result) => total + (result[key] ?? 0), 0);
  const merged = {
    ...results[0],
    success: first === 0 && second === 0 && third === 0,
    testResults: results.flatMap((result) => result.testResults ?? []),
  };
  for (const key of Object.keys(results[0] ?? {})) {
    if (/^num[A-Z]/.test(key) && typeof results[0][key] === 'number') merged[key] = sum(key);
  }
  fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
  fs.writeFileSync(output, JSON.stringify(merged));
  for (const file of parts) fs.rmSync(file, { force: true });
}
process.exit(first || second || third);
