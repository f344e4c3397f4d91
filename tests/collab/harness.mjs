/**
 * Harness for the co-editing tests and the load benchmark: the real `kader` binary, real
 * workspace files, a real `kader serve`, and stock Yjs clients (`yjs` + `y-websocket` over `ws`).
 * Nothing here imitates the server.
 *
 * The binary: `KADER_BIN` when set; otherwise the newer of target/release/kader and
 * target/debug/kader (the one built last); when neither exists, `cargo build -p kader-cli` is run
 * once. The tests never rebuild a binary that exists: build it yourself after changing Rust code.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(HERE, '../..');
export const FIXTURE = path.join(REPO, 'tests/fixtures/hris/nl-semicolon-cp1252.csv');
/** The sections of the vision document, one `Y.XmlFragment` each. */
export const SECTIONS = ['purpose', 'future', 'values', 'goals', 'culture', 'leaders', 'structure'];

// Every WebsocketProvider in Node adds a process 'exit' listener; the tests open more than ten.
process.setMaxListeners(200);

let kaderBin;

const hasServe = (bin) =>
  Boolean(bin) && fs.existsSync(bin) && spawnSync(bin, ['serve', '--help'], { encoding: 'utf8' }).status === 0;

/** The `kader` binary with `serve` (see the module comment); `prefer: 'release'` for the benchmark. */
export function kader({ prefer } = {}) {
  if (kaderBin) return kaderBin;
  if (process.env.KADER_BIN) {
    if (hasServe(process.env.KADER_BIN)) return (kaderBin = path.resolve(process.env.KADER_BIN));
    throw new Error(`KADER_BIN=${process.env.KADER_BIN} is not a kader binary with \`serve\`.`);
  }
  const release = path.join(REPO, 'target/release/kader');
  const debug = path.join(REPO, 'target/debug/kader');
  const mtime = (f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : -1);
  let candidates = [release, debug].filter((f) => mtime(f) >= 0);
  if (prefer === 'release') candidates = candidates.filter((f) => f === release);
  else candidates.sort((a, b) => mtime(b) - mtime(a));
  if (candidates.length === 0) {
    const args = prefer === 'release' ? ['build', '--release', '-p', 'kader-cli'] : ['build', '-p', 'kader-cli'];
    console.error(`# no kader binary found: running cargo ${args.join(' ')}`);
    spawnSync('cargo', args, { cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'] });
    candidates = [prefer === 'release' ? release : debug];
  }
  for (const c of candidates) if (hasServe(c)) return (kaderBin = c);
  throw new Error('No `kader` binary with `serve` found: set KADER_BIN or run `cargo build -p kader-cli` at the repository root.');
}

export function run(args) {
  const r = spawnSync(kader(), args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`kader ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** A fresh workspace file in a temporary folder (removed by `cleanup`), with `csv` imported when given. */
export function workspace(name, csv) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kader-collab-'));
  const file = path.join(dir, `${name}.kader`);
  run(['new', file]);
  if (csv) run(['import', file, csv]);
  return file;
}

export function cleanup(file) {
  if (process.env.KADER_KEEP) return console.error(`# kept ${path.dirname(file)}`);
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts `kader serve FILE --port 0 --ready-file R` and resolves when R is written:
 * `{ url, token, link, ws, pid, child, output(), stop(), kill() }` where `ws` is the base
 * address of the documents (`ws://127.0.0.1:PORT/yjs`).
 */
export async function serve(file) {
  const ready = path.join(path.dirname(file), `ready-${process.pid}-${Date.now()}.json`);
  const child = spawn(kader(), ['serve', file, '--port', '0', '--ready-file', ready], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise((res) => child.once('exit', (code, signal) => res({ code, signal })));
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`kader serve exited with ${child.exitCode}: ${output}`);
    const text = fs.existsSync(ready) ? fs.readFileSync(ready, 'utf8').trim() : '';
    if (text) {
      const { url, token, link } = JSON.parse(text);
      fs.rmSync(ready, { force: true });
      return {
        url,
        token,
        link,
        ws: `${url.replace(/^http/, 'ws')}/yjs`,
        pid: child.pid,
        child,
        exited,
        output: () => output,
        /** SIGTERM; resolves with the exit status, rejects when the server is still running after `ms`. */
        stop: async (ms = 10_000) => {
          if (child.exitCode !== null || child.signalCode !== null) return exited;
          child.kill('SIGTERM');
          let timer;
          const timeout = new Promise((res) => (timer = setTimeout(() => res('timeout'), ms)));
          const r = await Promise.race([exited, timeout]);
          clearTimeout(timer);
          if (r === 'timeout') {
            child.kill('SIGKILL');
            await exited;
            throw new Error(`kader serve was still running ${ms} ms after SIGTERM (killed): ${output}`);
          }
          return r;
        },
        /** kill -9: no chance to flush or close anything. */
        kill: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          return exited;
        },
      };
    }
    await sleep(25);
  }
  child.kill('SIGKILL');
  throw new Error(`kader serve did not write ${ready} within 20 s: ${output}`);
}

/**
 * A stock client: a `Y.Doc` and a `WebsocketProvider` exactly as a browser would make them, with
 * Node's `ws` as the WebSocket. Cross-tab BroadcastChannel is off, so two clients in this process
 * can only meet through the server.
 */
export function client(server, { doc = 'vision', token = server.token, connect = true, ...opts } = {}) {
  const ydoc = new Y.Doc();
  const provider = new WebsocketProvider(server.ws, doc, ydoc, {
    params: token === null ? {} : { token },
    WebSocketPolyfill: WebSocket,
    disableBc: true,
    connect,
    maxBackoffTime: 500,
    ...opts,
  });
  return { doc: ydoc, provider, destroy: () => { provider.destroy(); ydoc.destroy(); } };
}

/** Resolves when the provider has synced with the server (received sync step 2). */
export function synced(provider, ms = 10_000) {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      provider.off('sync', on);
      reject(new Error(`${provider.url} did not sync within ${ms} ms`));
    }, ms);
    const on = (state) => {
      if (state) {
        clearTimeout(timer);
        provider.off('sync', on);
        resolve();
      }
    };
    provider.on('sync', on);
  });
}

/** Polls `fn` until it returns something truthy; rejects with `what` after `ms`. */
export async function until(fn, what, ms = 10_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(10);
  }
}

/**
 * Opens a raw WebSocket and reports how the handshake went: `{ opened: true, ws }` or
 * `{ opened: false, status }` (the HTTP status of a refused upgrade) or `{ opened: false, error }`.
 */
export function rawConnect(address, { headers, ...options } = {}) {
  return new Promise((resolve) => {
    const ws = new WebSocket(address, { perMessageDeflate: false, headers, ...options });
    ws.binaryType = 'nodebuffer';
    ws.once('open', () => resolve({ opened: true, ws }));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ opened: false, status: res.statusCode, body }));
      res.on('error', () => resolve({ opened: false, status: res.statusCode, body }));
    });
    ws.once('error', (error) => resolve({ opened: false, error }));
  });
}

/** Resolves with `{ code, reason }` when `ws` closes (or `null` after `ms`). */
export function closed(ws, ms = 5_000) {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) return resolve({ code: 'already closed', reason: '' });
    const timer = setTimeout(() => resolve(null), ms);
    ws.once('close', (code, reason) => {
      clearTimeout(timer);
      resolve({ code, reason: reason.toString() });
    });
  });
}

/** The text of a section: every `XmlText` in the fragment, in order (what a reader sees). */
export function sectionText(ydoc, section) {
  const out = [];
  const walk = (node) => {
    if (node instanceof Y.XmlText) out.push(node.toString().replace(/<[^>]*>/g, ''));
    else if (node instanceof Y.XmlElement || node instanceof Y.XmlFragment) for (const c of node.toArray()) walk(c);
  };
  walk(ydoc.getXmlFragment(section));
  return out.join('\n');
}

/** Appends `text` to the paragraph of this client in `section` (creating it), as an editor would. */
export function typeInto(ydoc, section, text) {
  const frag = ydoc.getXmlFragment(section);
  ydoc.transact(() => {
    let p = frag.toArray().find((n) => n instanceof Y.XmlElement && n.getAttribute('data-author') === String(ydoc.clientID));
    if (!p) {
      p = new Y.XmlElement('paragraph');
      p.setAttribute('data-author', String(ydoc.clientID));
      p.insert(0, [new Y.XmlText()]);
      frag.push([p]);
    }
    const t = p.get(0);
    t.insert(t.length, text);
  });
}

/** PRAGMA integrity_check on a SQLite file, with python3's sqlite3 module. */
export function integrityCheck(file) {
  const r = spawnSync(
    'python3',
    ['-c', 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print("\\n".join(r[0] for r in c.execute("PRAGMA integrity_check")))', file],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`integrity_check could not run: ${r.stderr}`);
  return r.stdout.trim();
}
