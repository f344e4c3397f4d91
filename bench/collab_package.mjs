// Runs a script of tests/collab/ (the Node package with the Yjs clients and the `kader serve`
// harness the co-editing and consultation benchmarks share), after checking its packages are in.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export async function runCollabScript(name) {
  const collab = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../tests/collab');
  if (!fs.existsSync(path.join(collab, 'node_modules/yjs'))) {
    console.error('The benchmark needs its npm packages: run `npm --prefix tests/collab ci` at the repository root.');
    process.exit(2);
  }
  await import(pathToFileURL(path.join(collab, name)).href);
}
