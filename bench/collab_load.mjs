#!/usr/bin/env node
// Co-editing load benchmark for `kader serve` (the y-websocket endpoint). The script and its npm
// dependencies live in tests/collab/ (install them once: `npm --prefix tests/collab ci`); see the
// "Co-editing load" section of bench/README.md.
//
//   node bench/collab_load.mjs [--clients 300] [--seconds 20] [--quick] [--kader PATH]
import { runCollabScript } from './collab_package.mjs';

await runCollabScript('load.mjs');
