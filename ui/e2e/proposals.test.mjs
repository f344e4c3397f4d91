/**
 * Proposals, comments and consent (issue 6), four browsers against one real `kader serve`: the
 * facilitator (a laptop on the projector) drafts a structural proposal — a role moved to a new
 * manager and a new role — and opens it for comments; three employees join the session (Ann and
 * Bo on phones, Bo in Dutch, Cas on a laptop), comment on the moved role in the preview, reply
 * and react; in the consent round Bo objects (the reason is required, and the page says so), the
 * others consent; the facilitator cannot adopt while the objection is open, amends the proposal
 * with how the objection is integrated, and in round 2 everyone consents; adoption changes the
 * live org chart, and the decision log says why and how the objection was integrated.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { FIXTURE, api, browser, chartOf, chartReady, screenshotPath, serve, workspace, watch } from './harness.mjs';

/** A participant: joins with the code and a name (as `/join` does), then opens Proposals. */
async function join(b, origin, code, name, errors, { viewport, locale = 'en-GB', mobile = false }) {
  const context = await b.newContext({ viewport, locale, isMobile: mobile, hasTouch: mobile });
  const page = await context.newPage();
  page.joining = true;
  watch(page, errors, name);
  await page.goto(`${origin}/join`);
  await page.getByTestId('join-screen').waitFor();
  await page.getByTestId('join-code').fill(code);
  await page.getByTestId('join-name').fill(name);
  await page.getByTestId('join-submit').click();
  await page.getByTestId('session-bar').waitFor({ timeout: 15_000 });
  page.joining = false;
  await page.getByTestId('view-proposals').click();
  await page.getByTestId('proposals').waitFor();
  return { context, page };
}

/**
 * The comment whose own text says `text`. Located by its body, not by the comment's whole text:
 * an open reply or edit form inside another comment holds the typed text too.
 */
const said = (page, text) => page.getByTestId('comment').filter({ has: page.getByTestId('comment-body').filter({ hasText: text }) });

async function waitForCount(locator, n) {
  const deadline = Date.now() + 10_000;
  while ((await locator.count()) !== n) {
    if (Date.now() > deadline) throw new Error(`expected ${n}, saw ${await locator.count()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('a proposal: drafted, discussed, objected to, amended, consented, adopted', () => {
  let b;
  let server;
  let fac;
  let ann;
  let bo;
  let cas;
  let code;
  let moved;
  let oldManager;
  let newManager;
  let proposalId;
  const errors = [];

  before(async () => {
    server = await serve(workspace('proposals', FIXTURE));
    b = await browser();
    const context = await b.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
    const page = await context.newPage();
    watch(page, errors, 'facilitator');
    await page.goto(server.link);
    await chartReady(page);
    fac = { context, page };
  });

  after(async () => {
    await b?.close();
    await server?.stop();
  });

  it('the facilitator drafts a structural proposal from the chart’s roles and opens it for comments', async () => {
    const { page } = fac;
    const chart = await chartOf(page);
    // A role with a manager, moved to another manager that is not below it.
    const byId = new Map(chart.roles.map((r) => [r.id, r]));
    const below = (root) => {
      const out = new Set([root]);
      let grew = true;
      while (grew) {
        grew = false;
        for (const r of chart.roles) if (r.manager && out.has(r.manager) && !out.has(r.id)) out.add(r.id), (grew = true);
      }
      return out;
    };
    const managers = new Set(chart.roles.map((r) => r.manager).filter(Boolean));
    moved = chart.roles.find((r) => r.manager && byId.get(r.manager)?.manager && !managers.has(r.id));
    oldManager = moved.manager;
    const excluded = below(moved.id);
    newManager = chart.roles.find((r) => managers.has(r.id) && r.id !== oldManager && !excluded.has(r.id)).id;

    await page.getByTestId('view-proposals').click();
    await page.getByTestId('proposal-empty').waitFor();
    await page.getByTestId('proposal-new').click();
    await page.getByTestId('draft-editor').waitFor();
    // Refused without a why.
    await page.getByTestId('draft-title').fill('One support desk for all plants');
    await page.getByTestId('draft-save').click();
    await page.getByTestId('draft-problem').waitFor();
    await page.getByTestId('draft-why').fill('Customers wait too long because each plant answers its own questions.\nOne desk, coached rather than controlled, answers faster and learns once for everyone.');
    await page.getByTestId('draft-goals').fill('Customers get an answer within one day');
    await page.getByTestId('stage-move-role').selectOption(moved.id);
    await page.getByTestId('stage-move-to').selectOption(newManager);
    await page.getByTestId('stage-move-add').click();
    await page.getByTestId('stage-add-title').fill('Support desk coach');
    await page.getByTestId('stage-add-under').selectOption(newManager);
    await page.getByTestId('stage-add-add').click();
    assert.equal(await page.getByTestId('staged-change').count(), 2);
    await page.screenshot({ path: screenshotPath('proposal-draft-editor.png'), fullPage: false });
    await page.getByTestId('draft-save').click();

    await page.getByTestId('proposal-page').waitFor();
    assert.equal(await page.getByTestId('proposal-title').textContent(), 'One support desk for all plants');
    proposalId = (await api(page, 'GET', '/api/proposals'))[0].proposal.id;
    // The preview names the moved role and the new one, and marks the figures that change.
    await page.getByTestId('preview-node').filter({ hasText: 'Support desk coach' }).waitFor();
    await page.getByTestId('preview-node').filter({ hasText: moved.title }).first().waitFor();
    assert.equal(await page.getByTestId('figure-roles').getAttribute('data-changed'), 'true');
    // The chart around the change: the moved role under its new manager and leaving the old one,
    // the new role in place.
    const box = (change, text) => page.getByTestId('excerpt-node').and(page.locator(`[data-change="${change}"]`)).filter({ hasText: text });
    await box('moved', moved.title).waitFor();
    await box('moved_away', moved.title).waitFor();
    await box('added', 'Support desk coach').waitFor();
    // A draft cannot be answered or adopted: only "open" and "withdraw" are offered.
    assert.equal(await page.getByTestId('proposal-step-adopt').count(), 0);
    await page.getByTestId('proposal-step-open').click();
    await page.getByTestId('proposal-step-go').click();
    await page.getByTestId('proposal-state').filter({ hasText: 'Open for comments until' }).waitFor();
    await page.screenshot({ path: screenshotPath('proposal-page.png') });
    await page.getByTestId('preview').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('proposal-preview.png') });
    // Nothing changed in the organization yet.
    assert.equal((await chartOf(page)).roles.find((r) => r.id === moved.id).manager, oldManager);
  });

  it('three employees join; they comment on the moved role, reply and react — live for everyone', async () => {
    const view = await api(fac.page, 'POST', '/api/session', { lan: false });
    code = view.code;
    ann = await join(b, server.origin, code, 'Ann', errors, { viewport: { width: 390, height: 844 }, mobile: true });
    bo = await join(b, server.origin, code, 'Bo', errors, { viewport: { width: 390, height: 844 }, mobile: true, locale: 'nl-BE' });
    cas = await join(b, server.origin, code, 'Cas', errors, { viewport: { width: 1280, height: 800 } });

    const { page } = ann;
    await page.getByTestId('proposal-item').first().waitFor();
    assert.match(await page.getByTestId('proposal-item').first().textContent(), /One support desk for all plants/);
    // Ann says which team she is in (optional; only for the figures per team).
    const team = (await chartOf(fac.page)).teams.find((x) => x.name)?.name;
    await page.getByTestId('team-choice-select').selectOption({ label: team });
    await page.getByTestId('toast-info').filter({ hasText: team }).waitFor();
    assert.equal((await api(page, 'GET', '/api/session')).me.team, (await chartOf(fac.page)).teams.find((x) => x.name === team).id);
    await page.screenshot({ path: screenshotPath('proposal-list-phone.png') });
    await page.getByTestId('proposal-item').first().click();
    await page.getByTestId('proposal-page').waitFor();

    // The facilitator brings everyone to this proposal: Bo and Cas land on its page.
    await fac.page.getByTestId('session-button').click();
    await fac.page.getByTestId('session-bring').click();
    for (const who of [bo, cas]) await who.page.getByTestId('proposal-page').waitFor({ timeout: 10_000 });
    assert.match(await cas.page.getByTestId('proposal-title').textContent(), /One support desk/);
    assert.ok((await cas.page.evaluate(() => location.hash)).endsWith(proposalId));
    await fac.page.getByTestId('session-panel-close').click();
    // Tap the moved role in the chart around the change: the comment is anchored to it.
    await page.getByTestId('excerpt-node').and(page.locator('[data-change="moved"]')).click();
    await page.getByTestId('comment-anchor').waitFor();
    assert.match(await page.getByTestId('comment-anchor').textContent(), new RegExp(moved.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    // Text stays text: markup typed by someone is shown, never run.
    await page.getByTestId('comment-input').fill('Who will coach this role day to day? <b>not bold</b>');
    await page.getByTestId('comment-submit').click();
    const annComment = said(page, 'Who will coach this role');
    await annComment.waitFor();
    assert.match(await annComment.getByTestId('comment-anchor-label').textContent(), /On /);
    assert.match(await annComment.getByTestId('comment-body').textContent(), /<b>not bold<\/b>/);

    // The facilitator's page shows it without a reload; so do the others'.
    await said(fac.page, 'Who will coach this role').waitFor();

    const boSees = said(bo.page, 'Who will coach this role');
    await boSees.waitFor();
    await boSees.getByTestId('comment-reply').click();
    await bo.page.getByTestId('reply-input').fill('De nieuwe coach, zo staat het in het voorstel.');
    await bo.page.getByTestId('reply-submit').click();
    const reply = said(bo.page, 'De nieuwe coach');
    await reply.waitFor();
    assert.equal(await reply.getAttribute('data-depth'), '1');

    const casSees = said(cas.page, 'Who will coach this role');
    await casSees.waitFor();
    await casSees.getByTestId('reaction-+1').click();
    await annComment.getByTestId('reaction-+1').and(page.locator('[data-count="1"]')).waitFor();
    await said(page, 'De nieuwe coach').waitFor();
    await page.getByTestId('discussion').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('proposal-comments-phone.png') });
  });

  it('consent round 1: an objection needs its reason; Bo objects, Ann and Cas consent', async () => {
    await fac.page.getByTestId('proposal-step-consent').click();
    await fac.page.getByTestId('proposal-step-go').click();
    await fac.page.getByTestId('proposal-state').filter({ hasText: 'Consent round 1 until' }).waitFor();

    // Bo (Dutch, phone) sees the round arrive live.
    await bo.page.getByTestId('consent-objection').waitFor();
    await bo.page.getByTestId('consent-objection').click();
    await bo.page.getByTestId('consent-send').click();
    await bo.page.getByTestId('objection-reason-required').waitFor();
    assert.match(await bo.page.getByTestId('objection-reason-required').textContent(), /reden/);
    await bo.page.getByTestId('objection-reason').fill('De ploegleiders verliezen hun aanspreekpunt: wie beslist bij een storing ’s nachts?');
    await bo.page.screenshot({ path: screenshotPath('proposal-objection-phone-nl.png') });
    await bo.page.getByTestId('consent-send').click();
    await bo.page.getByTestId('consent-done').waitFor();

    for (const who of [ann, cas]) {
      await who.page.getByTestId('consent-consent').waitFor();
      await who.page.getByTestId('consent-consent').click();
      await who.page.getByTestId('consent-send').click();
      await who.page.getByTestId('consent-done').waitFor();
    }
    // One answer per round: the server refuses a second.
    await assert.rejects(api(ann.page, 'POST', `/api/proposals/${proposalId}/answer`, { answer: 'consent' }));
    await fac.page.getByTestId('outcome-respondents').filter({ hasText: '3 answered' }).waitFor();
    assert.equal(await fac.page.getByTestId('tally-objection').getAttribute('data-count'), '1');
  });

  it('the facilitator cannot adopt over an open objection; amends with how it is integrated', async () => {
    const { page } = fac;
    assert.equal(await page.getByTestId('proposal-step-adopt').isDisabled(), true);
    assert.match(await page.getByTestId('proposal-step-adopt-why').textContent(), /still open/);
    await page.getByTestId('proposal-step-close').click();
    await page.getByTestId('proposal-step-go').click();
    await page.getByTestId('proposal-state').filter({ hasText: 'Consent round 1 closed' }).waitFor();
    assert.equal(await page.getByTestId('proposal-step-adopt').isDisabled(), true);
    assert.match(await page.getByTestId('proposal-step-adopt-why').textContent(), /objection is open/);
    await page.getByTestId('objection').filter({ hasText: 'storing' }).waitFor();
    await page.getByTestId('lifecycle').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('proposal-facilitator-objection.png') });

    await page.getByTestId('proposal-step-amend').click();
    // The amendment changes the proposal itself too: a night-shift lead stays below the old manager.
    await page.getByTestId('amend-edit-changes').click();
    assert.equal(await page.getByTestId('staged-change').count(), 2, 'the staged changes so far');
    await page.getByTestId('stage-add-title').fill('Night shift lead');
    await page.getByTestId('stage-add-under').selectOption(oldManager);
    await page.getByTestId('stage-add-add').click();
    await page.getByTestId('step-form').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: screenshotPath('proposal-amend-changes.png') });
    await page.getByTestId('draft-save').click();
    await page.getByTestId('amend-changed').waitFor();
    await page.getByTestId('step-note').fill('The night shift keeps its lead as first contact for outages.');
    await page.getByTestId('step-integration').fill('Outages at night go to the shift lead first; the desk takes over in the morning.');
    await page.getByTestId('proposal-step-go').click();
    await page.getByTestId('proposal-state').filter({ hasText: 'Consent round 2 until' }).waitFor();
    await page.getByTestId('objection-integration').filter({ hasText: 'shift lead first' }).waitFor();
    // The preview follows the amended proposal.
    await page.getByTestId('preview-node').filter({ hasText: 'Night shift lead' }).waitFor();
  });

  it('round 2: everyone consents; adoption changes the live chart; the decision log says why', async () => {
    for (const who of [ann, bo, cas]) {
      await who.page.getByTestId('consent-consent').waitFor();
      await who.page.getByTestId('consent-consent').click();
      await who.page.getByTestId('consent-send').click();
      await who.page.getByTestId('consent-done').waitFor();
    }
    // Everyone's page follows the round live.
    for (const who of [ann, bo, cas]) await who.page.getByTestId('outcome-respondents').filter({ hasText: /^3 / }).waitFor();
    await ann.page.getByTestId('consent-done').scrollIntoViewIfNeeded();
    await ann.page.screenshot({ path: screenshotPath('proposal-answered-phone.png') });
    const { page } = fac;
    await page.getByTestId('tally-consent').and(page.locator('[data-count="3"]')).waitFor();
    await page.getByTestId('proposal-step-close').click();
    await page.getByTestId('proposal-step-go').click();
    await page.getByTestId('proposal-step-adopt').and(page.locator(':not([disabled])')).waitFor();
    await page.getByTestId('proposal-step-adopt').click();
    await page.getByTestId('proposal-step-go').click();
    await page.getByTestId('proposal-phase').filter({ hasText: 'Adopted' }).waitFor();

    const chart = await chartOf(page);
    assert.equal(chart.roles.find((r) => r.id === moved.id).manager, newManager, 'the moved role reports to its new manager');
    assert.equal(chart.roles.find((r) => r.title === 'Night shift lead')?.manager, oldManager, 'the amendment is adopted too');
    const coach = chart.roles.find((r) => r.title === 'Support desk coach');
    assert.ok(coach, 'the new role exists');
    assert.equal(coach.manager, newManager);
    // Participants see it adopted without reloading.
    await ann.page.getByTestId('proposal-phase').filter({ hasText: 'Adopted' }).waitFor();
    // An adopted proposal says what it changed, in words (its preview would compare the
    // organization with itself).
    await page.getByTestId('adopted-changes').filter({ hasText: 'Support desk coach' }).waitFor();
    assert.equal(await page.getByTestId('preview').count(), 0);

    await page.getByTestId('proposal-back').click();
    await page.getByTestId('decision-log-open').click();
    const decision = page.getByTestId('decision').first();
    await decision.waitFor();
    assert.equal(await decision.getAttribute('data-outcome'), 'adopted');
    const text = await decision.textContent();
    assert.match(text, /Customers wait too long/);
    assert.match(text, /storing/);
    assert.match(text, /shift lead first/);
    // What it changed, in words and names (not ids).
    const what = await decision.getByTestId('decision-what').textContent();
    assert.ok(what.includes(moved.title) && what.includes('Support desk coach'), what);
    assert.doesNotMatch(what, /[0-9a-f]{8}-[0-9a-f]{4}-/);
    await page.screenshot({ path: screenshotPath('proposal-decision-log.png') });

    // The chart view shows the change too.
    await page.getByTestId('view-chart').click();
    await chartReady(page);
  });

  it('undoing the adoption puts the chart back, and the decision log says its change was undone', async () => {
    const { page } = fac;
    await page.getByTestId('undo').click();
    const deadline = Date.now() + 10_000;
    while ((await chartOf(page)).roles.find((r) => r.id === moved.id).manager !== oldManager) {
      assert.ok(Date.now() < deadline, 'the moved role is back under its old manager');
      await new Promise((r) => setTimeout(r, 100));
    }
    await page.getByTestId('view-proposals').click();
    await page.getByTestId('decision-log-open').click();
    await page.getByTestId('decision-undone').waitFor();
    assert.equal(await page.getByTestId('decision').first().getAttribute('data-undone'), 'true');
    await page.getByTestId('redo').click();
    await page.getByTestId('decision-undone').waitFor({ state: 'detached' });
    assert.equal((await chartOf(page)).roles.find((r) => r.id === moved.id).manager, newManager);
  });

  it('another proposal is rejected with its reason, a third withdrawn; everyone sees how they ended', async () => {
    const { page } = fac;
    const draft = async (title) => {
      await page.getByTestId('proposal-back').click().catch(() => undefined);
      await page.getByTestId('proposal-new').click();
      await page.getByTestId('draft-title').fill(title);
      await page.getByTestId('draft-why').fill('Fewer layers between the plants and the customers.');
      await page.getByTestId('stage-add-title').fill(`${title} lead`);
      await page.getByTestId('stage-add-under').selectOption(newManager);
      await page.getByTestId('stage-add-add').click();
      await page.getByTestId('draft-save').click();
      await page.getByTestId('proposal-title').filter({ hasText: title }).waitFor();
    };
    const step = async (name, fill) => {
      await page.getByTestId(`proposal-step-${name}`).click();
      if (fill) await fill();
      await page.getByTestId('proposal-step-go').click();
    };
    await draft('A quality desk');
    await step('open');
    // A rejection needs its reason, which everyone reads.
    await step('reject');
    await page.getByTestId('step-form').getByRole('alert').waitFor();
    await page.getByTestId('step-reason').fill('The plants keep their own quality checks this year.');
    await page.getByTestId('proposal-step-go').click();
    await page.getByTestId('proposal-phase').filter({ hasText: 'Rejected' }).waitFor();
    await draft('A planning desk');
    await step('withdraw');
    await page.getByTestId('proposal-phase').filter({ hasText: 'Withdrawn' }).waitFor();
    assert.equal(await page.getByTestId('proposal-step-open').count(), 0, 'a withdrawn proposal cannot be opened again');

    // Ann's list shows both, live; the decision log keeps the rejection and its reason.
    await ann.page.getByTestId('proposal-back').click();
    await ann.page.getByTestId('proposal-item').filter({ hasText: 'A quality desk' }).and(ann.page.locator('[data-state="rejected"]')).waitFor();
    await ann.page.getByTestId('decision-log-open').click();
    const rejected = ann.page.getByTestId('decision').filter({ hasText: 'A quality desk' });
    await rejected.waitFor();
    assert.equal(await rejected.getAttribute('data-outcome'), 'rejected');
    assert.match(await rejected.textContent(), /keep their own quality checks/);
  });

  it('the pages of all four stayed free of errors', () => {
    assert.deepEqual(errors, []);
  });
});

describe('a vision revision, anonymous with hidden results: quote, edit one’s own, hide, export', () => {
  let b;
  let server;
  let fac;
  let dee;
  let eli;
  const errors = [];

  before(async () => {
    server = await serve(workspace('vision-proposal', FIXTURE));
    b = await browser();
    const context = await b.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB', acceptDownloads: true });
    const page = await context.newPage();
    watch(page, errors, 'facilitator');
    await page.goto(`${server.link}#proposals`);
    await page.getByTestId('proposals').waitFor();
    fac = { context, page };
  });

  after(async () => {
    await b?.close();
    await server?.stop();
  });

  it('the facilitator drafts a new purpose, anonymous and with hidden results, and opens it', async () => {
    const { page } = fac;
    await page.getByTestId('proposal-new').click();
    await page.getByTestId('draft-title').fill('A purpose everyone can say out loud');
    await page.getByTestId('draft-why').fill('Nobody can repeat our purpose today; a short one guides choices.');
    await page.getByTestId('draft-kind-vision').check({ force: true });
    await page.getByTestId('draft-section-purpose').fill('We keep Flemish kitchens running.\nEvery repair within a day.');
    await page.getByTestId('draft-anonymous').check();
    await page.getByTestId('draft-hidden').check();
    await page.getByTestId('draft-save').click();
    await page.getByTestId('proposal-page').waitFor();
    await page.getByTestId('diff-line-added').first().waitFor();
    assert.equal(await page.getByTestId('diff-line-added').count(), 2);
    // A draft can still be edited: the title and a third line.
    await page.getByTestId('proposal-edit').click();
    await page.getByTestId('draft-title').fill('A purpose everyone can say out loud');
    await page.getByTestId('draft-section-purpose').fill('We keep Flemish kitchens running.\nEvery repair within a day.\nBy people who know the kitchen.');
    await page.getByTestId('draft-save').click();
    await page.getByTestId('proposal-page').waitFor();
    await waitForCount(page.getByTestId('diff-line-added'), 3);
    await page.getByTestId('proposal-step-open').click();
    await page.getByTestId('proposal-step-go').click();
    await page.getByTestId('proposal-state').filter({ hasText: 'Open for comments' }).waitFor();
    await page.getByTestId('preview').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('proposal-vision-diff.png') });
  });

  it('a participant quotes a line, comments anonymously and edits it with the key this browser kept', async () => {
    const view = await api(fac.page, 'POST', '/api/session', { lan: false });
    dee = await join(b, server.origin, view.code, 'Dee', errors, { viewport: { width: 390, height: 844 }, mobile: true, locale: 'nl-BE' });
    eli = await join(b, server.origin, view.code, 'Eli', errors, { viewport: { width: 1280, height: 800 } });
    const { page } = dee;
    await page.getByTestId('proposal-item').first().click();
    await page.getByTestId('diff-quote').first().click();
    assert.match(await page.getByTestId('comment-anchor').textContent(), /Flemish kitchens/);
    await page.getByTestId('comment-input').fill('Mooi kort. Misschien “binnen 24 uur”?');
    await page.getByTestId('comment-submit').click();
    const mine = said(page, 'Mooi kort');
    await mine.waitFor();
    assert.match(await mine.textContent(), /Anoniem/);
    assert.doesNotMatch(await mine.textContent(), /Dee/);
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('kader.comments.mine') ?? '{}'));
    assert.equal(Object.values(stored).filter((k) => typeof k === 'string' && k.length > 8).length, 1, 'the edit key is kept');
    await mine.getByTestId('comment-edit').click();
    await page.getByTestId('comment-edit-input').fill('Mooi kort. Misschien “binnen 24 uur” in plaats van “binnen een dag”?');
    await page.getByTestId('comment-edit-save').click();
    await said(page, 'binnen 24 uur” in plaats').filter({ hasText: 'bewerkt' }).waitFor();
    // Another participant cannot edit it: no edit button on someone else's anonymous comment.
    const seen = said(eli.page, 'in plaats van');
    // Back later, Eli's list says what is new since the last visit.
    await eli.page.reload();
    await eli.page.getByTestId('proposal-news-comments').filter({ hasText: '1 new comment' }).waitFor();
    await eli.page.getByTestId('proposal-item').first().click();
    await seen.waitFor();
    assert.equal(await seen.getByTestId('comment-edit').count(), 0);
    await page.screenshot({ path: screenshotPath('proposal-anonymous-comment-phone-nl.png') });
    // Deleting it leaves a tombstone, for everyone.
    await said(page, 'in plaats van').getByTestId('comment-delete').click();
    await page.getByTestId('comment-delete-confirm').click();
    await page.getByTestId('comment-deleted').waitFor();
    await eli.page.getByTestId('comment-deleted').waitFor();
  });

  it('the facilitator hides a comment with a reason; everyone sees it as hidden', async () => {
    await eli.page.getByTestId('comment-input').fill('This is off topic, sorry');
    await eli.page.getByTestId('comment-submit').click();
    const off = said(fac.page, 'off topic');
    await off.waitFor();
    await off.getByTestId('comment-hide').click();
    await fac.page.getByTestId('comment-hide-reason').fill('Not about this proposal');
    await fac.page.getByTestId('comment-hide-confirm').click();
    await eli.page.getByTestId('comment-hidden').filter({ hasText: 'Not about this proposal' }).waitFor();
  });

  it('in the round the results stay hidden until it closes; then the facilitator adopts, and exports', async () => {
    const { page } = fac;
    await page.getByTestId('proposal-step-consent').click();
    await page.getByTestId('proposal-step-go').click();
    await dee.page.getByTestId('consent-concern').click();
    await dee.page.getByTestId('concern-note').fill('Een dag is krap in de winter.');
    await dee.page.getByTestId('consent-send').click();
    await dee.page.getByTestId('consent-done').waitFor();
    await eli.page.getByTestId('consent-consent').click();
    await eli.page.getByTestId('consent-send').click();
    await eli.page.getByTestId('consent-done').waitFor();
    await page.getByTestId('outcome-respondents').filter({ hasText: '2 answered' }).waitFor();
    await page.getByTestId('outcome-hidden').waitFor();
    await dee.page.getByTestId('outcome-hidden').waitFor();
    assert.equal(await page.getByTestId('proposal-step-amend').isDisabled(), true, 'secret objections: close first');
    await page.getByTestId('proposal-step-close').click();
    await page.getByTestId('proposal-step-go').click();
    await page.getByTestId('tally-concern').and(page.locator('[data-count="1"]')).waitFor();
    await page.getByTestId('proposal-step-adopt').click();
    await page.getByTestId('proposal-step-go').click();
    await page.getByTestId('proposal-phase').filter({ hasText: 'Adopted' }).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('proposal-export-markdown').click()]);
    assert.match(download.suggestedFilename(), /^a-purpose-everyone-can-say-out-loud\.md$/);
    const text = fs.readFileSync(await download.path(), 'utf8');
    assert.match(text, /A purpose everyone can say out loud/);
    assert.doesNotMatch(text, /\bDee\b|\bEli\b/, 'anonymous: no names in the export');

    await page.getByTestId('proposal-back').click();
    await page.getByTestId('decision-log-open').click();
    await page.getByTestId('decision-what').filter({ hasText: 'New text for the vision section Purpose' }).waitFor();
    const [log] = await Promise.all([page.waitForEvent('download'), page.getByTestId('log-export-html').click()]);
    assert.equal(log.suggestedFilename(), 'decision-log.html');
  });

  it('stayed free of errors', () => {
    assert.deepEqual(errors, []);
  });
});
