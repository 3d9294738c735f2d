// Preloaded into the api by a benchmark when BENCH_API_PROFILE names a directory
// (`node -r scripts/cpu-profile.js`): samples the CPU from start to SIGTERM and writes
// `<dir>/api-<pid>.cpuprofile` (readable by Chrome's DevTools and by `scripts/profile-summary.js`).
// `--cpu-prof` writes only on a normal exit, and Nest ends on SIGTERM by re-raising it.
'use strict';
const inspector = require('node:inspector');
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const dir = process.env.BENCH_API_PROFILE;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 200 });
  session.post('Profiler.start');
  process.prependListener('SIGTERM', () => {
    // An in-thread session answers synchronously: the file is written before Nest shuts down.
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(join(dir, `api-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
