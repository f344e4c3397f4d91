#!/usr/bin/env node
/**
 * Co-editing load benchmark: many participants on one `kader serve`, every one typing into the
 * vision (an insert every ~2 s) and moving its cursor (a presence update every ~1 s), over the
 * real y-websocket protocol with real Yjs updates.
 *
 *   node bench/collab_load.mjs [--clients 300] [--seconds 20] [--quick] [--kader PATH]
 *
 * How the participants are simulated (one Node process, so Node must not be what is measured):
 * - `--observers` (default 4) are stock clients: a `Y.Doc` and a `WebsocketProvider` each, exactly
 *   as the browser has them. They edit and move their cursors like the others, apply every update
 *   they receive, and at the end must hold every edit anyone made.
 * - The rest are lean clients: one raw `ws` socket each, speaking the protocol with
 *   `y-protocols`' encoding. Each has a private `Y.Doc` holding only its own paragraph, so the
 *   updates it sends are genuine Yjs updates (an `XmlText` insert in an `XmlElement` in one of the
 *   seven section fragments), and it answers the server's sync step 1 with sync step 2 as a stock
 *   client does. It does not apply what it receives (that is what would make 300 documents too
 *   heavy for Node); it counts the edits relayed to it, and `--sample` of them decode the stamps.
 *   One difference from a stock provider, unless `--echo`: a stock provider sends every presence
 *   change it receives back to the server (its awareness handler does not check where a change
 *   came from); with `--echo` the lean clients do that too. It is off by default because decoding
 *   and echoing every presence message in 300 clients saturates Node on a small machine, so the
 *   run would measure Node; the stock clients always echo.
 *
 * Latency: every insert carries `~K<client>.<seq>.<µs>~`, the sender's clock when it sent it, and
 * every presence state `~A<client>.<seq>.<µs>~`; a receiver that samples takes its own clock when
 * the message arrives. Sender and receivers share this process's clock. The fan-out latency is
 * arrival minus sending, per (edit, receiver) pair, measured at the observers and the sampled lean
 * clients, over the run after the warm-up.
 *
 * Server figures: CPU from /proc/<pid>/stat (utime + stime) over the measured window, peak RSS
 * from /proc/<pid>/status (VmHWM). Client-side figures (Node's CPU, event-loop delay) are shown
 * so a saturated client is not mistaken for a slow server.
 *
 * Exit status: 0 all good; 1 the p99 threshold missed (enforced on full runs, shown on --quick);
 * 2 the run failed (an edit was not delivered to everyone, a client was dropped, the server died).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { REPO, SECTIONS, client as stockClient, cleanup, kader, serve, sleep, synced, typeInto, workspace } from './harness.mjs';

const P99_TARGET_MS = 50;

function parseArgs(argv) {
  const o = {
    clients: 300,
    seconds: 20,
    observers: 4,
    sample: 12,
    editEvery: 2000,
    cursorEvery: 1000,
    warmup: 3,
    quick: false,
    echo: false,
    kader: null,
    json: null,
  };
  const quick = argv.includes('--quick');
  if (quick) Object.assign(o, { quick: true, clients: 30, seconds: 5, warmup: 1, sample: 6, observers: 2 });
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--quick') continue;
    else if (a === '--clients') o.clients = Number(next());
    else if (a === '--seconds') o.seconds = Number(next());
    else if (a === '--observers') o.observers = Number(next());
    else if (a === '--sample') o.sample = Number(next());
    else if (a === '--edit-every') o.editEvery = Number(next());
    else if (a === '--cursor-every') o.cursorEvery = Number(next());
    else if (a === '--warmup') o.warmup = Number(next());
    else if (a === '--echo') o.echo = true;
    else if (a === '--kader') o.kader = next();
    else if (a === '--json') o.json = next();
    else if (a === '--help' || a === '-h') {
      console.log('node bench/collab_load.mjs [--clients 300] [--seconds 20] [--quick] [--observers 4] [--sample 12] [--edit-every 2000] [--cursor-every 1000] [--warmup 3] [--echo] [--kader PATH] [--json PATH]');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  o.observers = Math.min(o.observers, o.clients);
  o.sample = Math.min(o.sample, o.clients - o.observers);
  o.json ??= path.join(REPO, 'bench/results', o.quick ? 'collab_load.quick.json' : 'collab_load.json');
  return o;
}

/** Microseconds on this process's clock (shared by senders and receivers). */
const nowUs = () => Math.round(performance.now() * 1000);

const EDIT_STAMP = /~K(\d+)\.(\d+)\.(\d+)~/g;
const CURSOR_STAMP = /~A(\d+)\.(\d+)\.(\d+)~/g;

/** Collects latencies (ms) once the warm-up is over. */
class Samples {
  constructor() {
    this.edits = [];
    this.cursors = [];
    this.measureFromUs = Infinity;
    this.measureUntilUs = Infinity;
  }
  edit(sentUs, arrivedUs) {
    if (sentUs >= this.measureFromUs && sentUs < this.measureUntilUs) this.edits.push((arrivedUs - sentUs) / 1000);
  }
  cursor(sentUs, arrivedUs) {
    if (sentUs >= this.measureFromUs && sentUs < this.measureUntilUs) this.cursors.push((arrivedUs - sentUs) / 1000);
  }
}

function scan(regex, text, self, onStamp) {
  if (text.indexOf(regex === EDIT_STAMP ? '~K' : '~A') < 0) return;
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m; m = regex.exec(text)) {
    const sender = Number(m[1]);
    if (sender !== self) onStamp(sender, Number(m[2]), Number(m[3]));
  }
}

/** A participant speaking the protocol itself over a raw socket (see the module comment). */
class LeanClient {
  constructor(index, server, samples, sampling, echo) {
    this.index = index;
    this.echo = echo;
    this.presence = new Map();
    this.echoesSent = 0;
    this.server = server;
    this.samples = samples;
    this.sampling = sampling;
    this.doc = new Y.Doc();
    this.section = SECTIONS[index % SECTIONS.length];
    this.seq = 0;
    this.cursorSeq = 0;
    this.awarenessClock = 0;
    this.editsSent = 0;
    this.updatesReceived = 0;
    this.emptyUpdatesReceived = 0;
    this.awarenessReceived = 0;
    this.bytesReceived = 0;
    this.lastCursorSeq = new Map();
    this.closes = [];
    this.greeted = false;
    this.text = null;
    this.doc.on('update', (update) => this.sendSync(syncProtocol.messageYjsUpdate, update));
  }

  connect() {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${this.server.ws}/vision?token=${this.server.token}`, { perMessageDeflate: false, skipUTF8Validation: true });
      ws.binaryType = 'nodebuffer';
      this.ws = ws;
      const timer = setTimeout(() => reject(new Error(`lean client ${this.index} was not greeted within 20 s`)), 20_000);
      ws.on('open', () => {
        // As a stock client: sync step 1 with what it has, and its presence.
        const e = encoding.createEncoder();
        encoding.writeVarUint(e, 0);
        syncProtocol.writeSyncStep1(e, this.doc);
        ws.send(encoding.toUint8Array(e));
        this.sendCursor();
      });
      ws.on('message', (data) => {
        const arrived = nowUs();
        this.onMessage(data, arrived);
        if (!this.greeted) {
          this.greeted = true;
          clearTimeout(timer);
          resolve();
        }
      });
      ws.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      ws.on('close', (code, reason) => {
        if (!this.closing) this.closes.push(`${code} ${reason}`);
      });
    });
  }

  onMessage(buf, arrived) {
    this.bytesReceived += buf.length;
    const type = buf[0];
    if (type === 0) {
      const sub = buf[1];
      if (sub === syncProtocol.messageYjsUpdate) {
        // An update whose payload is the empty update [0, 0] carries no edit.
        if (buf.length === 5 && buf[2] === 2 && buf[3] === 0 && buf[4] === 0) {
          this.emptyUpdatesReceived++;
          return;
        }
        this.updatesReceived++;
        if (this.sampling) scan(EDIT_STAMP, buf.latin1Slice(0, buf.length), this.doc.clientID, (_s, _q, sent) => this.samples.edit(sent, arrived));
      } else if (sub === syncProtocol.messageYjsSyncStep1) {
        // Answer with what this client has that the server lacks, as y-protocols does.
        const d = decoding.createDecoder(buf);
        decoding.readVarUint(d);
        decoding.readVarUint(d);
        const sv = decoding.readVarUint8Array(d);
        this.sendSync(syncProtocol.messageYjsSyncStep2, Y.encodeStateAsUpdate(this.doc, sv));
      }
      // Sync step 2 (the document so far) is not applied: see the module comment.
    } else if (type === 1) {
      this.awarenessReceived++;
      if (this.echo) this.echoPresence(buf);
      if (this.sampling) {
        scan(CURSOR_STAMP, buf.latin1Slice(0, buf.length), this.doc.clientID, (sender, seq, sent) => {
          if ((this.lastCursorSeq.get(sender) ?? -1) < seq) {
            this.lastCursorSeq.set(sender, seq);
            this.samples.cursor(sent, arrived);
          }
        });
      }
    }
  }

  /**
   * What a stock `WebsocketProvider` does with a presence update: apply it (y-protocols' rules:
   * a newer clock wins, `null` removes) and send every entry that changed its awareness back to the
   * server — the provider's awareness 'update' handler does not look at where the change came
   * from. The reference y-websocket server ignores such an echo (same clock, nothing changes).
   */
  echoPresence(buf) {
    const d = decoding.createDecoder(buf);
    decoding.readVarUint(d);
    const u = decoding.createDecoder(decoding.readVarUint8Array(d));
    const n = decoding.readVarUint(u);
    const changed = [];
    for (let i = 0; i < n; i++) {
      const id = decoding.readVarUint(u);
      const clock = decoding.readVarUint(u);
      const raw = decoding.readVarUint8Array(u);
      if (id === this.doc.clientID) continue;
      const isNull = raw.length === 4 && raw[0] === 0x6e && raw[1] === 0x75 && raw[2] === 0x6c && raw[3] === 0x6c;
      const known = this.presence.get(id);
      const current = known ? known.clock : 0;
      if (current < clock || (current === clock && isNull && known && !known.isNull)) {
        this.presence.set(id, { clock, raw, isNull });
        // Added, updated or removed: a null for a client never seen is none of them.
        if (known || !isNull) changed.push(id);
      }
    }
    if (changed.length === 0 || !this.ws || this.ws.readyState !== WebSocket.OPEN) return;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, changed.length);
    for (const id of changed) {
      const { clock, raw } = this.presence.get(id);
      encoding.writeVarUint(e, id);
      encoding.writeVarUint(e, clock);
      encoding.writeVarUint8Array(e, raw);
    }
    const m = encoding.createEncoder();
    encoding.writeVarUint(m, 1);
    encoding.writeVarUint8Array(m, encoding.toUint8Array(e));
    this.ws.send(encoding.toUint8Array(m));
    this.echoesSent += changed.length;
  }

  sendSync(type, update) {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, type);
    encoding.writeVarUint8Array(e, update);
    this.ws.send(encoding.toUint8Array(e));
  }

  /** One insert at the end of this client's paragraph (created on the first edit). */
  edit() {
    const frag = this.doc.getXmlFragment(this.section);
    const seq = this.seq++;
    this.doc.transact(() => {
      if (!this.text) {
        const p = new Y.XmlElement('paragraph');
        this.text = new Y.XmlText();
        p.insert(0, [this.text]);
        frag.insert(0, [p]);
      }
      // The stamp is taken here; the update goes out synchronously at the end of the transaction.
      this.text.insert(this.text.length, `word${seq} ~K${this.doc.clientID}.${seq}.${nowUs()}~ `);
    });
    this.editsSent++;
  }

  /** A presence update: the cursor somewhere in its own text, as a relative position. */
  sendCursor() {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return;
    const len = this.text ? this.text.length : 0;
    const at = len ? Math.floor(Math.random() * len) : 0;
    const cursor = this.text
      ? { anchor: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(this.text, at)), head: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(this.text, at)) }
      : null;
    const seq = this.cursorSeq++;
    const state = { user: { name: `Participant ${this.index}`, color: `hsl(${(this.index * 47) % 360} 70% 45%)` }, section: this.section, cursor, k: `~A${this.doc.clientID}.${seq}.${nowUs()}~` };
    this.sendAwareness(JSON.stringify(state));
  }

  sendAwareness(json) {
    const u = encoding.createEncoder();
    encoding.writeVarUint(u, 1);
    encoding.writeVarUint(u, this.doc.clientID);
    encoding.writeVarUint(u, ++this.awarenessClock);
    encoding.writeVarString(u, json);
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, encoding.toUint8Array(u));
    this.ws.send(encoding.toUint8Array(e));
  }

  close() {
    this.closing = true;
    if (this.ws && this.ws.readyState === WebSocket.OPEN) {
      this.sendAwareness('null');
      this.ws.close(1000);
    }
  }
}

/** A stock participant: `Y.Doc` + `WebsocketProvider`; it edits, moves its cursor, and measures. */
class StockClient {
  constructor(index, server, samples) {
    this.index = index;
    this.samples = samples;
    const c = stockClient(server);
    this.c = c;
    this.section = SECTIONS[index % SECTIONS.length];
    this.seq = 0;
    this.cursorSeq = 0;
    this.editsSent = 0;
    this.updatesReceived = 0;
    this.lastCursorSeq = new Map();
    this.disconnects = 0;
    c.provider.on('status', ({ status }) => status === 'disconnected' && !this.closing && this.disconnects++);
    const self = c.doc.clientID;
    c.doc.on('update', (update, origin) => {
      if (origin !== c.provider || !c.provider.synced) return;
      const arrived = nowUs();
      this.updatesReceived++;
      scan(EDIT_STAMP, Buffer.from(update.buffer, update.byteOffset, update.byteLength).latin1Slice(), self, (_s, _q, sent) => samples.edit(sent, arrived));
    });
    c.provider.awareness.on('update', ({ added, updated }, origin) => {
      if (origin === 'local') return;
      const arrived = nowUs();
      const states = c.provider.awareness.getStates();
      for (const id of added.concat(updated)) {
        const k = states.get(id)?.k;
        if (typeof k === 'string') {
          scan(CURSOR_STAMP, k, self, (sender, seq, sent) => {
            if ((this.lastCursorSeq.get(sender) ?? -1) < seq) {
              this.lastCursorSeq.set(sender, seq);
              samples.cursor(sent, arrived);
            }
          });
        }
      }
    });
  }
  get doc() {
    return this.c.doc;
  }
  connect() {
    return synced(this.c.provider, 20_000);
  }
  edit() {
    const seq = this.seq++;
    typeInto(this.c.doc, this.section, `word${seq} ~K${this.c.doc.clientID}.${seq}.${nowUs()}~ `);
    this.editsSent++;
  }
  sendCursor() {
    const seq = this.cursorSeq++;
    this.c.provider.awareness.setLocalState({
      user: { name: `Observer ${this.index}`, color: '#0a7' },
      section: this.section,
      cursor: { anchor: seq, head: seq },
      k: `~A${this.c.doc.clientID}.${seq}.${nowUs()}~`,
    });
  }
  close() {
    this.closing = true;
    this.c.destroy();
  }
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

function summary(values) {
  const s = Float64Array.from(values).sort();
  const r = (v) => (v === null ? null : Math.round(v * 100) / 100);
  return {
    n: s.length,
    p50_ms: r(percentile(s, 50)),
    p95_ms: r(percentile(s, 95)),
    p99_ms: r(percentile(s, 99)),
    max_ms: r(s.length ? s[s.length - 1] : null),
    mean_ms: r(s.length ? s.reduce((a, b) => a + b, 0) / s.length : null),
  };
}

const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

function procCpuSeconds(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of stat (utime, stime), counted from the state (field 3) here.
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

function procStatusKb(pid, key) {
  const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'));
  return m ? Number(m[1]) : null;
}

function fsType(dir) {
  const m = spawnSync('findmnt', ['-T', dir, '-n', '-o', 'FSTYPE'], { encoding: 'utf8' });
  if (m.status === 0 && m.stdout.trim()) return m.stdout.trim();
  const r = spawnSync('stat', ['-f', '-c', '%T', dir], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : 'unknown';
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.kader) process.env.KADER_BIN = o.kader;
  const bin = kader({ prefer: 'release' });
  const file = workspace('collab-load');
  const server = await serve(file);
  const samples = new Samples();
  const lean = [];
  const stock = [];
  let failed = [];
  const loop = monitorEventLoopDelay({ resolution: 1 });

  const log = (s) => process.stderr.write(`${s}\n`);
  const loadAtStart = os.loadavg().map((x) => Math.round(x * 100) / 100);
  log(`# kader serve ${bin} on ${server.url}, workspace on ${fsType(path.dirname(file))}`);
  log(`# connecting ${o.clients} participants: ${o.observers} stock y-websocket clients (full Y.Doc) + ${o.clients - o.observers} lean raw-protocol clients (${o.sample} of them sampling latency)`);
  try {
    const tConnect = performance.now();
    for (let i = 0; i < o.observers; i++) stock.push(new StockClient(i, server, samples));
    await Promise.all(stock.map((c) => c.connect()));
    for (let i = o.observers; i < o.clients; i += 25) {
      const batch = [];
      for (let j = i; j < Math.min(i + 25, o.clients); j++) {
        const sampling = j - o.observers < o.sample;
        const c = new LeanClient(j, server, samples, sampling, o.echo);
        lean.push(c);
        batch.push(c.connect());
      }
      await Promise.all(batch);
    }
    const connectMs = performance.now() - tConnect;
    log(`# connected in ${(connectMs / 1000).toFixed(1)} s; settling`);
    await sleep(1500);
    // Counting starts now: every edit from here on must reach every other participant.
    const everyone = [...stock, ...lean];
    // Relayed while everyone joined: each client's sync step 2 is an empty update when it has nothing new.
    const emptyAtConnect = lean.reduce((a, c) => a + c.emptyUpdatesReceived, 0);
    for (const c of lean) {
      c.updatesReceived = 0;
      c.emptyUpdatesReceived = 0;
      c.echoesSent = 0;
      c.awarenessReceived = 0;
      c.bytesReceived = 0;
    }
    for (const c of stock) c.updatesReceived = 0;

    const start = performance.now();
    const warmupEnd = start + o.warmup * 1000;
    const end = warmupEnd + o.seconds * 1000;
    samples.measureFromUs = Math.round(warmupEnd * 1000);
    samples.measureUntilUs = Math.round(end * 1000);
    const jitter = (every) => every * (0.8 + 0.4 * Math.random());
    const plan = everyone.map(() => ({ edit: start + Math.random() * o.editEvery, cursor: start + Math.random() * o.cursorEvery }));
    let cpu0 = null;
    let node0 = null;
    let wall0 = null;
    let tick = null;
    await new Promise((resolve) => {
      tick = setInterval(() => {
        const now = performance.now();
        if (cpu0 === null && now >= warmupEnd) {
          cpu0 = procCpuSeconds(server.pid);
          node0 = process.cpuUsage();
          wall0 = now;
          loop.enable();
        }
        if (now >= end) {
          clearInterval(tick);
          resolve();
          return;
        }
        for (let i = 0; i < everyone.length; i++) {
          const p = plan[i];
          if (now >= p.edit) {
            everyone[i].edit();
            p.edit += jitter(o.editEvery);
          }
          if (now >= p.cursor) {
            everyone[i].sendCursor();
            p.cursor += jitter(o.cursorEvery);
          }
        }
      }, 5);
    });
    const wall = (performance.now() - wall0) / 1000;
    const serverCpu = procCpuSeconds(server.pid) - cpu0;
    const nodeCpuUs = process.cpuUsage(node0);
    loop.disable();

    // Grace: let what is in flight arrive.
    const totalEdits = everyone.reduce((a, c) => a + c.editsSent, 0);
    const expectedFor = (c) => totalEdits - c.editsSent;
    const delivered = () => everyone.reduce((a, c) => a + Math.min(c.updatesReceived, expectedFor(c)), 0);
    const expected = everyone.reduce((a, c) => a + expectedFor(c), 0);
    const graceUntil = performance.now() + 10_000;
    while (delivered() < expected && performance.now() < graceUntil) await sleep(50);
    const perLean = (f) => Math.round(lean.reduce((a, c) => a + f(c), 0) / Math.max(1, lean.length) / (o.warmup + o.seconds));
    const received = {
      update_messages_per_s: perLean((c) => c.updatesReceived),
      awareness_messages_per_s: perLean((c) => c.awarenessReceived),
      kib_per_s: Math.round(perLean((c) => c.bytesReceived) / 102.4) / 10,
      presence_entries_echoed_per_s: perLean((c) => c.echoesSent),
    };
    const hwmKb = procStatusKb(server.pid, 'VmHWM');
    const rssKb = procStatusKb(server.pid, 'VmRSS');

    // The stock clients applied every update: their documents must hold every edit.
    const stampsIn = (doc) => SECTIONS.reduce((a, s) => a + (doc.getXmlFragment(s).toString().match(/~K\d+\.\d+\.\d+~/g) ?? []).length, 0);
    const observerStamps = stock.map((c) => stampsIn(c.doc));

    const dropped = lean.filter((c) => c.closes.length).map((c) => `lean ${c.index}: ${c.closes.join(', ')}`).concat(stock.filter((c) => c.disconnects).map((c) => `stock ${c.index}: ${c.disconnects} disconnects`));
    const extra = everyone.filter((c) => c.updatesReceived > expectedFor(c)).length;
    const emptyUpdates = lean.reduce((a, c) => a + c.emptyUpdatesReceived, 0);
    const editLat = summary(samples.edits);
    const cursorLat = summary(samples.cursors);
    const pct = (p) => Math.round(loop.percentile(p) / 1e4) / 100;
    const result = {
      when: new Date().toISOString(),
      command: `node bench/collab_load.mjs ${process.argv.slice(2).join(' ')}`.trim(),
      kader: path.relative(REPO, bin) || bin,
      workspace_fs: fsType(path.dirname(file)),
      machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', load_average_at_start: loadAtStart, busy: loadAtStart[0] > os.cpus().length / 2 },
      participants: o.clients,
      simulated_as: {
        stock_clients: o.observers,
        stock_description: 'yjs Y.Doc + y-websocket WebsocketProvider over ws (what the browser runs); apply every update',
        lean_clients: o.clients - o.observers,
        lean_description: 'raw ws socket speaking y-protocols sync + awareness; real Yjs updates from a private Y.Doc holding only its own paragraph; received updates are counted, not applied',
        lean_presence_echo: o.echo ? 'on: like a stock WebsocketProvider, every presence change received is sent back to the server' : 'off: presence received is not sent back (a stock WebsocketProvider does; --echo)',
        latency_receivers: o.observers + o.sample,
      },
      load: {
        edit_every_ms: o.editEvery,
        cursor_every_ms: o.cursorEvery,
        warmup_s: o.warmup,
        measured_s: Math.round(wall * 100) / 100,
        edits_sent: totalEdits,
        edits_per_s: Math.round((totalEdits / (o.warmup + o.seconds)) * 10) / 10,
        connect_s: Math.round(connectMs / 100) / 10,
      },
      deliveries: { expected, delivered: delivered(), complete: delivered() === expected, beyond_expected_clients: extra, empty_updates_received_per_lean_client_while_joining: Math.round((emptyAtConnect / Math.max(1, lean.length)) * 10) / 10, empty_updates_received_per_lean_client_after: Math.round((emptyUpdates / Math.max(1, lean.length)) * 10) / 10 },
      received_per_lean_client: received,
      observers_hold_every_edit: stock.length ? observerStamps.every((n) => n === totalEdits) : null,
      observer_edit_counts: observerStamps,
      fanout_latency_edits: editLat,
      fanout_latency_cursors: cursorLat,
      server: {
        cpu_s: Math.round(serverCpu * 100) / 100,
        cpu_percent_of_one_core: Math.round((serverCpu / wall) * 1000) / 10,
        peak_rss_mb: hwmKb === null ? null : Math.round(hwmKb / 102.4) / 10,
        rss_end_mb: rssKb === null ? null : Math.round(rssKb / 102.4) / 10,
      },
      clients_node: {
        cpu_percent_of_one_core: Math.round(((nodeCpuUs.user + nodeCpuUs.system) / 1e6 / wall) * 1000) / 10,
        event_loop_delay_ms: { p50: pct(50), p99: pct(99), max: Math.round(loop.max / 1e4) / 100 },
      },
      dropped_connections: dropped,
      threshold: { p99_ms: P99_TARGET_MS, met: editLat.p99_ms !== null && editLat.p99_ms < P99_TARGET_MS, enforced: !o.quick },
    };

    if (!result.deliveries.complete) failed.push(`only ${result.deliveries.delivered} of ${expected} deliveries arrived`);
    if (result.observers_hold_every_edit === false) failed.push(`the stock clients hold ${observerStamps.join('/')} edits, not ${totalEdits}`);
    if (dropped.length) failed.push(`${dropped.length} connections dropped: ${dropped.slice(0, 5).join('; ')}`);
    if (editLat.n === 0) failed.push('no latency samples');

    printTable(result);
    fs.mkdirSync(path.dirname(o.json), { recursive: true });
    fs.writeFileSync(o.json, `${JSON.stringify({ ...result, failures: failed }, null, 2)}\n`);
    log(`# wrote ${path.relative(process.cwd(), o.json)}`);
    if (failed.length) {
      log(`RUN FAILED: ${failed.join('; ')}`);
      process.exitCode = 2;
    } else if (!result.threshold.met && !o.quick) {
      log(`THRESHOLD MISSED: p99 ${editLat.p99_ms} ms ≥ ${P99_TARGET_MS} ms`);
      process.exitCode = 1;
    }
  } finally {
    for (const c of lean) c.close();
    for (const c of stock) c.close();
    await sleep(200);
    for (const c of lean) c.ws?.terminate();
    const t = performance.now();
    await server.stop().catch((e) => {
      log(`# ${e.message}`);
      process.exitCode = 2;
    });
    log(`# server stopped (SIGTERM) in ${Math.round(performance.now() - t)} ms`);
    cleanup(file);
  }
}

function printTable(r) {
  const f = (v) => (v === null || v === undefined ? '—' : String(v));
  const row = (name, s) => `  ${name.padEnd(30)} ${f(s.n).padStart(7)} ${f(s.p50_ms).padStart(8)} ${f(s.p95_ms).padStart(8)} ${f(s.p99_ms).padStart(8)} ${f(s.max_ms).padStart(8)}`;
  const lines = [
    '',
    `kader serve, co-editing load: ${r.participants} participants on one document for ${r.load.measured_s} s (after ${r.load.warmup_s} s warm-up)`,
    `  simulated as ${r.simulated_as.stock_clients} stock y-websocket clients (Y.Doc + WebsocketProvider) and ${r.simulated_as.lean_clients} lean raw-protocol clients (real Yjs updates; received updates counted, not applied;`,
    `  presence echo ${r.simulated_as.lean_presence_echo.startsWith('on') ? 'on, as a stock provider sends every presence change it receives back' : 'off: unlike a stock provider they do not send presence they receive back (--echo)'})`,
    `  machine: ${r.machine.cpus} × ${r.machine.cpu}, load average ${r.machine.load_average_at_start.join(' ')} at the start${r.machine.busy ? ' — BUSY: other work competes for the CPUs, run again on a quiet machine' : ''}`,
    `  each: an insert every ~${r.load.edit_every_ms} ms, a cursor move every ~${r.load.cursor_every_ms} ms; ${r.load.edits_sent} edits in all (${r.load.edits_per_s}/s); workspace on ${r.workspace_fs}`,
    '',
    `  ${'fan-out latency (ms)'.padEnd(30)} ${'samples'.padStart(7)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)} ${'max'.padStart(8)}`,
    row(`edits (${r.simulated_as.latency_receivers} receivers)`, r.fanout_latency_edits),
    row(`cursors (${r.simulated_as.latency_receivers} receivers)`, r.fanout_latency_cursors),
    '',
    `  deliveries                     ${r.deliveries.delivered} of ${r.deliveries.expected} (${r.deliveries.complete ? 'all' : 'INCOMPLETE'}); stock clients hold every edit: ${r.observers_hold_every_edit === null ? 'n/a (none)' : r.observers_hold_every_edit ? 'yes' : 'NO'}`,
    `  each client receives           ${r.received_per_lean_client.update_messages_per_s} edit + ${r.received_per_lean_client.awareness_messages_per_s} presence messages/s (${r.received_per_lean_client.kib_per_s} KiB/s); echoes ${r.received_per_lean_client.presence_entries_echoed_per_s} presence entries/s`,
    `  server CPU                     ${r.server.cpu_s} s over ${r.load.measured_s} s = ${r.server.cpu_percent_of_one_core}% of one core`,
    `  server peak RSS (VmHWM)        ${r.server.peak_rss_mb} MB (${r.server.rss_end_mb} MB at the end)`,
    `  clients (Node) CPU             ${r.clients_node.cpu_percent_of_one_core}% of one core; event-loop delay p50 ${r.clients_node.event_loop_delay_ms.p50} ms, p99 ${r.clients_node.event_loop_delay_ms.p99} ms, max ${r.clients_node.event_loop_delay_ms.max} ms`,
    `  connections dropped            ${r.dropped_connections.length}`,
    `  threshold edits p99 < ${r.threshold.p99_ms} ms     ${r.threshold.met ? 'met' : 'MISSED'}${r.threshold.enforced ? '' : ' (not enforced on --quick)'}`,
    '',
  ];
  console.log(lines.join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
