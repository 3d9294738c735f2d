#!/usr/bin/env node
// Where a CPU profile's time went, by package:
// `node scripts/profile-summary.js <file.cpuprofile> [top] [last-seconds]`.
// Self time of every sampled function, grouped by the npm package (or our library, or Node's own
// modules) its script belongs to, as a share of the busy time. With last-seconds, only the samples
// of the profile's last seconds count (a benchmark's load, without the process's start).
'use strict';
const { readFileSync } = require('node:fs');

function groupOf(url, functionName) {
  if (!url) {
    if (functionName === '(idle)') return 'idle';
    if (functionName === '(garbage collector)') return 'garbage collector';
    return `native ${functionName || '(anonymous)'}`;
  }
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const ours = /\/(apps|libs)\/([^/]+)\//.exec(url);
  if (ours) return `${ours[1]}/${ours[2]}`;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/').slice(0, 2).join('/')}`;
  return url;
}

const file = process.argv[2];
if (!file) {
  console.error('Usage: node scripts/profile-summary.js <file.cpuprofile> [top] [last-seconds]');
  process.exit(2);
}
const top = Number(process.argv[3] ?? 25);
const lastSeconds = process.argv[4] === undefined ? Infinity : Number(process.argv[4]);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const times = [];
let at = profile.startTime;
for (const delta of profile.timeDeltas) times.push((at += delta));
const from = profile.endTime - lastSeconds * 1e6;
const ticks = new Map();
profile.samples.forEach((id, i) => {
  if (times[i] >= from) ticks.set(id, (ticks.get(id) ?? 0) + 1);
});
const groups = new Map();
const functions = new Map();
let total = 0;
for (const [id, count] of ticks) {
  const { callFrame } = byId.get(id);
  const group = groupOf(callFrame.url, callFrame.functionName);
  total += count;
  groups.set(group, (groups.get(group) ?? 0) + count);
  const name = `${callFrame.functionName || '(anonymous)'} ${group}`;
  functions.set(name, (functions.get(name) ?? 0) + count);
}
const idle = groups.get('idle') ?? 0;
const busy = total - idle;
const pct = (n, of) => `${((100 * n) / of).toFixed(1)}%`.padStart(6);
const span = (Math.min(profile.endTime - profile.startTime, lastSeconds * 1e6) / 1e6).toFixed(1);
console.log(`${file}: ${span} s, ${total} samples, idle ${pct(idle, total)}, busy ${busy}`);
console.log('\nself time by package (share of busy time):');
for (const [group, count] of [...groups].filter(([g]) => g !== 'idle').sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`${pct(count, busy)}  ${group}`);
console.log('\nheaviest functions (self time, share of busy time):');
for (const [name, count] of [...functions].filter(([n]) => !n.endsWith(' idle')).sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`${pct(count, busy)}  ${name}`);
