#!/usr/bin/env node
// Co-editing load benchmark for `kader serve` (the y-websocket endpoint). The script and its npm
// dependencies live in tests/collab/ (install them once: `npm --prefix tests/collab ci`); see the
// "Co-editing load" section of bench/README.md.
//
//   node bench/collab_load.mjs [--clients 300] [--seconds 20] [--quick] [--kader PATH]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const collab = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../tests/collab');
if (!fs.existsSync(path.join(collab, 'node_modules/yjs'))) {
  console.error('The benchmark needs its npm packages: run `npm --prefix tests/collab ci` at the repository root.');
  process.exit(2);
}
await import(pathToFileURL(path.join(collab, 'load.mjs')).href);
