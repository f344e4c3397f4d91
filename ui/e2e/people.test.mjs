/**
 * People never vanish: in Dutch, the facilitator removes a manager role keeping its person in the
 * organization without a role; the role's direct reports are then under the manager above, the
 * person is in the "Zonder rol" list, is placed again, and the header's people figure never
 * changes. Screenshots of the dialog and the list in Dutch and English.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FIXTURE, browser, chartOf, openApp, roleByTitle, screenshotPath, searchAndChoose, serve, waitFor, workspace } from './harness.mjs';

let b;
let server;
let app;

before(async () => {
  server = await serve(workspace('people', FIXTURE));
  b = await browser();
  app = await openApp(b, server.link, { locale: 'nl-BE' });
});

after(async () => {
  await b?.close();
  await server?.stop();
});

const stats = (page) => page.getByTestId('stats').textContent();

describe('een facilitator verwijdert een rol van een leidinggevende', () => {
  it('keeps the person unplaced, moves the reports up, places them again; the people figure stays', async () => {
    const { page } = app;
    await page.getByTestId('lang-nl').click();
    const figure = await stats(page);
    assert.match(figure, /mensen/, `the header in Dutch: ${figure}`);
    const before = await chartOf(page);
    const director = roleByTitle(before, 'Verkoopdirecteur');
    const ceo = roleByTitle(before, 'Algemeen directeur');
    const reports = before.roles.filter((r) => r.manager === director.id).map((r) => r.id);
    assert.ok(reports.length >= 8, 'the sales director leads the sales team');
    assert.equal(await page.getByTestId('unplaced-count').textContent(), '0');

    await searchAndChoose(page, 'Verkoopdirecteur', 'Verkoopdirecteur');
    await page.getByTestId('remove-role').click();
    const dialog = page.getByTestId('remove-role-dialog');
    await dialog.getByText('Ingrid Vanhoëcke').first().waitFor();
    const plan = await dialog.getByTestId('remove-plan').textContent();
    assert.match(plan, /komen onder Algemeen directeur/, plan);
    assert.match(plan, /Blijft in de organisatie, zonder rol: Ingrid Vanhoeck|Blijft in de organisatie, zonder rol: Ingrid Vanhoëcke/, plan);
    assert.match(plan, /Mensen: (\d+) → \1/, plan);
    assert.ok(await dialog.getByTestId('remove-reports-to_manager_above').isChecked(), 'reports to the manager above by default');
    assert.ok(await dialog.getByTestId('remove-person-unplaced').isChecked(), 'the person stays by default');
    await page.screenshot({ path: screenshotPath('people-remove-nl.png') });
    // The same dialog in English.
    await page.keyboard.press('Escape');
    await page.getByTestId('lang-en').click();
    await page.getByTestId('remove-role').click();
    await dialog.getByText('moves under Algemeen directeur').or(dialog.getByText('move under Algemeen directeur')).first().waitFor();
    await page.screenshot({ path: screenshotPath('people-remove-en.png') });
    await page.keyboard.press('Escape');
    await page.getByTestId('lang-nl').click();
    await page.getByTestId('remove-role').click();
    await dialog.getByText('Ingrid Vanhoëcke').first().waitFor();
    await dialog.getByTestId('confirm-remove').click();
    await waitFor(page, (id) => window.kaderChart.titleOf(id) === null, director.id, 'the role to leave the chart');

    const after = await chartOf(page);
    for (const id of reports) assert.equal(after.roles.find((r) => r.id === id).manager, ceo.id, 'each report is under the manager above');
    assert.deepEqual(after.unplaced.map((p) => p.name), ['Ingrid Vanhoëcke']);
    assert.equal(await stats(page), figure.replace(/\d+ rollen/, (m) => `${Number(m.split(' ')[0]) - 1} rollen`), 'one role less, the same people');
    assert.equal(await page.getByTestId('unplaced-count').textContent(), '1');

    // The "Zonder rol" list; placing her again in a new role under the CEO.
    const panel = page.getByTestId('unplaced-panel');
    const row = panel.getByTestId('unplaced-person').filter({ hasText: 'Ingrid Vanhoëcke' });
    const openAndFill = async (heading) => {
      await page.getByTestId('unplaced-button').click();
      await panel.getByRole('heading', { name: heading }).waitFor();
      await row.getByTestId('place-again').click();
      await row.getByTestId('place-new').check();
      await row.getByTestId('place-manager').selectOption(ceo.id);
      await row.getByTestId('place-title').fill('Commercieel directeur');
    };
    await page.getByTestId('lang-en').click();
    await openAndFill('Without a role');
    await page.screenshot({ path: screenshotPath('people-unplaced-en.png') });
    await page.keyboard.press('Escape');
    await page.getByTestId('lang-nl').click();
    await openAndFill('Zonder rol');
    await page.screenshot({ path: screenshotPath('people-unplaced-nl.png') });
    await row.getByTestId('place-confirm').click();
    await panel.getByTestId('unplaced-empty').waitFor();
    const placed = await chartOf(page);
    const role = roleByTitle(placed, 'Commercieel directeur');
    assert.equal(role.manager, ceo.id);
    assert.deepEqual(role.people.map((p) => p.name), ['Ingrid Vanhoëcke']);
    assert.deepEqual(placed.unplaced, []);
    assert.equal(await stats(page), figure, 'the same roles and people as at the start');
    await page.keyboard.press('Escape');
    assert.equal(await page.getByTestId('unplaced-count').textContent(), '0');
    assert.deepEqual(app.errors, [], 'no page errors');
  });
});
