#!/usr/bin/env node
// Writes a gzip and a brotli copy of each of the built web app's assets (dist/web/assets), at the
// highest levels, once at build time; the api sends the smallest one the browser accepts.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const dir = path.join(__dirname, '..', 'dist', 'web', 'assets');
let before = 0;
let after = 0;
for (const name of fs.readdirSync(dir)) {
  if (!/\.(js|css|svg|json)$/.test(name)) continue;
  const file = path.join(dir, name);
  const data = fs.readFileSync(file);
  const gzip = zlib.gzipSync(data, { level: 9 });
  const brotli = zlib.brotliCompressSync(data, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  });
  fs.writeFileSync(`${file}.gz`, gzip);
  fs.writeFileSync(`${file}.br`, brotli);
  before += data.length;
  after += brotli.length;
}
console.log(`web assets: ${Math.round(before / 1024)} kB, ${Math.round(after / 1024)} kB as brotli`);
