/**
 * A workshop session, three browsers against one real `kader serve`: the facilitator (a laptop on
 * the projector) starts a session; two participants join with the code and their names, one on a
 * phone (390×844), one on a laptop in Dutch. Together they write the vision (each sees the
 * others' carets), follow the agenda and its timer, play a round of delegation poker (secret
 * cards, revealed at once, recorded on the board), and meet the limits of their role (a
 * structural change is refused by the server, editing can be locked). Ending the session signs
 * the participants out: their pages say so, and the API answers them 401.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FIXTURE, browser, chartOf, openApp, screenshotPath, serve, waitFor, workspace, watch } from './harness.mjs';

const DOMAIN = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a61';

/** A participant's browser: opens /join, enters the code and the name, lands in the app. */
async function join(b, origin, code, name, errors, { viewport, locale = 'en-GB', mobile = false }) {
  const context = await b.newContext({ viewport, locale, isMobile: mobile, hasTouch: mobile });
  const page = await context.newPage();
  page.joining = true;
  watch(page, errors, name);
  await page.goto(`${origin}/join`);
  await page.getByTestId('join-screen').waitFor();
  // Typed as people type it: lower case, with a space; the field makes it the code.
  await page.getByTestId('join-code').fill(`${code.slice(0, 3).toLowerCase()} ${code.slice(3).toLowerCase()}`);
  assert.equal(await page.getByTestId('join-code').inputValue(), code);
  await page.getByTestId('join-name').fill(name);
  await page.getByTestId('join-submit').click();
  await page.getByTestId('session-bar').waitFor({ timeout: 15_000 });
  page.joining = false;
  return { context, page };
}

async function sessionOf(page) {
  return page.evaluate(async () => (await fetch('/api/session')).json());
}

describe('a workshop session: join, co-edit, poker, roles, end', () => {
  let b;
  let server;
  let fac;
  let ann;
  let bo;
  let code;
  let productie;
  const errors = [];

  before(async () => {
    server = await serve(workspace('session', FIXTURE));
    b = await browser();
    fac = await openApp(b, server.link);
    const chart = await chartOf(fac.page);
    productie = chart.teams.find((t) => t.name === 'Productie').id;
    const op = {
      op: 'add_domain',
      domain: {
        id: DOMAIN,
        name: 'Shift schedules',
        owner_team: productie,
        driver: 'Fair and predictable schedules',
        guardrails: ['Legal rest times'],
        review_date: null,
        delegations: [{ subject: { kind: 'team', id: productie }, current: 2, desired: 6 }],
      },
    };
    await fac.page.evaluate(async (o) => {
      const r = await fetch('/api/ops', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(o) });
      if (!r.ok) throw new Error(await r.text());
    }, op);
  });

  after(async () => {
    await b?.close();
    await server?.stop();
  });

  it('the facilitator starts a session and shows the code, the link and its QR code', async () => {
    const { page } = fac;
    await page.getByTestId('session-button').click();
    await page.getByTestId('session-start').waitFor();
    await page.getByTestId('session-start-button').click();
    await page.getByTestId('session-code').waitFor();
    code = (await page.getByTestId('session-code').textContent()).replace(/\s/g, '');
    assert.match(code, /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/, 'a code without look-alikes');
    const url = await page.getByTestId('session-url').textContent();
    assert.equal(url, `${server.origin}/join`);
    const modules = Number(await page.getByTestId('session-qr').first().getAttribute('data-modules'));
    assert.ok(modules >= 21 && (modules - 21) % 4 === 0, `a QR code of a real version (${modules} modules)`);
    assert.equal(await page.getByTestId('session-bar-code').textContent(), `${code.slice(0, 3)} ${code.slice(3)}`);

    // An agenda, its second item current, the timer running.
    for (const [title, minutes] of [
      ['Check-in', '5'],
      ['Our purpose', '20'],
    ]) {
      await page.getByTestId('agenda-add').click();
      await page.getByTestId('agenda-title').last().fill(title);
      await page.getByTestId('agenda-minutes').last().fill(minutes);
    }
    await page.getByTestId('agenda-save').click();
    await page.getByTestId('agenda-make-current').nth(1).click();
    await page.getByTestId('timer-start').click();
    await page.getByTestId('timer-pause').waitFor();
    await page.screenshot({ path: screenshotPath('session-facilitator-panel.png') });

    await page.getByTestId('session-present').click();
    await page.getByTestId('present-code').waitFor();
    assert.equal(await page.getByTestId('present-code').textContent(), `${code.slice(0, 3)} ${code.slice(3)}`);
    await page.screenshot({ path: screenshotPath('session-present.png') });
    await page.getByTestId('present-close').click();
  });

  it('a wrong code is refused with the tries left; then two participants join with the code', async () => {
    const context = await b.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${server.origin}/join`);
    await page.getByTestId('join-code').fill(code === 'ABCDEF' ? 'ABCDEG' : 'ABCDEF');
    await page.getByTestId('join-name').fill('Ann');
    await page.getByTestId('join-submit').click();
    const error = page.getByTestId('join-error');
    await error.waitFor();
    assert.match(await error.textContent(), /That code is not right.*4 tries left/);
    await page.screenshot({ path: screenshotPath('session-join-phone.png') });
    await context.close();

    ann = await join(b, server.origin, code, 'Ann', errors, { viewport: { width: 390, height: 844 }, mobile: true });
    bo = await join(b, server.origin, code, 'Bo', errors, { viewport: { width: 1280, height: 800 }, locale: 'nl-BE' });
    assert.equal(await ann.page.getByTestId('session-me').textContent(), 'Ann');
    // Bo's browser is Dutch.
    assert.match(await bo.page.getByTestId('session-bar').textContent(), /Binnen als\s*Bo/);

    // The agenda item and its running timer reach the participants.
    assert.match(await ann.page.getByTestId('session-item').textContent(), /2\/2\s*Our purpose/);
    const clock = ann.page.getByTestId('session-clock');
    assert.equal(await clock.getAttribute('data-running'), 'true');
    const first = await clock.textContent();
    await ann.page.waitForTimeout(1500);
    assert.notEqual(await clock.textContent(), first, 'the clock ticks on the phone');
    assert.match(first, /1[89]:\d\d/);

    // The facilitator sees both, online.
    const people = fac.page.getByTestId('session-person');
    await waitFor(fac.page, () => document.querySelectorAll('[data-testid=session-person][data-online=true]').length === 2, null, 'two people online');
    assert.deepEqual(await people.evaluateAll((els) => els.map((e) => e.getAttribute('data-name'))), ['Ann', 'Bo']);
  });

  it('everyone is brought to the vision and writes it together, seeing the others’ carets', async () => {
    await fac.page.getByTestId('view-vision').click();
    await fac.page.getByTestId('session-bring').click();
    for (const p of [ann.page, bo.page]) await p.getByTestId('vision').waitFor({ timeout: 10_000 });
    await fac.page.getByTestId('session-panel-close').click();

    const type = async (page, section, text) => {
      const editor = page.getByTestId(`vision-editor-${section}`);
      await editor.click();
      await page.keyboard.press('End');
      await page.keyboard.type(text);
    };
    await type(fac.page, 'purpose', 'We exist so that people can do their best work. ');
    await type(ann.page, 'future', 'Teams plan their own shifts. ');
    await type(bo.page, 'values', 'Vertrouwen eerst. ');

    const caretOf = (page, name) =>
      waitFor(page, (n) => [...document.querySelectorAll('.collab-caret-label')].some((l) => l.textContent === n), name, `the caret of ${name}`);
    await caretOf(fac.page, 'Ann');
    await caretOf(fac.page, 'Bo');
    await caretOf(ann.page, 'Bo');
    await caretOf(ann.page, 'Facilitator');
    await caretOf(bo.page, 'Ann');
    for (const p of [fac.page, ann.page, bo.page]) {
      await waitFor(
        p,
        () => ['purpose', 'future', 'values'].every((s) => document.querySelector(`[data-testid=vision-editor-${s}]`)?.textContent.trim().length > 0),
        null,
        'every section to hold its text',
      );
    }
    assert.match(await ann.page.getByTestId('vision-editor-purpose').textContent(), /We exist so that/);
    assert.match(await fac.page.getByTestId('vision-editor-values').textContent(), /Vertrouwen eerst/);
    await ann.page.screenshot({ path: screenshotPath('session-vision-phone.png') });
    await fac.page.screenshot({ path: screenshotPath('session-vision-facilitator.png') });
  });

  it('locked editing: the participants read along, their edits are not possible', async () => {
    await fac.page.getByTestId('session-button').click();
    await fac.page.getByTestId('session-lock').check();
    await ann.page.getByTestId('vision-notice').waitFor();
    assert.equal(await ann.page.getByTestId('vision-editor-future').getAttribute('contenteditable'), 'false');
    assert.equal(await ann.page.getByTestId('session-locked').count(), 1);
    await fac.page.getByTestId('session-lock').uncheck();
    await waitFor(ann.page, () => document.querySelector('[data-testid=vision-editor-future]')?.getAttribute('contenteditable') === 'true', null, 'editing unlocked');
  });

  it('delegation poker: secret cards, revealed at once, a second round, the agreement recorded as the desired level', async () => {
    const { page } = fac;
    await page.getByTestId('session-panel-close').click();
    await page.getByTestId('view-decisions').click();
    await page.locator(`[data-testid=board-cell][data-domain="${DOMAIN}"][data-subject="${productie}"]`).click();
    await page.getByTestId('picker-poker').click();
    await page.getByTestId('poker').waitFor();
    assert.match(await page.getByTestId('poker-cell').textContent(), /Shift schedules\s*for Productie/);
    // The board marks the cell in play.
    await waitFor(page, (d) => document.querySelector(`[data-testid=board-cell][data-domain="${d}"]`)?.dataset.poker === 'true', DOMAIN, 'the cell marked');

    // Ann changes her mind once; Bo picks in Dutch.
    await ann.page.getByTestId('poker-cards').waitFor();
    await ann.page.locator('[data-testid=poker-card][data-level="3"]').click();
    await waitFor(ann.page, () => document.querySelector('[data-testid=poker-card][data-level="3"]')?.getAttribute('aria-pressed') === 'true', null, 'Ann’s card');
    await ann.page.locator('[data-testid=poker-card][data-level="4"]').click();
    await bo.page.getByTestId('poker-cards').waitFor();
    assert.match(await bo.page.getByTestId('poker-cards').textContent(), /Delegeren/);
    await bo.page.locator('[data-testid=poker-card][data-level="6"]').click();

    // The facilitator sees who has picked, not what.
    await waitFor(page, () => document.querySelector('[data-testid=poker-count]')?.getAttribute('data-picked') === '2', null, 'two cards picked');
    assert.deepEqual(await page.locator('[data-testid=poker-person]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-name'), e.getAttribute('data-picked')])), [
      ['Ann', 'true'],
      ['Bo', 'true'],
    ]);
    assert.equal(await page.getByTestId('poker-revealed-card').count(), 0, 'no card shown before the reveal');
    const before = await sessionOf(page);
    assert.deepEqual(before.poker.cards, [], 'the server sends the facilitator no card before the reveal');
    // Each participant knows their own card only.
    const annSees = await sessionOf(ann.page);
    assert.equal(annSees.poker.mine, 4);
    assert.deepEqual(annSees.poker.cards.map((c) => c.name), ['Ann']);
    await waitFor(ann.page, () => document.querySelector('[data-testid=poker-card][data-level="4"]')?.getAttribute('aria-pressed') === 'true', null, 'Ann’s card 4');
    assert.equal(await ann.page.locator('[data-testid=poker-card][aria-pressed=true]').count(), 1);
    await ann.page.screenshot({ path: screenshotPath('session-poker-phone.png') });

    await page.getByTestId('poker-reveal').click();
    for (const p of [page, ann.page, bo.page]) {
      await waitFor(p, () => document.querySelectorAll('[data-testid=poker-revealed-card]').length === 2, null, 'both cards revealed');
      const spread = p.getByTestId('poker-spread');
      assert.equal(await spread.getAttribute('data-min'), '4');
      assert.equal(await spread.getAttribute('data-max'), '6');
      assert.deepEqual(await p.locator('[data-testid=poker-histogram] li').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count')))), [0, 0, 0, 1, 0, 1, 0]);
    }
    // The median of 4 and 6 is offered: 5.
    assert.equal(await page.locator('[data-testid=poker-agreed][data-level="5"]').isChecked(), true);
    await page.screenshot({ path: screenshotPath('session-poker-revealed.png') });
    await ann.page.screenshot({ path: screenshotPath('session-poker-revealed-phone.png') });

    // A second round for the outliers: the revealed cards stayed for the talk; now they are
    // cleared and secret again, and everyone sees round 2. The facilitator plays this time.
    await page.getByTestId('poker-again').click();
    for (const p of [page, ann.page, bo.page]) {
      await waitFor(p, () => document.querySelector('[data-testid=poker]')?.getAttribute('data-round') === '2', null, 'round 2');
      assert.equal(await p.getByTestId('poker-revealed-card').count(), 0, 'no card shown in round 2 before its reveal');
    }
    assert.match(await ann.page.getByTestId('poker-round').textContent(), /Round 2/);
    assert.match(await bo.page.getByTestId('poker-round').textContent(), /Ronde 2/);
    assert.equal(await ann.page.locator('[data-testid=poker-card][aria-pressed=true]').count(), 0, 'Ann picks afresh');
    await ann.page.locator('[data-testid=poker-card][data-level="5"]').click();
    await bo.page.locator('[data-testid=poker-card][data-level="5"]').click();
    await page.getByTestId('poker-cards').waitFor();
    await page.locator('[data-testid=poker-card][data-level="4"]').click();
    await waitFor(page, () => document.querySelector('[data-testid=poker-count]')?.getAttribute('data-picked') === '3', null, 'three cards, the facilitator’s too');
    await page.getByTestId('poker-reveal').click();
    await waitFor(ann.page, () => document.querySelectorAll('[data-testid=poker-revealed-card]').length === 3, null, 'the facilitator’s card revealed with the others');
    await waitFor(page, () => document.querySelectorAll('[data-testid=poker-revealed-card]').length === 3, null, 'three cards revealed');
    assert.equal(await page.locator('[data-testid=poker-agreed][data-level="5"]').isChecked(), true, 'the median of 4, 5, 5');
    // The record step: the desired level is the default choice.
    assert.equal(await page.locator('[data-testid=poker-applies][data-applies=desired]').isChecked(), true);
    assert.equal(await page.locator('[data-testid=poker-applies][data-applies=now]').isChecked(), false);
    await page.getByTestId('poker').screenshot({ path: screenshotPath('session-poker-record-en.png') });
    // The same step in Dutch, in a second facilitator window.
    const dutch = await openApp(b, server.link, { locale: 'nl-BE' });
    await dutch.page.getByTestId('poker-record-step').waitFor();
    assert.match(await dutch.page.getByTestId('poker-record-step').textContent(), /Het gewenste niveau/);
    await dutch.page.getByTestId('poker').screenshot({ path: screenshotPath('session-poker-record-nl.png') });
    await dutch.context.close();
    await page.getByTestId('poker-record').click();

    // Recording ends the round: the poker panel leaves every screen; the board has the agreement
    // as the desired level, today's level (2) untouched.
    const cell = (p) => p.locator(`[data-testid=board-cell][data-domain="${DOMAIN}"][data-subject="${productie}"]`);
    await waitFor(page, (d) => document.querySelector(`[data-testid=board-cell][data-domain="${d}"]`)?.getAttribute('data-desired') === '5', DOMAIN, 'the board wants level 5');
    assert.equal(await cell(page).getAttribute('data-current'), '2', 'the current level stays');
    for (const p of [page, ann.page, bo.page]) await waitFor(p, () => !document.querySelector('[data-testid=poker]'), null, 'the poker panel gone');
    assert.equal((await sessionOf(ann.page)).poker, null);
    // Bo looks at the board: the same levels, with the cards in its history.
    await bo.page.getByTestId('view-decisions').click();
    await waitFor(bo.page, (d) => document.querySelector(`[data-testid=board-cell][data-domain="${d}"]`)?.getAttribute('data-desired') === '5', DOMAIN, 'Bo’s board wants level 5');
    assert.equal(await cell(bo.page).getAttribute('data-current'), '2', 'Bo’s board: still 2 today');
    await cell(bo.page).click();
    await bo.page.getByTestId('picker-history').waitFor();
    assert.match(await bo.page.getByTestId('picker-history').textContent(), new RegExp(`Delegation poker in session ${code}, round 2: cards 4, 5, 5\\. Agreed as the desired level`));
    await page.screenshot({ path: screenshotPath('session-board-recorded.png') });
  });

  it('a participant’s structural change is refused by the server, until the facilitator allows it', async () => {
    // Bo's level picker is open: its levels are not his to set, and it says so.
    assert.equal(await bo.page.locator('[data-testid=level-option][data-level="7"]').isDisabled(), true);
    assert.match(await bo.page.getByTestId('picker-note').textContent(), /Wijzigingen aan de structuur zijn in deze sessie voor de facilitator/);
    await bo.page.getByTestId('picker-close').click();
    const op = { op: 'set_delegation', domain: DOMAIN, subject: { kind: 'team', id: productie }, current: 7, desired: 7, note: null };
    const refused = await ann.page.evaluate(async (o) => {
      const r = await fetch('/api/ops', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(o) });
      return { status: r.status, body: await r.json() };
    }, op);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'forbidden');
    assert.match(refused.body.message, /structural changes are the facilitator's in this session/);

    // Allowed: Bo sets the desired level himself, and it is taken.
    await fac.page.getByTestId('session-button').click();
    await fac.page.getByTestId('session-structure').check();
    const cell = bo.page.locator(`[data-testid=board-cell][data-domain="${DOMAIN}"][data-subject="${productie}"]`);
    await cell.click();
    await bo.page.locator('label', { has: bo.page.getByTestId('picker-desired') }).click();
    await waitFor(bo.page, () => !document.querySelector('[data-testid=level-option][data-level="7"]')?.disabled, null, 'Bo may set a level');
    await bo.page.locator('[data-testid=level-option][data-level="7"]').click();
    await waitFor(fac.page, (d) => document.querySelector(`[data-testid=board-cell][data-domain="${d}"]`)?.getAttribute('data-desired') === '7', DOMAIN, 'Bo’s level on the facilitator’s board');
    await fac.page.getByTestId('session-structure').uncheck();
  });

  it('an observer reads along and picks no card', async () => {
    const view = await sessionOf(fac.page);
    const boId = view.participants.find((p) => p.name === 'Bo').id;
    await fac.page.locator('[data-testid=session-person][data-name=Bo] [data-testid=session-person-role]').selectOption('observer');
    await waitFor(bo.page, () => /Toeschouwer/.test(document.querySelector('[data-testid=session-bar]')?.textContent ?? ''), null, 'Bo is an observer');
    const card = await bo.page.evaluate(async () => (await fetch('/api/session/poker/card', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"level":3}' })).status);
    assert.equal(card, 403);
    await fac.page.locator('[data-testid=session-person][data-name=Bo] [data-testid=session-person-role]').selectOption('participant');
    assert.ok(boId);
  });

  it('bringing everyone again to the same view fetches who wandered off; a removed participant is told so', async () => {
    await fac.page.keyboard.press('Escape');
    await fac.page.getByTestId('view-vision').click();
    if (!(await fac.page.getByTestId('session-bring').isVisible())) await fac.page.getByTestId('session-button').click();
    await fac.page.getByTestId('session-bring').click();
    await bo.page.getByTestId('vision').waitFor({ timeout: 10_000 });
    // Bo wanders off to the chart; the facilitator brings everyone to the vision once more.
    await bo.page.getByTestId('view-chart').click();
    await bo.page.getByTestId('vision').waitFor({ state: 'detached' });
    await fac.page.getByTestId('session-bring').click();
    await bo.page.getByTestId('vision').waitFor({ timeout: 10_000 });

    // Cy joins on a phone and is removed: told so, while the others go on.
    const cy = await join(b, server.origin, code, 'Cy', errors, { viewport: { width: 390, height: 844 }, mobile: true });
    await fac.page.locator('[data-testid=session-person][data-name=Cy] [data-testid=session-person-remove]').click();
    await cy.page.getByTestId('session-ended').waitFor({ timeout: 10_000 });
    assert.match(await cy.page.getByTestId('session-ended').textContent(), /You have left this session/);
    assert.equal(await cy.page.evaluate(async () => (await fetch('/api/chart')).status), 401);
    await cy.page.screenshot({ path: screenshotPath('session-removed-phone.png') });
    assert.equal(await ann.page.getByTestId('session-ended').count(), 0, 'Ann is still in the session');
    await cy.context.close();
  });

  it('ending the session signs the participants out', async () => {
    const { page } = fac;
    await page.getByTestId('session-end').click();
    await page.getByTestId('session-end-confirm').click();
    for (const p of [ann.page, bo.page]) {
      await p.getByTestId('session-ended').waitFor({ timeout: 10_000 });
      assert.equal(await p.evaluate(async () => (await fetch('/api/chart')).status), 401);
    }
    assert.equal(await ann.page.getByTestId('session-ended').textContent().then((t) => /The session has ended/.test(t)), true);
    assert.match(await bo.page.getByTestId('session-ended').textContent(), /De sessie is afgelopen/);
    // Nothing else is shown: no chart, no header.
    assert.equal(await ann.page.locator('header, [data-testid=chart-canvas], [data-testid=vision]').count(), 0);
    await ann.page.screenshot({ path: screenshotPath('session-ended-phone.png') });
    // The facilitator carries on, without a session.
    await page.getByTestId('session-start').waitFor();
    assert.equal(await page.getByTestId('session-bar').count(), 0);
    assert.deepEqual(errors, []);
  });
});
