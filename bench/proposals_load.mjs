#!/usr/bin/env node
// Consultation load benchmark for `kader serve`: participants commenting and answering a consent
// round (script: tests/collab/proposals-load.mjs); see "Consultation load" in bench/README.md.
//
//   node bench/proposals_load.mjs [--participants 500] [--seconds 60] [--anonymous] [--quick] [--kader PATH]
import { runCollabScript } from './collab_package.mjs';

await runCollabScript('proposals-load.mjs');
