/**
 * End-to-end harness: the real `kader` binary (`KADER_BIN`, or target/{release,debug}/kader,
 * built with cargo when missing), real workspace files, a real `kader serve`, and Chromium
 * driven by playwright-core. Nothing here imitates the server.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const UI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO = path.resolve(UI, '..');
export const FIXTURE = path.join(REPO, 'tests/fixtures/hris/nl-semicolon-cp1252.csv');
export const SCREENSHOTS = path.join(REPO, 'docs/screenshots');
export const WORK = path.join(UI, 'e2e/.work');

let kaderBin;

/**
 * The `kader` binary that has `serve`: `KADER_BIN` when set; otherwise `cargo build -p kader-cli`
 * runs first (incremental, so it is quick when nothing changed, and the UI built into the binary
 * is the one `npm run build` just made), falling back to an existing target/{release,debug}/kader.
 */
export function kader() {
  if (kaderBin) return kaderBin;
  const hasServe = (bin) => bin && fs.existsSync(bin) && spawnSync(bin, ['serve', '--help'], { encoding: 'utf8' }).status === 0;
  if (process.env.KADER_BIN) {
    if (hasServe(process.env.KADER_BIN)) return (kaderBin = process.env.KADER_BIN);
    throw new Error(`KADER_BIN=${process.env.KADER_BIN} is not a kader binary with \`serve\`.`);
  }
  const build = spawnSync('cargo', ['build', '-p', 'kader-cli'], { cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'] });
  const candidates = build.status === 0 ? [path.join(REPO, 'target/debug/kader')] : [path.join(REPO, 'target/release/kader'), path.join(REPO, 'target/debug/kader')];
  for (const c of candidates) if (hasServe(c)) return (kaderBin = c);
  throw new Error('No `kader` binary with `serve` found: set KADER_BIN or run `cargo build -p kader-cli` at the repository root.');
}

function run(args) {
  const r = spawnSync(kader(), args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`kader ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** A fresh workspace file in a temporary folder, with `csv` imported when given. */
export function workspace(name, csv) {
  fs.mkdirSync(WORK, { recursive: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kader-e2e-'));
  const file = path.join(dir, `${name}.kader`);
  run(['new', file]);
  if (csv) run(['import', file, csv]);
  return file;
}

/** Starts `kader serve FILE --port 0 --ready-file R` and resolves with the facilitator link. */
export async function serve(file) {
  const ready = path.join(path.dirname(file), `ready-${process.pid}-${Date.now()}.json`);
  const child = spawn(kader(), ['serve', file, '--port', '0', '--ready-file', ready], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`kader serve exited with ${child.exitCode}: ${output}`);
    if (fs.existsSync(ready)) {
      const text = fs.readFileSync(ready, 'utf8').trim();
      if (text) {
        const link = readLink(text);
        if (link) {
          return {
            link,
            origin: new URL(link).origin,
            stop: () =>
              new Promise((res) => {
                if (child.exitCode !== null) return res();
                child.once('exit', res);
                child.kill('SIGTERM');
              }),
          };
        }
      }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`kader serve did not write ${ready} within 20 s: ${output}`);
}

function readLink(text) {
  try {
    const j = JSON.parse(text);
    return j.link ?? j.url ?? null;
  } catch {
    return text.split(/\s+/).find((w) => /^https?:\/\//.test(w)) ?? null;
  }
}

export async function browser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A new browser context that opened the facilitator link, showing the chart. */
export async function openApp(b, link, { locale = 'en-GB', query = '', waitForChart = true } = {}) {
  const context = await b.newContext({ viewport: { width: 1440, height: 900 }, locale });
  const page = await context.newPage();
  const errors = [];
  watch(page, errors, 'page');
  await page.goto(link);
  if (query) await page.goto(new URL(query, link).toString());
  if (waitForChart) await chartReady(page);
  return { context, page, errors };
}

export async function chartReady(page) {
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=chart-canvas]')?.getAttribute('data-visible-roles')) > 0 && window.kaderChart?.firstFrame, null, { timeout: 20_000 });
}

/** Searches and chooses the first hit. */
export async function searchAndChoose(page, q, expectLabel) {
  await page.keyboard.press('Escape');
  await page.locator('body').press('/');
  // `/` puts the focus in the search box; the typing goes there.
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'search-input', null, { timeout: 5_000 });
  await page.keyboard.type(q);
  const hit = page.getByTestId('search-result').filter({ hasText: expectLabel }).first();
  await hit.waitFor();
  await hit.click();
}

export async function cardCenter(page, roleId) {
  const p = await page.evaluate((id) => window.kaderChart.cardCenter(id), roleId);
  if (!p) throw new Error(`role ${roleId} is not on screen`);
  return p;
}

/** The chart as the server has it (the browser's cookie authorizes the request). */
export async function chartOf(page) {
  return page.evaluate(async () => (await fetch('/api/chart')).json());
}

export function roleByTitle(chart, title) {
  const r = chart.roles.find((x) => x.title === title);
  if (!r) throw new Error(`no role titled ${title}`);
  return r;
}

export async function waitFor(page, fn, arg, what) {
  try {
    await page.waitForFunction(fn, arg, { timeout: 10_000 });
  } catch (e) {
    throw new Error(`timed out waiting for ${what}`);
  }
}

export function screenshotPath(name) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, name);
}

/**
 * Collects a page's unexpected errors into `errors`, tagged. Expected ones are skipped: refused
 * requests (a 401 before joining, a 400 or 403 refusal the test provokes) and, while
 * `page.joining` is set, the event socket failing before the participant has a token.
 */
export function watch(page, errors, tag) {
  // With where it was thrown: an error seen once under load must say where to look.
  page.on('pageerror', (e) => errors.push(`${tag}: ${e.message}${e.stack ? ` (${e.stack.split('\n').slice(1, 4).map((l) => l.trim()).join(' < ')})` : ''}`));
  // Refused requests (a 400 for a cycle) are logged by the browser itself; they are expected.
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    if (text.startsWith('Failed to load resource')) return;
    if (/WebSocket connection to .* failed/.test(text) && page.joining) return;
    errors.push(`${tag}: ${text}`);
  });
}

/** A call to the server's API from inside the page (its cookie or token authorizes it), as the UI makes it. */
export const api = (page, method, url, body) =>
  page.evaluate(
    async ([m, u, b]) => {
      const r = await fetch(u, { method: m, headers: b === undefined ? {} : { 'Content-Type': 'application/json' }, body: b === undefined ? undefined : JSON.stringify(b) });
      const text = await r.text();
      if (!r.ok) throw new Error(`${m} ${u}: ${r.status} ${text}`);
      return text ? JSON.parse(text) : null;
    },
    [method, url, body],
  );
