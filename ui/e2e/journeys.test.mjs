/**
 * What a facilitator does with a real `kader serve`: find people, edit, restructure by dragging,
 * undo, reload, work together live, in Dutch and English, from an empty workspace to a chart.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import {
  FIXTURE, browser, cardCenter, kader, chartOf, chartReady, openApp, roleByTitle, screenshotPath, searchAndChoose, serve, waitFor, workspace,
} from './harness.mjs';

let b;
let server;
let app;

before(async () => {
  server = await serve(workspace('journeys', FIXTURE));
  b = await browser();
  app = await openApp(b, server.link);
});

after(async () => {
  await b?.close();
  await server?.stop();
});

async function drag(page, from, to) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(from.x + ((to.x - from.x) * i) / 12, from.y + ((to.y - from.y) * i) / 12);
  await page.mouse.up();
}

const detailsTitle = (page) => page.getByTestId('details').getByTestId('role-title');

describe('a facilitator with the HR export of a Belgian company', () => {
  it('finds a person by name without typing the accent and sees their role', async () => {
    const { page } = app;
    await searchAndChoose(page, 'Francoise', 'Françoise Dubois');
    await waitFor(page, () => document.querySelector('[data-testid=details] h2')?.textContent === 'Algemeen directeur', null, 'the role of Françoise');
    const people = await page.getByTestId('role-people').textContent();
    assert.match(people, /Françoise Dubois/, 'the details name who fills the role');
    assert.match(await page.getByTestId('chart-status').textContent(), /Algemeen directeur/, 'the chart selected and announced the role');
  });

  it('moves through the chart with the keyboard', async () => {
    const { page } = app;
    await page.getByTestId('chart-canvas').focus();
    const before = await page.getByTestId('chart-status').textContent();
    await page.keyboard.press('ArrowDown');
    await waitFor(page, (b) => document.querySelector('[data-testid=chart-status]').textContent !== b, before, 'a report to be selected');
    await page.keyboard.press('ArrowUp');
    await waitFor(page, () => /Algemeen directeur/.test(document.querySelector('[data-testid=chart-status]').textContent), null, 'back at the top');
  });

  it('shows where a person works and since when, as the HR export says', async () => {
    const { page } = app;
    await searchAndChoose(page, 'Mathias', 'Mathias Lemaire');
    await page.getByTestId('role-people').getByTestId('person-link').first().click();
    const facts = page.getByTestId('person-facts');
    await facts.waitFor();
    const text = await facts.textContent();
    assert.match(text, /Location\s*Brussel/, text);
    assert.match(text, /In service since\s*17 Feb 2020/, 'the hire date, in the reader’s locale');
  });

  it('brings a chosen role into view with its manager, not behind the floating toolbar', async () => {
    const { page } = app;
    await searchAndChoose(page, 'Controller', 'Controller');
    await page.waitForTimeout(700);
    const chart = await chartOf(page);
    const manager = chart.roles.find((r) => r.id === roleByTitle(chart, 'Controller').manager);
    const toolbar = await page.locator('.chart-view-controls').boundingBox();
    const card = await cardCenter(page, manager.id);
    assert.ok(card.y - 42 > toolbar.y + toolbar.height, `the manager's card (top ${card.y - 42}) is below the toolbar (bottom ${toolbar.y + toolbar.height})`);
  });

  it('goes to a chosen team’s lead, read from the reporting lines, and names the people in its roles', async () => {
    const { page } = app;
    await searchAndChoose(page, 'Productie', 'Productie');
    const lead = page.getByTestId('team-lead');
    await lead.waitFor();
    assert.match(await lead.textContent(), /René Claes \(Productieverantwoordelijke\)/);
    assert.match(await page.getByTestId('details').textContent(), /from the reporting lines/);
    await waitFor(page, () => /Productieverantwoordelijke/.test(document.querySelector('[data-testid=chart-status]').textContent), null, 'the chart to go to the team’s lead');
    assert.match(await page.getByTestId('team-members').textContent(), /Dirk Peeters \(Operator\)/, 'roles that share a title are told apart by their people');
  });

  it('edits a role title in place', async () => {
    const { page } = app;
    await searchAndChoose(page, 'Controller', 'Controller');
    await detailsTitle(page).click();
    const input = page.getByTestId('role-title-input');
    await input.fill('Financial controller');
    await input.press('Enter');
    await waitFor(page, () => document.querySelector('[data-testid=details] h2')?.textContent === 'Financial controller', null, 'the new title in the details');
    const chart = await chartOf(page);
    const role = roleByTitle(chart, 'Financial controller');
    await waitFor(page, (id) => window.kaderChart.titleOf(id) === 'Financial controller', role.id, 'the new title on the chart');
  });

  it('drags a role onto a new manager', async () => {
    const { page } = app;
    await page.getByTestId('fit').click();
    await page.waitForTimeout(400);
    const chart = await chartOf(page);
    const role = roleByTitle(chart, 'Financial controller');
    const ceo = roleByTitle(chart, 'Algemeen directeur');
    assert.notEqual(role.manager, ceo.id, 'the controller does not report to the CEO yet');
    await drag(page, await cardCenter(page, role.id), await cardCenter(page, ceo.id));
    await page.getByTestId('toast-info').filter({ hasText: 'Financial controller' }).waitFor();
    const after = roleByTitle(await chartOf(page), 'Financial controller');
    assert.equal(after.manager, ceo.id, 'the server has the new manager');
    await waitFor(page, () => /Algemeen directeur/.test(document.querySelector('[data-testid=role-manager]')?.textContent ?? ''), null, 'the details to show the new manager');
  });

  it('undoes the move with Ctrl+Z', async () => {
    const { page } = app;
    const hoofd = roleByTitle(await chartOf(page), 'Hoofd Financiën; HR');
    await page.getByTestId('chart-canvas').focus();
    await page.keyboard.press('Control+z');
    await waitFor(page, () => /Hoofd Financiën/.test(document.querySelector('[data-testid=role-manager]')?.textContent ?? ''), null, 'the old manager back in the details');
    assert.equal(roleByTitle(await chartOf(page), 'Financial controller').manager, hoofd.id, 'the server has the old manager again');
  });

  it('shows the server’s reason when a move would make a cycle', async () => {
    const { page } = app;
    await page.getByTestId('fit').click();
    await page.waitForTimeout(400);
    const chart = await chartOf(page);
    const ceo = roleByTitle(chart, 'Algemeen directeur');
    const sales = roleByTitle(chart, 'Verkoopdirecteur');
    await drag(page, await cardCenter(page, ceo.id), await cardCenter(page, sales.id));
    const toast = page.getByTestId('toast-error');
    await toast.waitFor();
    const said = await toast.textContent();
    assert.match(said, /Françoise Dubois \(Algemeen directeur\)/, `the refusal names the person, not only a title: ${said}`);
    assert.equal(roleByTitle(await chartOf(page), 'Algemeen directeur').manager, null, 'nothing changed');
  });

  it('keeps every change after a reload', async () => {
    const { page } = app;
    await page.reload();
    await chartReady(page);
    const chart = await chartOf(page);
    const role = roleByTitle(chart, 'Financial controller');
    assert.equal(await page.evaluate((id) => window.kaderChart.titleOf(id), role.id), 'Financial controller');
    assert.equal(role.manager, roleByTitle(chart, 'Hoofd Financiën; HR').id);
  });

  it('adds a role below the selected one and removes it again', async () => {
    const { page } = app;
    await searchAndChoose(page, 'Verkoopdirecteur', 'Verkoopdirecteur');
    await page.getByTestId('add-role').click();
    const input = page.getByTestId('role-title-input');
    await input.waitFor();
    await input.fill('Marketing lead');
    await input.press('Enter');
    await waitFor(page, () => document.querySelector('[data-testid=details] h2')?.textContent === 'Marketing lead', null, 'the new role in the details');
    const chart = await chartOf(page);
    const added = roleByTitle(chart, 'Marketing lead');
    assert.equal(added.manager, roleByTitle(chart, 'Verkoopdirecteur').id, 'it reports to the selected role');
    assert.equal(added.team, roleByTitle(chart, 'Verkoopdirecteur').team, 'it joins the manager’s team');
    await page.getByTestId('remove-role').click();
    await page.getByTestId('confirm-remove').click();
    await waitFor(page, (id) => window.kaderChart.titleOf(id) === null, added.id, 'the role to leave the chart');
  });

  it('shows changes made in another browser at once', async () => {
    const other = await openApp(b, server.link);
    try {
      const chart = await chartOf(app.page);
      const role = roleByTitle(chart, 'Boekhouder');
      await searchAndChoose(app.page, 'Boekhouder', 'Boekhouder');
      await detailsTitle(app.page).click();
      await app.page.getByTestId('role-title-input').fill('Accountant');
      await app.page.getByTestId('role-title-input').press('Enter');
      await waitFor(other.page, (id) => window.kaderChart.titleOf(id) === 'Accountant', role.id, 'the other browser to see the new title');
      // And back: the other browser edits, the first one sees it.
      await searchAndChoose(other.page, 'Accountant', 'Accountant');
      await detailsTitle(other.page).click();
      await other.page.getByTestId('role-title-input').fill('Boekhouder');
      await other.page.getByTestId('role-title-input').press('Enter');
      await waitFor(app.page, (id) => window.kaderChart.titleOf(id) === 'Boekhouder', role.id, 'the first browser to see it');
      await waitFor(app.page, () => document.querySelector('[data-testid=details] h2')?.textContent === 'Boekhouder', null, 'the open details to follow');
      assert.deepEqual(other.errors, [], 'no errors in the other browser');
    } finally {
      await other.context.close();
    }
  });

  it('speaks Dutch and English', async () => {
    const nl = await openApp(b, server.link, { locale: 'nl-BE' });
    try {
      const { page } = nl;
      const search = page.getByTestId('search-input');
      assert.match(await search.getAttribute('placeholder'), /^Zoek mensen, rollen/, 'Dutch for a Dutch browser');
      await page.screenshot({ path: screenshotPath('chart-nl.png') });
      await searchAndChoose(page, 'Rene', 'René Claes');
      await waitFor(page, () => document.querySelector('[data-testid=details] h2')?.textContent === 'Productieverantwoordelijke', null, 'René’s role');
      assert.match(await page.getByTestId('details').textContent(), /Rapporteert aan/);
      await page.waitForTimeout(400);
      await page.screenshot({ path: screenshotPath('details-nl.png') });
      await page.getByTestId('lang-en').click();
      assert.match(await search.getAttribute('placeholder'), /^Search people, roles/, 'English after the switch');
      assert.match(await page.getByTestId('details').textContent(), /Reports to/);
      await page.screenshot({ path: screenshotPath('details-en.png') });
      await page.getByTestId('details-close').click();
      await page.getByTestId('fit').click();
      await page.waitForTimeout(500);
      await page.screenshot({ path: screenshotPath('chart-en.png') });
      assert.deepEqual(nl.errors, [], 'no errors in the page');
    } finally {
      await nl.context.close();
    }
  });

  it('renames the word for a team in the settings, for everyone', async () => {
    const { page } = app;
    await page.getByTestId('settings').click();
    await page.getByTestId('team-word-singular').fill('afdeling');
    await page.getByTestId('team-word-plural').fill('afdelingen');
    await page.screenshot({ path: screenshotPath('settings-en.png') });
    await page.getByTestId('settings-save').click();
    await waitFor(page, () => /afdelingen/.test(document.querySelector('[data-testid=search-input]').placeholder), null, 'the new word in the search box');
    const info = await page.evaluate(async () => (await fetch('/api/workspace')).json());
    assert.deepEqual(info.team_word, { singular: 'afdeling', plural: 'afdelingen' }, 'the server keeps the word');
  });

  it('prints the chart, not the app around it', async () => {
    const { page } = app;
    await page.emulateMedia({ media: 'print' });
    try {
      for (const id of ['undo', 'import', 'settings', 'zoom-in', 'details']) {
        const visible = await page.getByTestId(id).first().isVisible().catch(() => false);
        assert.equal(visible, false, `${id} is not printed`);
      }
      assert.ok(await page.getByTestId('chart-canvas').isVisible(), 'the chart is printed');
      assert.ok(await page.getByTestId('workspace-name').isVisible(), 'with the workspace’s name as its title');
      // The whole organization, not the part the window showed.
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      const box = await page.getByTestId('chart-canvas').boundingBox();
      for (const role of (await chartOf(page)).roles) {
        const c = await page.evaluate((id) => window.kaderChart.cardCenter(id), role.id);
        if (!c) continue; // inside a collapsed branch
        assert.ok(c.x >= box.x && c.x <= box.x + box.width && c.y >= box.y && c.y <= box.y + box.height, `${role.title} is on the printed page`);
      }
      await page.screenshot({ path: screenshotPath('print-chart.png') });
      await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('reports no errors in the page', () => {
    assert.deepEqual(app.errors, []);
  });
});

describe('a new, empty workspace', () => {
  let empty;
  before(async () => {
    empty = await serve(workspace('empty'));
  });
  after(async () => empty?.stop());

  it('says what to do next and imports an HR export', async () => {
    for (const locale of ['en-GB', 'nl-BE']) {
      const { context, page } = await openApp(b, empty.link, { locale, waitForChart: false });
      await page.getByTestId('empty-state').waitFor();
      const text = await page.getByTestId('empty-state').textContent();
      assert.match(text, locale === 'en-GB' ? /Import an HR export/ : /Importeer een HR-export/);
      await page.waitForTimeout(300);
      await page.screenshot({ path: screenshotPath(`empty-${locale.slice(0, 2)}.png`) });
      if (locale === 'nl-BE') {
        await page.getByTestId('import-file').setInputFiles(FIXTURE);
        await chartReady(page);
        assert.equal(await page.evaluate(() => window.kaderChart.visibleRoles()), 25, 'every role of the export is on the chart');
      }
      await context.close();
    }
  });
});

describe('the delegation board', () => {
  let boardServer;
  let board;
  const serverBoard = (page) => page.evaluate(async () => (await fetch('/api/board')).json());
  const cell = (page, domain, team) => page.locator(`[data-testid=board-cell][data-domain="${domain}"][data-subject="${team}"]`);

  before(async () => {
    boardServer = await serve(workspace('board', FIXTURE));
    board = await openApp(b, boardServer.link);
  });
  after(async () => {
    await board?.context.close();
    await boardServer?.stop();
  });

  it('maps a decision domain, sets a level with a reason and filters by gap', async () => {
    const { page } = board;
    // The view switch: a tab, remembered in the address.
    await page.getByRole('tab', { name: 'Decisions' }).click();
    await waitFor(page, () => location.hash === '#decisions', null, 'the view in the address');
    assert.equal(await page.getByRole('tab', { name: 'Decisions' }).getAttribute('aria-selected'), 'true');
    const empty = page.getByTestId('board-empty');
    await empty.waitFor();
    assert.match(await empty.textContent(), /Map the first decision domain/, 'the empty board says what to do next');
    await page.screenshot({ path: screenshotPath('board-empty-en.png') });

    // A new domain, owned by Productie, with a guardrail.
    await page.getByTestId('board-empty-new').click();
    const editor = page.getByTestId('domain-editor');
    await editor.getByLabel('Name').fill('Hiring in the team');
    await editor.getByLabel('Driver: why this domain exists').fill('Teams know best who fits');
    await editor.getByRole('button', { name: 'Add a guardrail' }).click();
    await editor.getByLabel('Guardrail 1', { exact: true }).fill('Within the approved headcount');
    await editor.getByLabel('Owner team').selectOption({ label: 'Productie' });
    await editor.getByLabel('Review date').fill('2027-01-15');
    await editor.getByRole('button', { name: 'Add domain' }).click();
    await page.getByTestId('board-row').filter({ hasText: 'Hiring in the team' }).waitFor();
    const state = await serverBoard(page);
    const domain = state.domains.find((d) => d.name === 'Hiring in the team');
    assert.ok(domain, 'the server has the domain');
    assert.deepEqual(domain.guardrails, ['Within the approved headcount']);
    assert.equal(domain.review_date, '2027-01-15');
    const team = (name) => state.teams.find((x) => x.name === name).id;
    assert.equal(domain.owner_team, team('Productie'), 'the owner team');

    // The owner's column is on the board; its cell starts empty. One click, a reason, a level.
    const productie = cell(page, domain.id, team('Productie'));
    assert.equal(await productie.getAttribute('data-empty'), 'true', 'no level yet');
    await productie.click();
    const picker = page.getByRole('dialog', { name: 'Hiring in the team' });
    await picker.getByLabel('Why (optional)').fill('agreed in the workshop');
    await picker.getByRole('button', { name: /^3 Consult/ }).click();
    await waitFor(page, (sel) => document.querySelector(sel)?.getAttribute('data-current') === '3', `[data-testid=board-cell][data-domain="${domain.id}"][data-subject="${team('Productie')}"]`, 'the card to show level 3');
    assert.match(await productie.textContent(), /3\s*Consult/, 'the card shows the number and the name');

    // Again: the picker opens on the desired level.
    await productie.click();
    assert.equal(await picker.getByRole('radio', { name: /Desired/ }).isChecked(), true, 'a cell with a current level asks for the desired one');
    await picker.getByRole('button', { name: /^5 Advise/ }).click();
    await waitFor(page, (sel) => document.querySelector(sel)?.getAttribute('data-desired') === '5', `[data-testid=board-cell][data-domain="${domain.id}"][data-subject="${team('Productie')}"]`, 'the desired level on the card');
    assert.equal(await productie.getAttribute('aria-label'), 'Hiring in the team, Productie: current 3 consult, desired 5 advise. 2 levels more autonomy wanted');
    assert.match(await productie.getByTestId('gap-badge').textContent(), /\+2/, 'the gap is written, not only coloured');

    // The history says who, when and why (the server's record of each change arrives right after it).
    await productie.click();
    await waitFor(page, () => document.querySelectorAll('[data-testid=picker-history] li').length === 2, null, 'both changes in the history');
    const history = await picker.getByTestId('picker-history').textContent();
    assert.match(history, /3 → – by Facilitator, \d{1,2} \w{3} \d{4}: agreed in the workshop/, 'the first change with its reason');
    assert.match(history, /3 → 5 by Facilitator/, 'the second change');
    await page.screenshot({ path: screenshotPath('board-picker-en.png') });
    await page.keyboard.press('Escape');
    const saved = (await serverBoard(page)).domains.find((d) => d.id === domain.id).delegations[0];
    assert.deepEqual([saved.current, saved.desired, saved.history[0].why], [3, 5, 'agreed in the workshop'], 'the server has both levels and the reason');

    // A second column, at its desired level; the gap filters keep only the cell with a gap.
    await page.getByTestId('board-add-column').selectOption({ label: 'Verkoop' });
    const verkoop = cell(page, domain.id, team('Verkoop'));
    await verkoop.click();
    await picker.getByRole('button', { name: /^4 Agree/ }).click();
    await waitFor(page, (sel) => document.querySelector(sel)?.getAttribute('data-current') === '4', `[data-testid=board-cell][data-domain="${domain.id}"][data-subject="${team('Verkoop')}"]`, 'Verkoop at 4');
    await verkoop.click();
    await picker.getByRole('button', { name: /^4 Agree/ }).click();
    await waitFor(page, (sel) => document.querySelector(sel)?.getAttribute('data-desired') === '4', `[data-testid=board-cell][data-domain="${domain.id}"][data-subject="${team('Verkoop')}"]`, 'Verkoop on target');
    await page.getByRole('radio', { name: 'With a gap' }).check({ force: true });
    await waitFor(page, () => document.querySelectorAll('[data-testid=board-column]').length === 1, null, 'only the column with a gap');
    assert.deepEqual(await page.getByTestId('board-column').allTextContents(), ['Productie']);
    await page.getByRole('radio', { name: 'More autonomy wanted' }).check({ force: true });
    assert.equal(await page.getByTestId('board-column').count(), 1, 'Productie wants more autonomy');
    await page.getByRole('radio', { name: 'All' }).check({ force: true });
    await waitFor(page, () => document.querySelectorAll('[data-testid=board-column]').length === 2, null, 'both columns again');
    for (const dismiss of await page.getByTestId('toasts').getByRole('button', { name: 'Dismiss' }).all()) await dismiss.click();
    await page.screenshot({ path: screenshotPath('board-en.png') });

    // The view survives a reload; the board speaks Dutch too.
    await page.reload();
    await page.getByTestId('board-scroll').waitFor();
    await page.getByTestId('lang-nl').click();
    await waitFor(page, () => /Raadplegen/.test(document.querySelector('[data-testid=board-cell][data-current="3"]')?.textContent ?? ''), null, 'the level name in Dutch');
    assert.equal(await page.getByRole('tab', { name: 'Delegatiebord' }).getAttribute('aria-selected'), 'true');
    await page.getByTestId('lang-en').click();
    assert.deepEqual(board.errors, [], 'no errors in the page');
  });

  it('fits a phone: the first column stays while the cards scroll', async () => {
    const { context, page } = await openApp(b, boardServer.link, { locale: 'nl-BE', query: '/#decisions', waitForChart: false });
    try {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByTestId('board-scroll').waitFor();
      await page.getByTestId('board-scroll').evaluate((el) => (el.scrollLeft = 400));
      const head = await page.getByTestId('domain-edit').first().boundingBox();
      assert.ok(head.x >= 0 && head.x < 40, `the domain name stays at the left edge (x = ${head.x})`);
      await page.waitForTimeout(200);
      await page.screenshot({ path: screenshotPath('board-phone-nl.png') });
    } finally {
      await context.close();
    }
  });
});

describe('the hierarchy lens', () => {
  let lensServer;
  let lensFile;
  let lens;
  let ids;
  /** POSTs an operation as the page (its cookie and origin authorize it). */
  const applyOp = (page, op) =>
    page.evaluate(async (o) => {
      const r = await fetch('/api/ops', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(o) });
      if (!r.ok) throw new Error(`${r.status} ${await r.text()}`);
      return r.json();
    }, op);
  const lineItem = (page, roleId) => page.locator(`[data-testid=lens-lines] li[data-role="${roleId}"]`);
  const figure = async (page, testid) => Number(await page.getByTestId(testid).getAttribute('data-value'));

  before(async () => {
    lensFile = workspace('lens', FIXTURE);
    lensServer = await serve(lensFile);
    lens = await openApp(b, lensServer.link);
    const chart = await chartOf(lens.page);
    const productie = chart.teams.find((t) => t.name === 'Productie');
    ids = { productie: productie.id, domain: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', controleur: roleByTitle(chart, 'Kwaliteitscontroleur').id };
    // Shift schedules for Productie at level 2: the manager decides and explains.
    await applyOp(lens.page, {
      op: 'add_domain',
      domain: {
        id: ids.domain,
        name: 'Shift schedules',
        owner_team: productie.id,
        driver: 'Fair and predictable schedules',
        guardrails: ['Legal rest times'],
        review_date: null,
        delegations: [{ subject: { kind: 'team', id: productie.id }, current: 2, desired: 5 }],
      },
    });
  });
  after(async () => {
    await lens?.context.close();
    await lensServer?.stop();
  });

  it('colours the reporting lines by class, with counts in the legend', async () => {
    const { page } = lens;
    const toggle = page.getByTestId('lens-toggle');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false', 'the lens starts off');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    const control = page.getByTestId('lens-legend-control');
    await control.waitFor();
    const server = await page.evaluate(async () => (await fetch('/api/lens')).json());
    assert.ok(server.figures.hierarchy.control >= 6, 'the members of Productie report under control');
    assert.equal(Number(await control.getAttribute('data-count')), server.figures.hierarchy.control, 'the legend counts the control lines');
    assert.match(await control.textContent(), new RegExp(`Control\\s*${server.figures.hierarchy.control}`));
    await lineItem(page, ids.controleur).waitFor({ state: 'attached' });
    assert.equal(await lineItem(page, ids.controleur).getAttribute('data-class'), 'control', 'the hidden list names the line’s class');
    assert.match(await lineItem(page, ids.controleur).textContent(), /Kwaliteitscontroleur → Productieverantwoordelijke: Control/);
  });

  it('opens a line’s reasons by clicking the line, and follows a level change live', async () => {
    const { page } = lens;
    await page.getByTestId('fit').click();
    await page.waitForTimeout(400);
    const p = await page.evaluate((id) => window.kaderChart.linePoint(id), ids.controleur);
    assert.ok(p, 'the line is on screen');
    await page.mouse.click(p.x + 2, p.y);
    const panel = page.getByTestId('line-panel');
    await panel.waitFor();
    assert.equal(await panel.getAttribute('data-class'), 'control');
    const decision = panel.locator('[data-testid=line-reason][data-signal=decision]');
    assert.match(await decision.textContent(), /Shift schedules for Productie: level 2, sell — the manager decides and explains why/, 'the reason names the domain and the level');
    assert.match(await page.getByTestId('line-rule').textContent(), /Every signal points the same way/);
    await page.screenshot({ path: screenshotPath('lens-line-en.png') });

    // What if Productie decided its own schedules? Level 6, set through the API as the board does.
    await applyOp(page, { op: 'set_delegation', domain: ids.domain, subject: { kind: 'team', id: ids.productie }, current: 6, desired: 5, note: null });
    await waitFor(page, () => document.querySelector('[data-testid=line-panel]')?.getAttribute('data-class') === 'support', null, 'the open line to turn support');
    await waitFor(page, (id) => document.querySelector(`[data-testid=lens-lines] li[data-role="${id}"]`)?.getAttribute('data-class') === 'support', ids.controleur, 'the chart’s line to turn support');
    assert.match(await decision.textContent(), /level 6, inquire/);
    assert.equal(Number(await page.getByTestId('lens-legend-control').getAttribute('data-count')), Number(await page.evaluate(async () => (await fetch('/api/lens')).json().then((l) => l.figures.hierarchy.control))));
    await page.screenshot({ path: screenshotPath('lens-support-en.png') });

    // The same reasons in Dutch, worded by the app.
    await page.getByTestId('lang-nl').click();
    await waitFor(page, () => /niveau 6, informeren — het team beslist/.test(document.querySelector('[data-testid=line-reason][data-signal=decision]')?.textContent ?? ''), null, 'the reason in Dutch');
    assert.match(await page.getByTestId('line-class').textContent(), /Ondersteuning/);
    await page.getByTestId('lang-en').click();
  });

  it('shows a selected role’s reporting line in its details, for the keyboard', async () => {
    const { page } = lens;
    await searchAndChoose(page, 'Kwaliteitscontroleur', 'Kwaliteitscontroleur');
    const badge = page.getByTestId('role-line-class');
    await badge.waitFor();
    assert.equal(await badge.getAttribute('data-class'), 'support');
    await page.getByTestId('role-line-open').click();
    await page.getByTestId('line-panel').waitFor();
    // And with the chart focused, L opens the selected role's line.
    await searchAndChoose(page, 'Verkoopdirecteur', 'Verkoopdirecteur');
    await page.getByTestId('chart-canvas').focus();
    await page.keyboard.press('l');
    await waitFor(page, () => /Verkoopdirecteur/.test(document.querySelector('[data-testid=line-report]')?.textContent ?? ''), null, 'the director’s line');
    assert.equal(await page.getByTestId('line-panel').getAttribute('data-class'), 'unclassified', 'no data about Verkoop yet');
    assert.ok((await page.getByTestId('line-next').count()) >= 1, 'an unclassified line says what to do next');
  });

  it('shows the organization’s figures, equal to `kader analyze --json`', async () => {
    const { page } = lens;
    await page.getByTestId('lens-figures').click();
    await page.getByTestId('lens-panel').waitFor();
    await page.getByTestId('lens-layers').waitFor();
    const { spawnSync } = await import('node:child_process');
    const { kader } = await import('./harness.mjs');
    const cli = spawnSync(kader(), ['analyze', '--json', lensFile], { encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.equal(cli.status, 0, cli.stderr);
    const a = JSON.parse(cli.stdout);
    for (const c of ['support', 'coordination', 'control', 'unclassified']) {
      assert.equal(await figure(page, `lens-count-${c}`), a.hierarchy[c], `${c} lines`);
    }
    assert.equal(await figure(page, 'lens-autonomy'), a.autonomy, 'autonomy');
    assert.match(await page.getByTestId('lens-autonomy').textContent(), /%/);
    assert.equal(await figure(page, 'lens-layers'), a.layers, 'layers');
    assert.equal(await figure(page, 'lens-span-mean'), a.span_of_control.mean, 'span mean');
    assert.equal(await figure(page, 'lens-span-median'), a.span_of_control.median, 'span median');
    assert.equal(await figure(page, 'lens-span-max'), a.span_of_control.max, 'span max');
    assert.equal(await figure(page, 'lens-distance-mean'), a.decision_distance.mean, 'mean decision distance');
    assert.equal(await figure(page, 'lens-distance-max'), a.decision_distance.max, 'max decision distance');
    assert.equal(await page.getByTestId('lens-pass-through').count(), Math.min(6, a.pass_through_managers.length), 'pass-through managers');
    assert.equal(await page.getByTestId('lens-bottleneck').count(), a.bottlenecks.length, 'bottlenecks');
    await page.screenshot({ path: screenshotPath('lens-figures-en.png') });
    // Choosing a bottleneck selects it on the chart and keeps the figures open.
    if (a.bottlenecks.length) {
      await page.getByTestId('lens-bottleneck').first().getByRole('button').click();
      await waitFor(page, (t) => document.querySelector('[data-testid=chart-status]').textContent.includes(t), a.bottlenecks[0].role.name, 'the bottleneck selected');
      await page.getByTestId('lens-panel').waitFor();
    }
    assert.deepEqual(lens.errors, [], 'no errors in the page');
  });

  it('fits a phone with the lens on and a line open', async () => {
    const { context, page } = await openApp(b, lensServer.link, { locale: 'nl-BE' });
    try {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByTestId('lens-toggle').click();
      await page.getByTestId('lens-legend-support').waitFor();
      await page.waitForTimeout(300);
      await page.screenshot({ path: screenshotPath('lens-phone-nl.png') });
      await searchAndChoose(page, 'Kwaliteitscontroleur', 'Kwaliteitscontroleur');
      await page.getByTestId('role-line-open').click();
      await page.getByTestId('line-panel').waitFor();
      await page.waitForTimeout(300);
      await page.screenshot({ path: screenshotPath('lens-line-phone-nl.png') });
    } finally {
      await context.close();
    }
  });

  it('shows an empty state without decision data instead of 0%', async () => {
    const bare = await serve(workspace('lens-bare', FIXTURE));
    const { context, page } = await openApp(b, bare.link);
    try {
      await page.getByTestId('lens-figures').click();
      await page.getByTestId('lens-panel').waitFor();
      assert.match(await page.getByTestId('lens-panel').textContent(), /No decision domains mapped yet — map the first decision domain/);
      assert.equal(await page.getByTestId('lens-autonomy').count(), 0, 'no autonomy figure without data');
    } finally {
      await context.close();
      await bare.stop();
    }
  });
});

describe('the header on a phone', () => {
  let phoneServer;
  before(async () => {
    phoneServer = await serve(workspace('phone', FIXTURE));
  });
  after(async () => phoneServer?.stop());

  /** Every control of the header that is shown: on screen, and at least 44 × 44 px. */
  async function headerTargets(page, width) {
    const boxes = await page.locator('header.header').evaluate((header) =>
      [...header.querySelectorAll('button, input, [role=tab]')]
        .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
        .map((el) => {
          const r = el.getBoundingClientRect();
          return { name: el.getAttribute('aria-label') || el.getAttribute('title') || el.textContent.trim() || el.getAttribute('placeholder'), x: r.x, right: r.right, w: r.width, h: r.height };
        }),
    );
    for (const b of boxes) {
      assert.ok(b.x >= 0 && b.right <= width, `${b.name} is on screen (${b.x}–${b.right} of ${width})`);
      assert.ok(b.w >= 44 && b.h >= 44, `${b.name} is a 44 px target (${b.w} × ${b.h})`);
    }
    return boxes.map((b) => b.name);
  }

  for (const [width, height] of [[390, 844], [360, 740]]) {
    it(`keeps every control in reach at ${width} × ${height}, in both languages`, async () => {
      const { context, page, errors } = await openApp(b, phoneServer.link, { locale: 'en-GB' });
      try {
        await page.setViewportSize({ width, height });
        assert.equal(await page.getByTestId('lang-nl').isVisible(), false, 'the language buttons moved into the menu');
        assert.equal(await page.getByTestId('settings').isVisible(), false);
        for (const id of ['undo', 'redo', 'header-more', 'search-input', 'view-chart', 'view-decisions']) {
          assert.ok(await page.getByTestId(id).isVisible(), `${id} is shown`);
        }
        const names = await headerTargets(page, width);
        assert.ok(names.includes('Undo') && names.includes('More'), `undo and the menu are targets (${names.join(', ')})`);
        const search = await page.getByTestId('search-input').boundingBox();
        assert.ok(search.width >= width - 32, `the search takes the whole second row (${search.width})`);

        // Undo on a phone: a change made elsewhere, taken back with the header's button.
        const chart = await chartOf(page);
        const controller = roleByTitle(chart, 'Controller');
        const ceo = roleByTitle(chart, 'Algemeen directeur');
        await page.evaluate(async (op) => {
          const r = await fetch('/api/ops', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(op) });
          if (!r.ok) throw new Error(await r.text());
        }, { op: 'move_role', role: controller.id, manager: ceo.id });
        await page.getByTestId('undo').click();
        let manager;
        for (let i = 0; i < 100 && manager !== controller.manager; i++) {
          manager = roleByTitle(await chartOf(page), 'Controller').manager;
          if (manager !== controller.manager) await page.waitForTimeout(100);
        }
        assert.equal(manager, controller.manager, 'the undo put the controller back under their manager');

        // The menu: a menu button, Escape closes it, the languages are choices in it.
        const more = page.getByTestId('header-more');
        assert.equal(await more.getAttribute('aria-haspopup'), 'menu');
        assert.equal(await more.getAttribute('aria-expanded'), 'false');
        await more.click();
        const menu = page.getByRole('menu', { name: 'More' });
        await menu.waitFor();
        assert.equal(await more.getAttribute('aria-expanded'), 'true');
        assert.equal(await page.evaluate(() => document.activeElement.getAttribute('role')), 'menuitem', 'the first item has the focus');
        await page.screenshot({ path: screenshotPath(`header-menu-phone-${width}-en.png`) });
        const items = [...(await menu.getByRole('menuitem').all()), ...(await menu.getByRole('menuitemradio').all())];
        assert.equal(items.length, 5, 'import, the session, settings and two languages');
        for (const item of items) {
          const box = await item.boundingBox();
          assert.ok(box.height >= 44 && box.x >= 0 && box.x + box.width <= width, 'each item is a 44 px target on screen');
        }
        await page.keyboard.press('Escape');
        await menu.waitFor({ state: 'detached' });
        assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'header-more', 'Escape gives the focus back to the button');

        // Dutch from the menu, with the keyboard: ArrowDown opens on the first item, End goes to the last.
        await page.keyboard.press('ArrowDown');
        await menu.waitFor();
        await page.keyboard.press('End');
        assert.equal(await page.evaluate(() => document.activeElement.textContent), 'English');
        await page.keyboard.press('ArrowUp');
        assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Nederlands');
        await page.keyboard.press('Enter');
        await waitFor(page, () => document.documentElement.lang === 'nl-BE', null, 'the page in Dutch');
        await page.getByRole('tab', { name: 'Delegatiebord' }).waitFor();
        assert.equal(await page.getByTestId('search-input').getAttribute('placeholder'), 'Zoek mensen, rollen, teams…');
        await headerTargets(page, width);
        await more.click();
        assert.equal(await page.getByRole('menuitemradio', { name: 'Nederlands' }).getAttribute('aria-checked'), 'true');
        await page.screenshot({ path: screenshotPath(`header-menu-phone-${width}-nl.png`) });
        // Settings open from the menu too.
        await page.getByRole('menuitem', { name: 'Instellingen' }).click();
        await page.getByTestId('settings-dialog').waitFor();
        await page.keyboard.press('Escape');
        // And back to English by touch.
        await more.click();
        await page.getByRole('menuitemradio', { name: 'English' }).click();
        await waitFor(page, () => document.documentElement.lang === 'en-GB', null, 'the page in English again');
        await page.screenshot({ path: screenshotPath(`header-phone-${width}-en.png`) });
        assert.deepEqual(errors, [], 'no errors in the page');
      } finally {
        await context.close();
      }
    });
  }

  it('leaves the wide header as it was', async () => {
    const { context, page } = await openApp(b, phoneServer.link);
    try {
      assert.equal(await page.getByTestId('header-more').isVisible(), false, 'no menu on a wide screen');
      for (const id of ['undo', 'redo', 'import', 'lang-nl', 'lang-en', 'settings', 'stats']) {
        assert.ok(await page.getByTestId(id).isVisible(), `${id} is in the header`);
      }
      const search = await page.getByTestId('search-input').boundingBox();
      const undo = await page.getByTestId('undo').boundingBox();
      assert.ok(Math.abs(search.y + search.height / 2 - (undo.y + undo.height / 2)) < 4, 'one row');
    } finally {
      await context.close();
    }
  });
});

describe('the decision matrix as a file', () => {
  let matrixServer;
  let matrixFile;
  const serverBoard = (page) => page.evaluate(async () => (await fetch('/api/board')).json());
  const cellOf = (page, domain, team) => page.locator(`[data-testid=board-cell][data-domain="${domain}"][data-subject="${team}"]`);
  /** Text as Windows-1252 bytes (Latin-1, and the euro sign at 0x80), as Excel in Flanders saves a CSV. */
  const cp1252 = (text) => Buffer.from([...text].map((c) => (c === '€' ? 0x80 : c.charCodeAt(0))).map((n) => {
    if (n > 0xff) throw new Error(`not in Windows-1252: ${n}`);
    return n;
  }));
  const csvFile = (name, text) => ({ name, mimeType: 'text/csv', buffer: cp1252(text) });

  before(async () => {
    matrixFile = workspace('matrix', FIXTURE);
    matrixServer = await serve(matrixFile);
  });
  after(async () => matrixServer?.stop());

  it('imports a Dutch matrix, refuses one with an unknown team, and exports what the command line does', async () => {
    const { context, page, errors } = await openApp(b, matrixServer.link, { locale: 'nl-BE', query: '/#decisions', waitForChart: false });
    try {
      // The empty board offers the file too.
      const offer = page.getByTestId('board-empty-import');
      await offer.waitFor();
      assert.equal(await offer.textContent(), 'of importeer een beslissingsmatrix (CSV)');
      const state = await serverBoard(page);
      const team = (name) => state.teams.find((x) => x.name === name).id;

      // A Dutch spreadsheet: semicolons, Windows-1252, level names, guardrails on two lines.
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), offer.click()]);
      assert.equal(await chooser.element().getAttribute('accept'), '.csv,text/csv');
      await chooser.setFiles(
        csvFile(
          'beslissingen.csv',
          'Domein;Team;Niveau;Gewenst niveau;Kaders;Aanleiding\r\n' +
            'Aanwerving;Productie;verkopen;informeren;"Binnen het budget\r\nMet HR";Teams weten zelf wie past\r\n' +
            'Aanwerving;Financiën & HR;raadplegen;akkoord;;\r\n' +
            'Uitgaven onder €5.000;Verkoop;informeren;;Binnen het jaarbudget;\r\n',
        ),
      );
      const dialog = page.getByTestId('matrix-dialog');
      await dialog.getByRole('heading', { name: 'Beslissingsmatrix geïmporteerd' }).waitFor();
      assert.match(await dialog.textContent(), /3 rijen gelezen uit beslissingen\.csv \(Windows-1252, gescheiden door puntkomma’s\)/);
      assert.deepEqual(await dialog.getByTestId('matrix-summary').locator('li').allTextContents(), [
        '2 nieuwe beslissingsdomeinen: Aanwerving en Uitgaven onder €5.000',
        '3 niveaus ingesteld',
      ]);
      await page.screenshot({ path: screenshotPath('board-matrix-import-nl.png') });
      await dialog.getByRole('button', { name: 'Sluiten' }).click();

      // The cells are on the board, in Dutch, and the history says where the levels came from.
      const board = await serverBoard(page);
      const domain = (name) => board.domains.find((d) => d.name === name);
      assert.deepEqual(domain('Aanwerving').guardrails, ['Binnen het budget', 'Met HR']);
      const productie = cellOf(page, domain('Aanwerving').id, team('Productie'));
      await productie.waitFor();
      assert.deepEqual([await productie.getAttribute('data-current'), await productie.getAttribute('data-desired')], ['2', '6']);
      assert.match(await productie.textContent(), /2\s*Verkopen/);
      const fin = cellOf(page, domain('Aanwerving').id, team('Financiën & HR'));
      assert.deepEqual([await fin.getAttribute('data-current'), await fin.getAttribute('data-desired')], ['3', '4']);
      assert.equal(await cellOf(page, domain('Uitgaven onder €5.000').id, team('Verkoop')).getAttribute('data-current'), '6');
      assert.equal(domain('Aanwerving').delegations[0].history.at(-1).why, 'imported from beslissingen.csv');

      // A matrix naming a team the workspace does not have: refused, every line named, nothing changed.
      const before = await serverBoard(page);
      const [again] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('matrix-import').click()]);
      await again.setFiles(
        csvFile('beslissingen-v2.csv', 'Domein;Team;Niveau\r\nAanwerving;Productie;delegeren\r\nAanwerving;Marketing;adviseren\r\nWerkroosters;Verkoop;heel veel\r\n'),
      );
      await dialog.getByRole('heading', { name: 'De beslissingsmatrix werd niet geïmporteerd' }).waitFor();
      const problems = dialog.getByTestId('matrix-problems');
      const message = await problems.textContent();
      assert.match(message, /line 3: no team in the workspace is called "Marketing"/, 'the unknown team, with its line');
      assert.match(message, /line 4: "heel veel" in Level\/Niveau is not a delegation level/, 'the unknown level, with its line');
      assert.equal(await problems.locator('p').count(), 3, 'the summary, then one problem a line');
      assert.equal(await problems.evaluate((el) => getComputedStyle(el).whiteSpace), 'pre-wrap', 'shown as lines');
      assert.equal(await problems.evaluate((el) => getComputedStyle(el).overflowY), 'auto', 'scrolls when long');
      assert.match(await dialog.textContent(), /Er is niets gewijzigd op het bord/);
      await page.screenshot({ path: screenshotPath('board-matrix-refused-nl.png') });
      await page.keyboard.press('Escape');
      await dialog.getByRole('heading').waitFor({ state: 'detached' });
      assert.deepEqual(await serverBoard(page), before, 'the workspace is as it was');
      assert.equal(await productie.getAttribute('data-current'), '2');

      // The same file again changes nothing, and offers no undo; a changed file is one change, undone at once.
      const importFile = async (file) => {
        const [c] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('matrix-import').click()]);
        await c.setFiles(file);
      };
      await importFile(csvFile('beslissingen.csv', 'Domein;Team;Niveau;Gewenst niveau\r\nAanwerving;Productie;verkopen;informeren\r\n'));
      await dialog.getByRole('heading', { name: 'Niets te wijzigen' }).waitFor();
      assert.equal(await dialog.getByTestId('matrix-undo').count(), 0, 'nothing to undo');
      await dialog.getByRole('button', { name: 'Sluiten' }).click();
      await importFile(csvFile('beslissingen.csv', 'Domein;Team;Niveau\r\nAanwerving;Productie;delegeren\r\nAanwerving;Verkoop;adviseren\r\n'));
      await dialog.getByRole('heading', { name: 'Beslissingsmatrix geïmporteerd' }).waitFor();
      await waitFor(page, (sel) => document.querySelector(sel)?.getAttribute('data-current') === '7', `[data-testid=board-cell][data-domain="${domain('Aanwerving').id}"][data-subject="${team('Productie')}"]`, 'Productie at 7');
      await dialog.getByRole('button', { name: 'Import ongedaan maken' }).click();
      await waitFor(page, (sel) => document.querySelector(sel)?.getAttribute('data-current') === '2', `[data-testid=board-cell][data-domain="${domain('Aanwerving').id}"][data-subject="${team('Productie')}"]`, 'Productie back at 2');
      assert.deepEqual((await serverBoard(page)).domains, before.domains, 'the whole import undone');

      // Export: the UI's language is the default (Enter takes the first item), English on offer too.
      const cli = (...args) => {
        const r = spawnSync(kader(), ['decisions', 'export', matrixFile, ...args]);
        assert.equal(r.status, 0, String(r.stderr));
        return r.stdout;
      };
      await page.getByTestId('matrix-export').click();
      await page.getByTestId('matrix-export-menu').waitFor();
      assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'matrix-export-nl', 'Dutch first, for a Dutch UI');
      const [nl] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      assert.equal(nl.suggestedFilename(), 'beslissingen.csv');
      const nlBytes = fs.readFileSync(await nl.path());
      assert.deepEqual(nlBytes, cli('--dutch'), 'the Dutch download is byte for byte `kader decisions export --dutch`');
      assert.ok(nlBytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'with the byte order mark Excel needs');
      await page.getByTestId('matrix-export').click();
      const [en] = await Promise.all([page.waitForEvent('download'), page.getByTestId('matrix-export-en').click()]);
      assert.equal(en.suggestedFilename(), 'decisions.csv');
      assert.deepEqual(fs.readFileSync(await en.path()), cli(), 'the English download is `kader decisions export`');
      await page.getByTestId('toast-info').filter({ hasText: 'decisions.csv gedownload.' }).waitFor();
      const dismiss = page.getByTestId('toasts').getByRole('button', { name: 'Sluiten' });
      while ((await dismiss.count()) > 0) await dismiss.first().click();
      await page.screenshot({ path: screenshotPath('board-matrix-nl.png') });

      // The same toolbar on a phone.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByTestId('matrix-export').click();
      await page.getByTestId('matrix-export-menu').waitFor();
      const menu = await page.getByTestId('matrix-export-menu').boundingBox();
      assert.ok(menu.x >= 0 && menu.x + menu.width <= 390, 'the export menu fits the phone');
      await page.screenshot({ path: screenshotPath('board-matrix-phone-nl.png') });
      await page.keyboard.press('Escape');
      await importFile(csvFile('beslissingen-v2.csv', 'Domein;Team;Niveau\r\nAanwerving;Marketing;adviseren\r\nWerkroosters;Verkoop;heel veel\r\n'));
      await dialog.getByTestId('matrix-problems').waitFor();
      const box = await dialog.boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= 390 && box.y >= 0 && box.y + box.height <= 844, 'the refusal fits the phone');
      await page.screenshot({ path: screenshotPath('board-matrix-refused-phone-nl.png') });
      await dialog.getByRole('button', { name: 'Sluiten' }).click();
      assert.deepEqual(errors, [], 'no errors in the page');
    } finally {
      await context.close();
    }
  });
});
