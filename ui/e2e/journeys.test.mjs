/**
 * What a facilitator does with a real `kader serve`: find people, edit, restructure by dragging,
 * undo, reload, work together live, in Dutch and English, from an empty workspace to a chart.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  FIXTURE, browser, cardCenter, chartOf, chartReady, openApp, roleByTitle, screenshotPath, searchAndChoose, serve, waitFor, workspace,
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
    assert.ok((await toast.textContent()).length > 20, 'the toast carries a message');
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
    assert.match(history, /3 → – by facilitator, \d{1,2} \w{3} \d{4}: agreed in the workshop/, 'the first change with its reason');
    assert.match(history, /3 → 5 by facilitator/, 'the second change');
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
    assert.equal(await page.getByRole('tab', { name: 'Beslissingen' }).getAttribute('aria-selected'), 'true');
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
