// Smoke tests of the real desktop binary, driven through tauri-driver under Xvfb. Run by
// tests/desktop/run.sh, which builds everything, prepares the workspace and sets:
//   KADER_DESKTOP_BIN  the kader-desktop binary (built with the UI embedded)
//   KADER_WORKSPACE    a workspace made with `kader new` + `kader import` of the Dutch fixture
//   WEBDRIVER_URL      tauri-driver's address
//   KADER_EMPTY_WORKSPACE  a workspace made with `kader new` only, for File ▸ Import
//   FIXTURE_CSV        the HR export to import through the menu
//   SCREENSHOT_DIR     where desktop-*.png screenshots go (docs/screenshots)
//   XDG_CONFIG_HOME    the app's (temporary) config directory, for its settings.json
// The native menu and the file dialog are driven with xdotool on the Xvfb display: WebDriver only
// reaches the web page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ENTER, SELECT_ALL, Session, waitFor } from './webdriver.mjs';

// A stock Yjs client (npm yjs + y-websocket + ws, installed in tests/collab), as a participant's
// browser would run it.
const collab = createRequire(join(dirname(fileURLToPath(import.meta.url)), '../collab/package.json'));
const Y = collab('yjs');
const { WebsocketProvider } = collab('y-websocket');
const WebSocket = collab('ws');

const bin = process.env.KADER_DESKTOP_BIN;
const workspace = process.env.KADER_WORKSPACE;
const base = process.env.WEBDRIVER_URL ?? 'http://127.0.0.1:4444';
const shots = process.env.SCREENSHOT_DIR;
const emptyWorkspace = process.env.KADER_EMPTY_WORKSPACE;
const fixture = process.env.FIXTURE_CSV;
assert.ok(bin && workspace, 'run through tests/desktop/run.sh (KADER_DESKTOP_BIN and KADER_WORKSPACE)');

/** The new title given to Noémie Lambert's role; the accent checks the text round trip too. */
const NEW_TITLE = 'Verkoopcoördinator';

/** Calls a Tauri command from inside the window, exactly as the UI's Tauri backend does. */
async function invoke(s, command, args = {}) {
  const r = await s.executeAsync(
    `const done = arguments[arguments.length - 1];
     window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])
       .then((ok) => done({ ok }), (err) => done({ err }));`,
    [command, args],
  );
  if ('err' in r) throw new Error(`${command}: ${JSON.stringify(r.err)}`);
  return r.ok;
}

/** A picture of the whole X screen (window, native menu and all), or of the webview as a fallback. */
async function screenshot(s, name) {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  const file = join(shots, `desktop-${name}.png`);
  try {
    execFileSync('import', ['-window', 'root', file], { stdio: 'pipe' });
  } catch {
    writeFileSync(file, await s.screenshot());
  }
  return file;
}

// The UI's test ids (ui/src/features/search/SearchBox.tsx, details/DetailsPanel.tsx): search-input,
// search-result, details, role-title / person-name / team-name; the plainer `search` and
// `details-title` are accepted too.
const SEARCH = '[data-testid="search"], [data-testid="search-input"]';
const RESULT = '[data-testid="search-result"]';
const TITLE =
  '[data-testid="details-title"], [data-testid="details"] .details-title, [data-testid="role-title"], [data-testid="person-name"], [data-testid="team-name"]';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const xdotool = (...args) => execFileSync('xdotool', args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString().trim();

/** Focuses the first X window whose title matches `pattern` (there is no window manager). */
async function focusWindow(pattern) {
  const id = await waitFor(`a window titled ${pattern}`, async () => xdotool('search', '--name', pattern).split('\n')[0]);
  xdotool('windowfocus', '--sync', id);
}

/**
 * Chooses a native menu item with the keyboard: F10 opens the File menu, then `keys` (xdotool
 * key names) move through it, and Return chooses.
 */
async function menu(...keys) {
  await focusWindow(' — Kader$');
  for (const key of ['F10', ...keys, 'Return']) {
    xdotool('key', key);
    await sleep(250);
  }
}

function settings() {
  return JSON.parse(readFileSync(join(process.env.XDG_CONFIG_HOME, 'be.kader.desktop', 'settings.json'), 'utf8'));
}

/** Listens to a Tauri event inside the window, as `@tauri-apps/api/event`'s `listen` does. */
async function record(s, event) {
  await s.execute(
    `const T = window.__TAURI_INTERNALS__;
     window.__recorded = window.__recorded || {};
     const list = (window.__recorded[arguments[0]] = []);
     T.invoke('plugin:event|listen', {
       event: arguments[0], target: { kind: 'Any' }, handler: T.transformCallback((e) => list.push(e.payload)),
     });`,
    [event],
  );
  return () => s.execute('return window.__recorded[arguments[0]]', [event]);
}

/**
 * Types `query` into the search box and returns the first result that contains `expect` (and,
 * with `kind`, is marked as a person, role or team hit by the UI's `kind-…` class).
 */
async function searchFor(s, query, expect, kind) {
  const box = await s.waitFind(SEARCH, { timeout: 60000 });
  await box.click();
  await box.clear();
  await box.type(query);
  return waitFor(`a search result for ${JSON.stringify(query)} showing ${JSON.stringify(expect)}`, async () => {
    const items = await s.findAll(RESULT);
    for (const item of items) {
      if (!(await item.text()).includes(expect)) continue;
      if (kind && (await item.findAll(`.kind-${kind}`)).length === 0) continue;
      return item;
    }
    return undefined;
  });
}

async function detailsTitle(s, expect) {
  return waitFor(`the details title ${JSON.stringify(expect)}`, async () => {
    const el = (await s.findAll(TITLE))[0];
    const text = el ? (await el.text()).trim() : '';
    return text.includes(expect) ? text : undefined;
  });
}

/** Renames the role shown in the details panel the way a person does: click its title, type, Enter. */
async function renameRole(s, title) {
  await (await s.waitFind('[data-testid="role-title"]')).click();
  const input = await s.waitFind('[data-testid="role-title-input"]', { timeout: 5000 });
  // Select all and type over it: a WebDriver "clear" would blur the field, which saves it.
  // Separate calls: WebKitWebDriver drops the text typed after a modifier in the same call.
  await input.type(SELECT_ALL);
  await input.type(title);
  await input.type(ENTER);
}

/**
 * The demo's decision framework in the real window: a level changed on the delegation board with
 * a reason is kept with who and why, and the lens on the chart follows it (the legend's counts
 * equal the lens the API computes).
 */
async function boardAndLens(s) {
  /** The roles of a team and of its nested teams (they inherit its levels unless they have their own). */
  const rolesOf = async (teamId) => {
    const out = [];
    for (const queue = [await invoke(s, 'team_details', { id: teamId })]; queue.length; ) {
      const t = queue.shift();
      out.push(...t.members);
      for (const c of t.children) queue.push(await invoke(s, 'team_details', { id: c.id }));
    }
    return out;
  };
  /** The decision reasons naming (domain, team) on the lines of the team's roles. */
  const reasonsFor = async (domainId, teamId) => {
    const found = [];
    for (const m of await rolesOf(teamId)) {
      const line = await invoke(s, 'lens_line', { id: m.id }).catch(() => null);
      const r = line?.reasons.find((x) => x.signal === 'decision' && x.domain.id === domainId && x.subject.id === teamId);
      if (r) found.push(r);
    }
    return found;
  };
  // A team entry of the demo's framework that reaches at least one line.
  let domain;
  let entry;
  for (const d of (await invoke(s, 'board')).domains) {
    for (const x of d.delegations) {
      if (!domain && x.subject.kind === 'team' && x.current && (await reasonsFor(d.id, x.subject.id)).length) {
        domain = d;
        entry = x;
      }
    }
  }
  assert.ok(domain, 'the demo maps decision domains whose levels reach reporting lines');
  // Across the control/support boundary, so the lens has something to show.
  const level = entry.current <= 3 ? 7 : 2;

  await (await s.waitFind('[data-testid="view-decisions"]')).click();
  const cell = `[data-testid="board-cell"][data-domain="${domain.id}"][data-subject="${entry.subject.id}"]`;
  await (await s.waitFind(cell, { timeout: 20000 })).click();
  await s.waitFind('[data-testid="level-picker"]', { timeout: 10000 });
  await (await s.waitFind('[data-testid="picker-why"]')).type('agreed in the desktop test');
  await (await s.waitFind(`[data-testid="level-option"][data-level="${level}"]`)).click();
  const noted = await waitFor(`level ${level} recorded for ${domain.name}`, async () => {
    const d = (await invoke(s, 'board')).domains.find((x) => x.id === domain.id);
    const e = d.delegations.find((x) => x.subject.id === entry.subject.id);
    return e.current === level ? e : undefined;
  });
  const last = noted.history[noted.history.length - 1];
  assert.equal(last.why, 'agreed in the desktop test', 'the reason is kept');
  assert.ok(last.by && last.at > 0, 'with who and when');
  await waitFor('the card showing the new level', async () => ((await (await s.find(cell)).text()) || '').includes(String(level)));
  await screenshot(s, 'board');

  // The lines of the team's roles name the new level; the legend counts what the API computes.
  const reasons = await reasonsFor(domain.id, entry.subject.id);
  assert.ok(reasons.length > 0 && reasons.every((r) => r.level === level), `the lines follow: level ${level}`);
  await (await s.waitFind('[data-testid="view-chart"]')).click();
  await (await s.waitFind('[data-testid="lens-toggle"]')).click();
  const after = (await invoke(s, 'lens')).figures.hierarchy;
  for (const c of ['support', 'coordination', 'control', 'unclassified']) {
    await waitFor(`the legend's ${c} count ${after[c]}`, async () => {
      const el = await s.find(`[data-testid="lens-legend-${c}"]`);
      return Number(await el.attribute('data-count')) === after[c];
    });
  }
  await new Promise((r) => setTimeout(r, 400));
  await screenshot(s, 'lens');
}

test('the desktop window', { timeout: 300000 }, async (t) => {
  // run.sh starts with no recent workspace, so this is a first run.
  await t.test('a first run without an argument opens the demo organization', async () => {
    const demo = await Session.start(base, bin, []);
    try {
      await demo.waitFind(SEARCH, { timeout: 60000 });
      const info = await invoke(demo, 'workspace_info');
      assert.match(info.name, /demo/, `the demo workspace is open (${info.path})`);
      assert.ok(info.roles >= 90 && info.roles <= 110, `about a hundred roles (${info.roles})`);
      assert.ok(info.teams >= 20, `nested teams (${info.teams})`);
      await waitFor('the chart', async () => (await demo.findAll('[data-testid="chart-canvas"]')).length > 0);
      await new Promise((r) => setTimeout(r, 500));
      await screenshot(demo, 'demo');
      await boardAndLens(demo);
    } finally {
      await demo.end();
    }
  });

  let s = await Session.start(base, bin, [workspace]);
  try {
    await t.test('opens the workspace given as its first argument', async () => {
      await s.waitFind(SEARCH, { timeout: 60000 });
      const info = await invoke(s, 'workspace_info');
      assert.equal(info.path, workspace, 'the open workspace is the one on the command line');
      assert.ok(info.people >= 20, `the imported people are there (${info.people})`);
      assert.equal(await s.execute('return window.__KADER_LANGUAGE__'), 'en', 'the menu language, given to the page at start');
      // capabilities/default.json grants the UI its commands, events and the open dialog only.
      await assert.rejects(invoke(s, 'plugin:dialog|save', { options: {} }), /not allowed/, 'no save dialog for the page');
      await assert.rejects(invoke(s, 'plugin:event|emit', { event: 'kader://change', payload: {} }), /not allowed/, 'the page cannot fake events');
      await screenshot(s, 'start');
    });

    let roleId;
    await t.test('search finds Noémie typed without the accent and shows her job title', async () => {
      const item = await searchFor(s, 'Noemie', 'Noémie Lambert', 'person');
      await item.click();
      // A person's hit opens the role they fill: its title is her job title, she is listed in it.
      await detailsTitle(s, 'Verkoopondersteuning');
      await waitFor('her name in the details', async () => {
        const details = (await s.findAll('[data-testid="details"]'))[0];
        return details && (await details.text()).includes('Noémie Lambert');
      });
      const hits = await invoke(s, 'search', { q: 'Noemie', limit: 5 });
      roleId = hits.find((h) => h.label.includes('Noémie'))?.role;
      assert.ok(roleId, 'the search hit names the role to reveal');
      await screenshot(s, 'search');
    });

    await t.test('a role renamed in the window survives a restart', async () => {
      // Her role is open in the details panel since the previous step.
      await detailsTitle(s, 'Verkoopondersteuning');
      await renameRole(s, NEW_TITLE);
      let seen;
      await waitFor('the new title in the workspace', async () => {
        seen = (await invoke(s, 'role_details', { id: roleId })).role.title;
        return seen === NEW_TITLE;
      }).catch((e) => {
        throw new Error(`${e.message} (the role is titled ${JSON.stringify(seen)})`);
      });

      await s.end();
      s = await Session.start(base, bin, [workspace]);
      const renamed = await searchFor(s, 'Verkoopcoordinator', NEW_TITLE, 'role');
      await renamed.click();
      await detailsTitle(s, NEW_TITLE);
      const d = await invoke(s, 'role_details', { id: roleId });
      assert.equal(d.role.title, NEW_TITLE, 'the rename is in the file after a restart');
      await screenshot(s, 'after-restart');
    });

    await t.test('the vision typed in the window reaches a stock Yjs client, and back', async () => {
      await (await s.waitFind('[data-testid="view-vision"]')).click();
      const editor = await s.waitFind('[data-testid="vision-editor-purpose"]', { timeout: 30000 });
      await waitFor('the vision connected', async () => (await (await s.find('[data-testid="vision-status"]')).attribute('data-status')) === 'connected');
      await editor.click();
      await editor.type('Zorg die mensen versterkt');
      // The window's own server, as a participant reaches it.
      const { url, token } = await invoke(s, 'collab_endpoint');
      assert.match(url, /^ws:\/\/127\.0\.0\.1:\d+\/yjs$/, 'loopback only');
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(url, 'vision', doc, { params: { token }, WebSocketPolyfill: WebSocket });
      try {
        await waitFor('the window\'s words at the other client', async () => doc.getXmlFragment('purpose').toString().includes('Zorg die mensen versterkt'));
        doc.transact(() => {
          const p = new Y.XmlElement('paragraph');
          p.insert(0, [new Y.XmlText('Vertrouwen boven controle')]);
          doc.getXmlFragment('values').insert(0, [p]);
        });
        await waitFor('the other client\'s words in the window', async () =>
          ((await (await s.find('[data-testid="vision-editor-values"]')).text()) || '').includes('Vertrouwen boven controle'),
        );
      } finally {
        // The provider's presence keeps a timer; end both so the test process can exit.
        provider.awareness.destroy();
        provider.destroy();
        doc.destroy();
      }
      await new Promise((r) => setTimeout(r, 300));
      await screenshot(s, 'vision');
    });

    await t.test('a proposal drafted in the window is discussed and consented to by a participant, adopted, and saved through the native dialog', async () => {
      // A role with a manager, moved under another manager that is not below it.
      const chart = await invoke(s, 'chart');
      const managers = new Set(chart.roles.map((r) => r.manager).filter(Boolean));
      const below = (root) => {
        const out = new Set([root]);
        for (let grew = true; grew; ) {
          grew = false;
          for (const r of chart.roles) if (r.manager && out.has(r.manager) && !out.has(r.id)) out.add(r.id), (grew = true);
        }
        return out;
      };
      const moved = chart.roles.find((r) => r.manager && !managers.has(r.id));
      const excluded = below(moved.id);
      const target = chart.roles.find((r) => managers.has(r.id) && r.id !== moved.manager && !excluded.has(r.id));
      assert.ok(moved && target, 'the fixture has a role to move and a manager to move it to');
      const choose = async (testid, value) => {
        await (await s.waitFind(`[data-testid="${testid}"] option[value="${value}"]`)).click();
        await waitFor(`${testid} = ${value}`, async () => (await (await s.find(`[data-testid="${testid}"]`)).property('value')) === value);
      };

      await (await s.waitFind('[data-testid="view-proposals"]')).click();
      await (await s.waitFind('[data-testid="proposal-new"]', { timeout: 20000 })).click();
      await (await s.waitFind('[data-testid="draft-title"]')).type('Eén aanspreekpunt voor de klant');
      await (await s.find('[data-testid="draft-why"]')).type('Klanten wachten te lang; één team dat coacht in plaats van controleert, antwoordt sneller.');
      await choose('stage-move-role', moved.id);
      await choose('stage-move-to', target.id);
      await (await s.find('[data-testid="stage-move-add"]')).click();
      await waitFor('the staged move', async () => (await s.findAll('[data-testid="staged-change"]')).length === 1);
      await (await s.find('[data-testid="draft-save"]')).click();
      await s.waitFind('[data-testid="proposal-page"]', { timeout: 20000 });
      const step = async (name) => {
        await (await s.waitFind(`[data-testid="proposal-step-${name}"]`)).click();
        await (await s.waitFind('[data-testid="proposal-step-go"]')).click();
      };
      await step('open');
      await waitFor('open for comments', async () => /Open for comments/.test(await (await s.waitFind('[data-testid="proposal-state"]')).text()));

      // A participant's browser, through the window's own server: join with the code, comment.
      const { base, token } = await invoke(s, 'server_endpoint');
      const http = async (method, path, body, bearer = token) => {
        const r = await fetch(`${base}${path}`, {
          method,
          headers: { ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
          body: body ? JSON.stringify(body) : undefined,
        });
        const text = await r.text();
        if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
        return text ? JSON.parse(text) : null;
      };
      const { code } = await http('POST', '/api/session', { lan: false });
      const joined = await http('POST', '/session/join', { code, name: 'Lotte' }, null);
      const [proposal] = await http('GET', '/api/proposals');
      await http('POST', `/api/proposals/${proposal.proposal.id}/comments`, { body: 'Wie coacht dit team ’s nachts?', anchor: { on: 'node', node: { kind: 'role', id: moved.id } } }, joined.token);
      await waitFor('the participant’s comment in the window, live', async () =>
        (await s.findAll('[data-testid="comment-body"]')).length > 0 && /’s nachts/.test(await (await s.find('[data-testid="comment-body"]')).text()),
      );

      await step('consent');
      await waitFor('the consent round', async () => /Consent round 1/.test(await (await s.find('[data-testid="proposal-state"]')).text()));
      await http('POST', `/api/proposals/${proposal.proposal.id}/answer`, { answer: 'consent' }, joined.token);
      await waitFor('the answer counted in the window, live', async () => /^1 /.test(await (await s.find('[data-testid="outcome-respondents"]')).text()));
      await step('close');
      await waitFor('adoption allowed', async () => !(await (await s.waitFind('[data-testid="proposal-step-adopt"]')).property('disabled')));
      await step('adopt');
      await waitFor('adopted', async () => /Adopted/.test(await (await s.find('[data-testid="proposal-phase"]')).text()));
      await waitFor('the live organization changed', async () => (await invoke(s, 'chart')).roles.find((r) => r.id === moved.id).manager === target.id);
      await screenshot(s, 'proposal');

      // Export: the window has no downloads; the native save dialog writes the file.
      const file = join(dirname(workspace), 'voorstel.md');
      await (await s.find('[data-testid="proposal-export-markdown"]')).click();
      await focusWindow('^Save .*\\.md$');
      xdotool('key', 'ctrl+a');
      xdotool('type', '--delay', '10', file);
      await sleep(250);
      xdotool('key', 'Return');
      const saved = await waitFor('the saved export', async () => {
        try {
          return readFileSync(file, 'utf8');
        } catch {
          return undefined;
        }
      });
      assert.match(saved, /Eén aanspreekpunt voor de klant/, 'the proposal');
      assert.match(saved, /’s nachts/, 'with its discussion');
      await waitFor('the window says where it went', async () => ((await s.bodyText()) || '').includes(file));
      await http('DELETE', '/api/session');
    });
  } finally {
    await s.end();
  }

  await t.test('the native menu: import, undo, redo, export, open, language', async (tt) => {
    const m = await Session.start(base, bin, [emptyWorkspace]);
    try {
      await m.waitFind('[data-testid="empty-state"], [data-testid="chart-canvas"]', { timeout: 60000 });
      assert.equal((await invoke(m, 'workspace_info')).people, 0, 'the new workspace is empty');
      const changes = await record(m, 'kader://change');

      await tt.test('File ▸ Import HR export… reads the file chosen in the native dialog', async () => {
        await menu('Down', 'Down', 'Down', 'Down'); // New, Open, Open recent, Import
        await focusWindow('^Import an HR export$');
        xdotool('key', 'ctrl+l');
        await sleep(250);
        xdotool('type', '--delay', '10', fixture);
        await sleep(250);
        xdotool('key', 'Return');
        const info = await waitFor('the imported people', async () => {
          const i = await invoke(m, 'workspace_info');
          return i.people === 25 && i;
        });
        assert.equal(info.roles, 25, 'a role per row');
        // The chart is a canvas; its role count and the header's figures are in the page.
        await waitFor('the chart of the import', async () => {
          const canvas = (await m.findAll('[data-testid="chart-canvas"]'))[0];
          return canvas && Number(await canvas.attribute('data-visible-roles')) > 0;
        });
        await waitFor('the figures of the import', async () => {
          const stats = (await m.findAll('[data-testid="stats"]'))[0];
          return stats && (await stats.text()).includes('25');
        });
        const events = await changes();
        assert.equal(events.length, 1, `one change event for the import (kader://change): ${JSON.stringify(events.map((e) => e.summary))}`);
        await screenshot(m, 'import');
      });

      await tt.test('Edit ▸ Undo change and Redo change', async () => {
        await focusWindow('^Import done$'); // the message box the import showed
        xdotool('key', 'Return');
        await sleep(250);
        await menu('Right', 'Down'); // Edit ▸ Undo change
        await waitFor('the import undone', async () => (await invoke(m, 'workspace_info')).people === 0);
        await menu('Right', 'Down', 'Down'); // Edit ▸ Redo change
        await waitFor('the import redone', async () => (await invoke(m, 'workspace_info')).people === 25);
      });

      await tt.test('File ▸ Export… writes the JSON interchange file chosen in the native dialog', async () => {
        const target = join(dirname(emptyWorkspace), 'export.json');
        await menu('Down', 'Down', 'Down', 'Down', 'Down'); // New, Open, Open recent, Import, Export
        await focusWindow('^Export as JSON$');
        xdotool('key', 'ctrl+a');
        xdotool('type', '--delay', '10', target);
        await sleep(250);
        xdotool('key', 'Return');
        const exported = await waitFor('the exported file', async () => JSON.parse(readFileSync(target, 'utf8')));
        assert.equal(exported.format, 'kader-workspace', 'the interchange format');
        assert.equal(exported.persons.length, 25, 'everyone in the workspace');
      });

      await tt.test('File ▸ Open… switches the window to the workspace chosen in the native dialog', async () => {
        await menu('Down', 'Down'); // New, Open
        await focusWindow('^Open a Kader workspace$');
        xdotool('key', 'ctrl+l');
        await sleep(250);
        xdotool('type', '--delay', '10', workspace);
        await sleep(250);
        xdotool('key', 'Return');
        // The window reloads; the page's state, including the recorders, starts afresh.
        await waitFor('the other workspace', async () => (await invoke(m, 'workspace_info')).path === workspace);
        await m.waitFind(SEARCH, { timeout: 30000 });
        await focusWindow('^Smoke test — Kader$');
      });

      await tt.test('View ▸ Language ▸ Nederlands tells the UI and is remembered', async () => {
        const languages = await record(m, 'kader://language');
        await menu('Right', 'Right', 'Down', 'Right', 'Down'); // View ▸ Language ▸ Nederlands
        await waitFor('the language event', async () => (await languages()).includes('nl'));
        assert.equal(settings().language, 'nl', 'the choice is in settings.json');
      });
    } finally {
      await m.end();
    }
  });

  await t.test('started without an argument, it reopens the last workspace', async () => {
    const again = await Session.start(base, bin, []);
    try {
      await again.waitFind(SEARCH, { timeout: 60000 });
      const info = await invoke(again, 'workspace_info');
      assert.equal(info.path, workspace, 'the workspace open when the window last closed');
      assert.deepEqual(settings().recent.slice(0, 2), [workspace, emptyWorkspace], 'the recent list, newest first');
    } finally {
      await again.end();
    }
  });
});
