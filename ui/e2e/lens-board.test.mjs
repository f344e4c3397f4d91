/**
 * "What if" across the two views: a facilitator changes a level on the delegation board, goes
 * back to the chart, and the reporting line's colour on the canvas, its class and its reasons
 * have changed with it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FIXTURE, browser, chartOf, openApp, roleByTitle, screenshotPath, serve, waitFor, workspace } from './harness.mjs';

const SUPPORT = [0x1b, 0x8a, 0x7a];
const CONTROL = [0xd1, 0x49, 0x2e];

/** How many canvas pixels around the line's point are (nearly) `rgb`. */
async function pixelsNear(page, roleId, rgb) {
  return page.evaluate(
    ({ id, rgb }) => {
      const p = window.kaderChart.linePoint(id);
      const canvas = document.querySelector('[data-testid=chart-canvas]');
      if (!p || !canvas) return -1;
      const box = canvas.getBoundingClientRect();
      const sx = canvas.width / box.width;
      const sy = canvas.height / box.height;
      const r = 8;
      const x = Math.round((p.x - box.left) * sx) - r;
      const y = Math.round((p.y - box.top) * sy) - r;
      const data = canvas.getContext('2d').getImageData(x, y, 2 * r + 1, 2 * r + 1).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.abs(data[i] - rgb[0]) + Math.abs(data[i + 1] - rgb[1]) + Math.abs(data[i + 2] - rgb[2]) < 40) n++;
      }
      return n;
    },
    { id: roleId, rgb },
  );
}

describe('a level changed on the board changes the line on the chart', () => {
  let b;
  let server;
  let app;
  let ids;

  before(async () => {
    server = await serve(workspace('lens-board', FIXTURE));
    b = await browser();
    app = await openApp(b, server.link);
    const chart = await chartOf(app.page);
    const productie = chart.teams.find((t) => t.name === 'Productie');
    ids = { productie: productie.id, domain: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a60', operator: roleByTitle(chart, 'Kwaliteitscontroleur').id };
    const op = {
      op: 'add_domain',
      domain: {
        id: ids.domain,
        name: 'Shift schedules',
        owner_team: productie.id,
        driver: 'Fair and predictable schedules',
        guardrails: ['Legal rest times'],
        review_date: null,
        delegations: [{ subject: { kind: 'team', id: productie.id }, current: 2, desired: 6 }],
      },
    };
    await app.page.evaluate(async (o) => {
      const r = await fetch('/api/ops', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(o) });
      if (!r.ok) throw new Error(await r.text());
    }, op);
  });

  after(async () => {
    await b?.close();
    await server?.stop();
  });

  it('from control at level 2 to support at level 6, colour, class and reasons', async () => {
    const { page } = app;
    await page.getByTestId('lens-toggle').click();
    await page.getByTestId('fit').click();
    await page.waitForTimeout(500);
    const line = `[data-testid=lens-lines] li[data-role="${ids.operator}"]`;
    await waitFor(page, (sel) => document.querySelector(sel)?.getAttribute('data-class') === 'control', line, 'the line to be control');
    assert.ok((await pixelsNear(page, ids.operator, CONTROL)) > 0, 'the line is drawn orange-red');
    assert.equal(await pixelsNear(page, ids.operator, SUPPORT), 0, 'and not teal');

    // On the board: Productie's cell for "Shift schedules", level 6 with a reason.
    await page.getByTestId('view-decisions').click();
    const cell = page.locator(`[data-testid=board-cell][data-domain="${ids.domain}"][data-subject="${ids.productie}"]`);
    await cell.click();
    await page.getByTestId('level-picker').waitFor();
    await page.getByTestId('picker-why').fill('The team plans its own shifts within the legal rest times');
    await page.locator('[data-testid=level-option][data-level="6"]').click();
    await waitFor(page, (d) => document.querySelector(`[data-testid=board-cell][data-domain="${d}"]`)?.getAttribute('data-current') === '6', ids.domain, 'the card at level 6');

    // Back on the chart: the same line, now support.
    await page.getByTestId('view-chart').click();
    await waitFor(page, (sel) => document.querySelector(sel)?.getAttribute('data-class') === 'support', line, 'the line to turn support');
    await page.waitForTimeout(300);
    assert.ok((await pixelsNear(page, ids.operator, SUPPORT)) > 0, 'the line is drawn teal now');
    assert.equal(await pixelsNear(page, ids.operator, CONTROL), 0, 'and no longer orange-red');

    const p = await page.evaluate((id) => window.kaderChart.linePoint(id), ids.operator);
    await page.mouse.click(p.x + 2, p.y);
    const panel = page.getByTestId('line-panel');
    await panel.waitFor();
    assert.equal(await panel.getAttribute('data-class'), 'support');
    assert.match(
      await panel.locator('[data-testid=line-reason][data-signal=decision]').textContent(),
      /Shift schedules for Productie: level 6, inquire/,
      'the reason names the new level',
    );
    await page.screenshot({ path: screenshotPath('lens-after-board-en.png') });

    // The figures panel agrees with the server's lens.
    const server = await page.evaluate(async () => (await fetch('/api/lens')).json());
    assert.equal(Number(await page.getByTestId('lens-legend-support').getAttribute('data-count')), server.figures.hierarchy.support);
  });
});
