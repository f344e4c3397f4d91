#!/usr/bin/env node
/**
 * Consultation load on one `kader serve`: N participants (default 500) join a session, then within
 * the window each posts a comment (a third of them replies), reacts to one, reads the proposal, and
 * answers the consent round — over real HTTP, the way the UI calls it. At the end the server is
 * asked for everything back: every acknowledged comment and answer must be there (nothing lost).
 *
 *   node bench/proposals_load.mjs [--participants 500] [--seconds 60] [--anonymous] [--quick]
 *                                 [--kader PATH] [--json PATH]
 *
 * Reports p50/p95/p99/max latency per kind of request, server CPU and peak memory. Target: p99
 * under 200 ms for the writes. Exit status: 0 all good; 1 the threshold missed (full runs only);
 * 2 something was lost or failed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURE, REPO, cleanup, serve, workspace } from './harness.mjs';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const value = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
};
const quick = flag('--quick');
const o = {
  participants: Number(value('--participants', quick ? 50 : 500)),
  seconds: Number(value('--seconds', quick ? 6 : 60)),
  anonymous: flag('--anonymous'),
  json: value('--json', path.join(REPO, 'bench/results', quick ? 'proposals_load.quick.json' : `proposals_load${flag('--anonymous') ? '.anonymous' : ''}.json`)),
};
if (value('--kader', null)) process.env.KADER_BIN = path.resolve(value('--kader'));
const THRESHOLD_P99_MS = 200;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

function cpuSeconds(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime + stime, in clock ticks of 1/100 s (USER_HZ on Linux).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
function peakRssMb(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmHWM:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) / 1024 : NaN;
}

const latencies = new Map();
const failures = [];
async function timed(kind, f) {
  const t0 = performance.now();
  try {
    return await f();
  } finally {
    const ms = performance.now() - t0;
    if (!latencies.has(kind)) latencies.set(kind, []);
    latencies.get(kind).push(ms);
  }
}

async function call(base, token, method, p, body) {
  const res = await fetch(`${base}${p}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

const file = workspace('consultation', FIXTURE);
const server = await serve(file);
const fac = (method, p, body) => call(server.url, server.token, method, p, body);
let exit = 0;
try {
  const chart = await fac('GET', '/api/chart');
  const role = chart.roles.find((r) => r.title) ?? chart.roles[0];
  const later = Date.now() + 3_600_000;
  const created = await fac('POST', '/api/proposals', {
    title: 'Teams plan their own shifts',
    rationale: 'Schedules made close to the work are fairer and change faster.',
    goals: ['Decisions close to the work'],
    revision: { kind: 'structure', ops: [{ op: 'update_role', role: { ...role, title: `${role.title} (coach)` } }] },
    privacy: { anonymous: o.anonymous, hidden_results: true },
  });
  const id = created.proposal.id;
  await fac('POST', `/api/proposals/${id}/step`, { step: 'open', until: later });
  const session = await fac('POST', '/api/session', { lan: false });

  // Everyone joins (sequentially in small groups: as people arrive).
  const people = [];
  for (let i = 0; i < o.participants; i += 25) {
    const group = await Promise.all(
      Array.from({ length: Math.min(25, o.participants - i) }, (_, k) =>
        timed('join', async () => {
          const res = await fetch(`${server.url}/session/join`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ code: session.code, name: `Employee ${i + k + 1}` }),
          });
          if (!res.ok) throw new Error(`join: ${res.status} ${await res.text()}`);
          return (await res.json()).token;
        }),
      ),
    );
    people.push(...group);
  }
  // Each says their team (optional in the UI; here everyone does, round robin over the teams), so
  // the round's figures per team are exercised too.
  const teams = chart.teams.map((x) => x.id);
  if (teams.length)
    for (let i = 0; i < people.length; i += 25)
      await Promise.all(
        people.slice(i, i + 25).map((token, k) => timed('say team', () => call(server.url, token, 'PUT', '/api/session/me', { team: teams[(i + k) % teams.length] }))),
      );
  console.log(`# ${people.length} participants joined; ${o.seconds} s of commenting, then ${o.seconds} s of answering`);

  const cpu0 = cpuSeconds(server.pid);
  const started = performance.now();
  const posted = [];
  const kinds = ['consent', 'consent', 'consent', 'concern', 'stand_aside', 'objection'];
  // Phase 1: comments, replies and reactions, spread over the window.
  await Promise.all(
    people.map(async (token, n) => {
      await sleep(Math.random() * o.seconds * 1000);
      const me = (method, p, body) => call(server.url, token, method, p, body);
      try {
        const parent = n % 3 === 2 && posted.length ? posted[Math.floor(Math.random() * posted.length)] : undefined;
        const c = await timed('comment', () => me('POST', `/api/proposals/${id}/comments`, { body: `Comment ${n + 1}: what about the night shift?`, ...(parent ? { parent } : {}) }));
        posted.push(c.id);
        const target = posted[Math.floor(Math.random() * posted.length)];
        await timed('react', () => me('POST', `/api/comments/${target}/react`, { key: '👍', on: true }));
        await timed('read proposal', () => me('GET', `/api/proposals/${id}`));
      } catch (e) {
        failures.push(String(e.message ?? e));
      }
    }),
  );
  await fac('POST', `/api/proposals/${id}/step`, { step: 'consent', until: later });
  // Phase 2: the consent round.
  const answered = { consent: 0, concern: 0, objection: 0, stand_aside: 0 };
  await Promise.all(
    people.map(async (token, n) => {
      await sleep(Math.random() * o.seconds * 1000);
      const me = (method, p, body) => call(server.url, token, method, p, body);
      const kind = kinds[n % kinds.length];
      const answer = kind === 'objection' ? { answer: kind, reason: `Objection ${n + 1}: nights need two people.` } : kind === 'concern' ? { answer: kind, note: 'Holidays?' } : { answer: kind };
      try {
        await timed('answer', () => me('POST', `/api/proposals/${id}/answer`, answer));
        answered[kind]++;
        await timed('read comments', () => me('GET', `/api/proposals/${id}/comments`));
      } catch (e) {
        failures.push(String(e.message ?? e));
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = cpuSeconds(server.pid) - cpu0;
  await fac('POST', `/api/proposals/${id}/step`, { step: 'close' });

  // Nothing lost: every acknowledged comment and answer is there.
  const comments = await fac('GET', `/api/proposals/${id}/comments`);
  const view = await fac('GET', `/api/proposals/${id}`);
  const tally = view.outcome?.tally ?? {};
  const lost = [];
  if (comments.length !== posted.length) lost.push(`${posted.length} comments acknowledged, ${comments.length} there`);
  for (const k of Object.keys(answered)) if ((tally[k] ?? 0) !== answered[k]) lost.push(`${answered[k]} ${k} answers acknowledged, ${tally[k] ?? 0} counted`);
  const reactions = comments.reduce((n, c) => n + c.reactions.reduce((m, [, count]) => m + count, 0), 0);
  // Named: every answer is in its team's figures (each team has five or more respondents).
  const perTeam = (view.outcome?.teams ?? []).reduce((n, x) => n + Object.values(x.tally).reduce((a, b) => a + b, 0), 0);
  const total = Object.values(answered).reduce((a, b) => a + b, 0);
  if (!o.anonymous && teams.length && people.length >= 5 * teams.length && perTeam !== total) lost.push(`${total} answers, ${perTeam} in the figures per team`);

  const rows = [...latencies.entries()].map(([kind, xs]) => {
    const s = [...xs].sort((a, b) => a - b);
    return { kind, n: s.length, p50: pct(s, 50), p95: pct(s, 95), p99: pct(s, 99), max: s[s.length - 1] };
  });
  const writes = [...(latencies.get('comment') ?? []), ...(latencies.get('answer') ?? []), ...(latencies.get('react') ?? [])].sort((a, b) => a - b);
  const writeP99 = pct(writes, 99);
  const met = writeP99 < THRESHOLD_P99_MS;
  const result = {
    when: new Date().toISOString(),
    command: `node bench/proposals_load.mjs ${argv.join(' ')}`.trim(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, load_average_at_end: os.loadavg().map((x) => Math.round(x * 100) / 100) },
    participants: people.length,
    anonymous: o.anonymous,
    window_s: o.seconds,
    elapsed_s: Math.round(elapsed * 10) / 10,
    latency_ms: Object.fromEntries(rows.map((r) => [r.kind, { n: r.n, p50: +r.p50.toFixed(2), p95: +r.p95.toFixed(2), p99: +r.p99.toFixed(2), max: +r.max.toFixed(2) }])),
    writes_p99_ms: +writeP99.toFixed(2),
    threshold: { p99_ms: THRESHOLD_P99_MS, met, enforced: !quick },
    comments: { acknowledged: posted.length, there: comments.length },
    answers: { acknowledged: answered, counted: tally },
    reactions,
    team_figures: { teams: (view.outcome?.teams ?? []).length, answers_in_them: perTeam },
    server_cpu_s: Math.round(cpu * 100) / 100,
    server_peak_rss_mb: Math.round(peakRssMb(server.pid) * 10) / 10,
    failures: failures.slice(0, 20),
    lost,
  };
  fs.mkdirSync(path.dirname(o.json), { recursive: true });
  fs.writeFileSync(o.json, `${JSON.stringify(result, null, 2)}\n`);

  console.log(`\nkader serve, consultation load: ${people.length} participants, ${o.anonymous ? 'anonymous' : 'named'} proposal, two windows of ${o.seconds} s (comments, then the consent round)`);
  console.log(`  machine: ${result.machine.cpus} × ${result.machine.cpu}\n`);
  console.log('  latency (ms)          requests      p50      p95      p99      max');
  for (const r of rows) console.log(`  ${r.kind.padEnd(20)} ${String(r.n).padStart(9)} ${r.p50.toFixed(2).padStart(8)} ${r.p95.toFixed(2).padStart(8)} ${r.p99.toFixed(2).padStart(8)} ${r.max.toFixed(2).padStart(8)}`);
  console.log(`\n  comments                ${comments.length} of ${posted.length} acknowledged are there; ${reactions} reactions`);
  console.log(`  answers                 ${JSON.stringify(tally)} counted of ${JSON.stringify(answered)} acknowledged`);
  console.log(`  server CPU              ${result.server_cpu_s} s over ${result.elapsed_s} s`);
  console.log(`  server peak RSS         ${result.server_peak_rss_mb} MB`);
  console.log(`  failed requests         ${failures.length}${failures.length ? `: ${failures[0]}` : ''}`);
  console.log(`  threshold writes p99 < ${THRESHOLD_P99_MS} ms   ${met ? 'met' : 'MISSED'}${quick ? ' (not enforced on --quick)' : ''} (${writeP99.toFixed(2)} ms)`);
  console.log(`\n# wrote ${path.relative(REPO, o.json)}`);
  if (lost.length || failures.length) {
    console.error(`LOST OR FAILED: ${[...lost, ...failures.slice(0, 5)].join('; ')}`);
    exit = 2;
  } else if (!met && !quick) {
    exit = 1;
  }
} finally {
  await server.stop().catch(() => server.kill());
  cleanup(file);
}
process.exit(exit);
