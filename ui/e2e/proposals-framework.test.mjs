/**
 * Decision-framework proposals (issue 6), against a real `kader serve`: the facilitator drafts a
 * framework change — a new agreed level for a team on a decision domain and one guardrail added
 * —, the preview shows the domain as a small board with the changed cell and the new guardrail,
 * editing the draft reads its changes back, and after a consent round (the facilitator answers
 * alone) adoption changes the Decisions board. Then a structural draft removes a role: the pickers
 * stop offering it, and the preview lists it as removed, with its cell on the board gone.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FIXTURE, api, browser, chartOf, chartReady, roleByTitle, screenshotPath, serve, waitFor, workspace, watch } from './harness.mjs';

const DOMAIN = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a71';
const OTHER = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a72';

/** Dismisses the info toasts ("Draft saved.") so that a screenshot shows what is under them. */
async function quiet(page) {
  const close = page.locator('[data-testid=toast-info] .icon-button');
  while ((await close.count()) > 0) await close.first().click();
}

async function step(page, name, state) {
  await page.getByTestId(`proposal-step-${name}`).click();
  await page.getByTestId('proposal-step-go').click();
  if (state) await page.getByTestId('proposal-state').filter({ hasText: state }).waitFor();
}

describe('a decision-framework proposal: a new level and a guardrail, previewed as a board, adopted', () => {
  let b;
  let server;
  let page;
  let productie;
  let inspector;
  const errors = [];

  before(async () => {
    server = await serve(workspace('proposals-framework', FIXTURE));
    b = await browser();
    const context = await b.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
    page = await context.newPage();
    watch(page, errors, 'facilitator');
    await page.goto(server.link);
    await chartReady(page);
    const chart = await chartOf(page);
    productie = chart.teams.find((t) => t.name === 'Productie').id;
    inspector = roleByTitle(chart, 'Kwaliteitscontroleur');
    // Two domains on the board: Productie agreed at 2 (wants 6), the inspector at 3.
    await api(page, 'POST', '/api/ops', {
      op: 'batch',
      label: 'the decision board of the fixture',
      ops: [
        {
          op: 'add_domain',
          domain: {
            id: DOMAIN,
            name: 'Shift schedules',
            owner_team: productie,
            driver: 'Fair and predictable schedules',
            guardrails: ['Legal rest times'],
            review_date: null,
            delegations: [
              { subject: { kind: 'team', id: productie }, current: 2, desired: 6 },
              { subject: { kind: 'role', id: inspector.id }, current: 3, desired: 3 },
            ],
          },
        },
        { op: 'add_domain', domain: { id: OTHER, name: 'Tool choice', owner_team: null, driver: '', guardrails: [], review_date: null, delegations: [] } },
      ],
    });
  });

  after(async () => {
    await b?.close();
    await server?.stop();
  });

  it('the facilitator stages a new agreed level for Productie and a guardrail, and saves the draft', async () => {
    await page.getByTestId('view-proposals').click();
    await page.getByTestId('proposal-new').click();
    await page.getByTestId('draft-editor').waitFor();
    await page.getByTestId('draft-title').fill('Productie plans its own shifts');
    await page.getByTestId('draft-why').fill('The shift leads know the line best; schedules made centrally arrive late and are changed anyway.');
    await page.getByTestId('draft-kind-framework').check({ force: true });
    await page.getByTestId('fw-staging').waitFor();
    await page.getByTestId('fw-domain').selectOption(DOMAIN);
    // The cells the board has for the domain come first.
    const groups = await page.getByTestId('fw-subject').locator('optgroup').evaluateAll((gs) => gs.map((g) => [g.label, [...g.querySelectorAll('option')].map((o) => o.textContent)]));
    assert.equal(groups[0][0], 'On the board for this domain');
    assert.deepEqual(groups[0][1].sort(), ['Kwaliteitscontroleur', 'Productie']);
    await page.getByTestId('fw-subject').selectOption(`team:${productie}`);
    // Levels with their names; "keep" shows the level the cell has now.
    assert.match(await page.getByTestId('fw-current').locator('option').first().textContent(), /Keep: 2 · Sell/);
    assert.equal(await page.getByTestId('fw-current').locator('option[value="4"]').textContent(), '4 · Agree');
    await page.getByTestId('fw-current').selectOption('5');
    await page.getByTestId('fw-level-add').click();

    await page.getByTestId('fw-rails-domain').selectOption(DOMAIN);
    assert.equal(await page.getByTestId('fw-rail').first().inputValue(), 'Legal rest times');
    await page.getByTestId('fw-rail-add').click();
    await page.getByTestId('fw-rail').nth(1).fill('Swaps are agreed within the team');
    await page.getByTestId('fw-rails-add').click();
    assert.equal(await page.getByTestId('staged-change').count(), 2);
    const staged = await page.getByTestId('staged').textContent();
    assert.match(staged, /Shift schedules · Productie/);
    assert.match(staged, /Swaps are agreed within the team/);

    await page.getByTestId('fw-staging').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('proposal-framework-editor.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('staged').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('proposal-framework-editor-phone.png') });
    await page.setViewportSize({ width: 1440, height: 900 });

    await page.getByTestId('draft-save').click();
    await page.getByTestId('proposal-page').waitFor();
    const [v] = await api(page, 'GET', '/api/proposals');
    assert.equal(v.proposal.proposed.kind, 'framework');
    assert.deepEqual(
      v.proposal.proposed.ops.map((o) => o.op),
      ['update_domain', 'set_delegation'],
    );
    // Nothing changed on the board yet.
    const board = await api(page, 'GET', '/api/board');
    assert.equal(board.domains.find((d) => d.id === DOMAIN).delegations.find((e) => e.subject.id === productie).current, 2);
  });

  it('the preview shows the domain as a small board: the changed cell and the added guardrail', async () => {
    const domain = page.getByTestId('preview-domain').filter({ hasText: 'Shift schedules' });
    await domain.waitFor();
    assert.equal(await domain.getAttribute('data-change'), 'changed');
    assert.equal(await page.getByTestId('preview-domain').count(), 1, 'only the changed domain');
    const cell = domain.getByTestId('preview-cell');
    assert.equal(await cell.count(), 1, 'only the changed cell');
    assert.equal(await cell.getAttribute('data-current-before'), '2');
    assert.equal(await cell.getAttribute('data-current-after'), '5');
    const text = await cell.textContent();
    assert.match(text, /Productie/);
    assert.match(text, /Sell/);
    assert.match(text, /Advise/);
    assert.match(text, /unchanged/, 'the desired level stays');
    const added = domain.locator('[data-testid=preview-guardrail][data-change=added]');
    assert.equal(await added.count(), 1);
    assert.match(await added.textContent(), /Added: Swaps are agreed within the team$/);
    assert.equal(await domain.locator('[data-testid=preview-guardrail][data-change=removed]').count(), 0);

    await quiet(page);
    await page.getByTestId('preview').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('proposal-framework-preview.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('preview-domains').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('proposal-framework-preview-phone.png') });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('editing the draft reads the staged changes back; a guardrail changed instead of added', async () => {
    await page.getByTestId('proposal-edit').click();
    await page.getByTestId('fw-staging').waitFor();
    await waitFor(page, () => document.querySelectorAll('[data-testid=staged-change]').length === 2, null, 'the two staged changes read back');
    assert.equal(await page.getByTestId('draft-kind-framework').isChecked(), true);
    // The guardrails open as staged: the new line is there; change it.
    await page.getByTestId('fw-rails-domain').selectOption(DOMAIN);
    assert.equal(await page.getByTestId('fw-rail').count(), 2);
    await page.getByTestId('fw-rail').nth(1).fill('Shift swaps are agreed within the team');
    await page.getByTestId('fw-rails-add').click();
    assert.equal(await page.getByTestId('staged-change').count(), 2);
    await page.getByTestId('draft-save').click();
    await page.getByTestId('proposal-page').waitFor();
    await page.locator('[data-testid=preview-guardrail][data-change=added]').filter({ hasText: 'Shift swaps are agreed' }).waitFor();
    assert.equal(await page.getByTestId('preview-cell').getAttribute('data-current-after'), '5');
  });

  it('opened, a consent round the facilitator answers, closed and adopted: the board shows level 5', async () => {
    await step(page, 'open', 'Open for comments until');
    await step(page, 'consent', 'Consent round 1 until');
    await page.getByTestId('consent-consent').click();
    await page.getByTestId('consent-send').click();
    await page.getByTestId('consent-done').waitFor();
    await step(page, 'close', 'Consent round 1 closed');
    await page.getByTestId('proposal-step-adopt').and(page.locator(':not([disabled])')).waitFor();
    await step(page, 'adopt');
    await page.getByTestId('proposal-phase').filter({ hasText: 'Adopted' }).waitFor();
    // What it changed, in words: the domain by its name, the team, the levels by their names.
    const what = await page.getByTestId('adopted-changes').textContent();
    assert.match(what, /Shift schedules, Productie: agreed 5 · Advise, desired 6 · Inquire/);
    assert.match(what, /Decision domain “Shift schedules”: its guardrails \(2\)/);

    await page.getByTestId('view-decisions').click();
    await page.getByTestId('board').waitFor();
    await waitFor(
      page,
      ([d, s]) => document.querySelector(`[data-testid=board-cell][data-domain="${d}"][data-subject="${s}"]`)?.getAttribute('data-current') === '5',
      [DOMAIN, productie],
      'Productie’s card at level 5',
    );
    const cell = page.locator(`[data-testid=board-cell][data-domain="${DOMAIN}"][data-subject="${productie}"]`);
    assert.equal(await cell.getAttribute('data-desired'), '6', 'the desired level kept');
    const board = await api(page, 'GET', '/api/board');
    const d = board.domains.find((x) => x.id === DOMAIN);
    assert.deepEqual(d.guardrails, ['Legal rest times', 'Shift swaps are agreed within the team']);
    assert.equal(d.delegations.find((e) => e.subject.id === inspector.id).current, 3, 'the other cell untouched');
  });

  it('a structural draft removes a role: the pickers drop it; the preview lists it removed, and its cell gone', async () => {
    await page.getByTestId('view-proposals').click();
    await page.getByTestId('proposal-new').click();
    await page.getByTestId('draft-editor').waitFor();
    await page.getByTestId('draft-title').fill('No separate quality inspector');
    await page.getByTestId('draft-why').fill('Every operator checks quality at the line.');
    await page.getByTestId('stage-remove-role').selectOption(inspector.id);
    await page.getByTestId('stage-remove-add').click();
    const staged = page.getByTestId('staged-change');
    // Staging a removal first asks the server for its plan (reports, person): wait for it.
    await staged.first().waitFor();
    assert.equal(await staged.count(), 1);
    assert.equal(await staged.first().locator('span').first().textContent(), 'Remove Kwaliteitscontroleur');
    for (const picker of ['stage-move-role', 'stage-move-to', 'stage-add-under', 'stage-remove-role'])
      assert.equal(await page.getByTestId(picker).locator(`option[value="${inspector.id}"]`).count(), 0, `${picker} no longer offers the removed role`);
    await page.getByTestId('draft-save').click();
    await page.getByTestId('proposal-page').waitFor();
    const node = page.locator('[data-testid=preview-node][data-change=removed]').filter({ hasText: 'Kwaliteitscontroleur' });
    await node.waitFor();
    const domain = page.getByTestId('preview-domain').filter({ hasText: 'Shift schedules' });
    assert.equal(await domain.getAttribute('data-change'), 'changed');
    const cell = domain.getByTestId('preview-cell');
    assert.equal(await cell.getAttribute('data-current-before'), '3');
    assert.equal(await cell.getAttribute('data-current-after'), '');
    await quiet(page);
    await page.getByTestId('preview-domains').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('proposal-remove-role-preview.png') });
  });

  it('stayed free of errors', () => {
    assert.deepEqual(errors, []);
  });
});
