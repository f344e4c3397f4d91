import { describe, expect, it } from 'vitest';
import type { Chart, ChartRole } from '../../api/types';
import { buildModel, initialCollapse, visibleNodes } from './model';
import { CARD_H, CARD_W, LEVEL, Mode, layoutTree } from './layout';
import { syntheticChart } from './synthetic';

/** A chart from `child:manager` pairs; `:` alone makes a top-level role. */
function chart(spec: string, teams: Record<string, string> = {}): Chart {
  const roles: ChartRole[] = spec
    .trim()
    .split(/\s+/)
    .map((pair) => {
      const [id, manager] = pair.split(':');
      return { id, title: id, manager: manager || null, dotted: [], team: teams[id] ?? null, people: [], external_id: null };
    });
  const teamIds = [...new Set(Object.values(teams))];
  return { seq: 0, roles, teams: teamIds.map((t) => ({ id: t, name: t, parent: null, lead: null })), unplaced: [] };
}

/** Every pair of visible cards is apart; returns the first overlapping pair for the message. */
function overlaps(c: Chart, collapsed: ReadonlySet<string> = new Set()): string | null {
  const m = buildModel(c);
  const l = layoutTree(m, collapsed);
  const boxes = [...l.nodes].map((v) => ({ v, x: l.x[v] - CARD_W / 2, y: l.y[v] })).sort((a, b) => a.x - b.x);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length && boxes[j].x < boxes[i].x + CARD_W; j++) {
      if (Math.abs(boxes[j].y - boxes[i].y) < CARD_H) return `${c.roles[boxes[i].v].id} and ${c.roles[boxes[j].v].id}`;
    }
  }
  return null;
}

describe('layout', () => {
  it('centres a manager over its first and last report, one level down', () => {
    const m = buildModel(chart('a: b:a c:a d:b e:c'));
    const l = layoutTree(m, new Set());
    const [a, b, c] = ['a', 'b', 'c'].map((id) => m.index.get(id)!);
    expect(l.x[a], 'a is centred over b and c').toBeCloseTo((l.x[b] + l.x[c]) / 2);
    expect(l.y[b] - l.y[a], 'reports sit one level below').toBe(LEVEL);
    expect(l.mode[a], 'a manager of managers lays out as a tree').toBe(Mode.Tree);
  });

  it('stacks three or more leaf reports in a column', () => {
    const m = buildModel(chart('a: b:a c:a d:a'));
    const l = layoutTree(m, new Set());
    const [b, c, d] = ['b', 'c', 'd'].map((id) => m.index.get(id)!);
    expect(l.mode[m.index.get('a')!]).toBe(Mode.Stack);
    expect(new Set([l.x[b], l.x[c], l.x[d]]).size, 'one column').toBe(1);
    expect(l.y[c]).toBeGreaterThan(l.y[b]);
    expect(l.y[d]).toBeGreaterThan(l.y[c]);
  });

  it.each([
    ['a chain', 'a: b:a c:b d:c'],
    ['a wide flat team', 'a: ' + Array.from({ length: 40 }, (_, i) => `x${i}:a`).join(' ')],
    ['deep next to shallow', 'a: b:a c:a d:b e:d f:e g:c h:c i:c j:g k:g'],
    ['several top-level roles', 'a: b: c:a d:a e:b f:b g:b'],
  ])('never overlaps cards: %s', (_name, spec) => {
    expect(overlaps(chart(spec))).toBeNull();
  });

  it('never overlaps cards in a 3,000-role org, expanded or opened collapsed', () => {
    const c = syntheticChart(3000);
    expect(overlaps(c)).toBeNull();
    expect(overlaps(c, initialCollapse(buildModel(c), 300))).toBeNull();
  });

  it('lays out a collapsed subtree as a single card', () => {
    const m = buildModel(chart('a: b:a c:b d:b e:b'));
    const l = layoutTree(m, new Set(['b']));
    expect([...l.nodes].map((v) => m.chart.roles[v].id)).toEqual(['a', 'b']);
    expect(l.mode[m.index.get('b')!], 'a collapsed manager is drawn like a leaf').toBe(Mode.Leaf);
    expect(Number.isNaN(l.x[m.index.get('c')!]), 'hidden roles have no position').toBe(true);
  });

  it('groups connected roles of one team into one region, a nested team into its own', () => {
    const m = buildModel(chart('a: b:a c:a d:b e:b f:c', { a: 'T', b: 'T', c: 'U', d: 'T', e: 'T', f: 'T' }));
    const l = layoutTree(m, new Set());
    const regions = l.regions.map((r) => `${m.teams[r.team].name}@${m.chart.roles[r.root].id}`);
    expect(regions, 'T from a (with b, d, e), U at c, T again below c').toEqual(['T@a', 'U@c', 'T@f']);
    const first = l.regions[0];
    expect(first.rects.length, 'one band per level').toBe(3);
  });

  it('puts the reports of one manager in one other team into one region', () => {
    const m = buildModel(chart('a: b:a c:a d:a', { a: 'T', b: 'U', c: 'U', d: 'U' }));
    const l = layoutTree(m, new Set());
    expect(l.regions.map((r) => m.teams[r.team].name)).toEqual(['T', 'U']);
  });

  it('lays out a 10,000-role org in well under the frame budget', () => {
    const m = buildModel(syntheticChart(10_000));
    const t0 = performance.now();
    const l = layoutTree(m, new Set());
    const ms = performance.now() - t0;
    expect(l.nodes.length).toBe(10_000);
    expect(ms, `layout took ${ms.toFixed(1)} ms`).toBeLessThan(300);
  });

  it('handles a 20,000-deep chain without recursion', () => {
    const roles: ChartRole[] = Array.from({ length: 20_000 }, (_, i) => ({
      id: `r${i}`, title: `r${i}`, manager: i ? `r${i - 1}` : null, dotted: [], team: null, people: [], external_id: null,
    }));
    const m = buildModel({ seq: 0, roles, teams: [], unplaced: [] });
    expect(m.maxDepth).toBe(19_999);
    const l = layoutTree(m, initialCollapse(m, 500));
    expect(l.nodes.length).toBeLessThanOrEqual(500);
  });

  it('shows every visible role exactly once', () => {
    const c = syntheticChart(2000, 3);
    const m = buildModel(c);
    const collapsed = initialCollapse(m, 200);
    expect(layoutTree(m, collapsed).nodes.length).toBe(visibleNodes(m, collapsed).length);
  });
});
