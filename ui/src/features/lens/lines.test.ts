import { describe, expect, it } from 'vitest';
import type { Chart, ChartRole, LineClass } from '../../api/types';
import { buildModel } from '../chart/model';
import { CARD_H, CARD_W, Mode, STACK_INDENT, V_GAP, layoutTree } from '../chart/layout';
import { syntheticChart } from '../chart/synthetic';
import { classOfNodes, countClasses, distanceToSegment, hitLine, lineGeometry } from './lines';

/** A chart from `child:manager` pairs; `:` alone makes a top-level role. */
function chart(spec: string): Chart {
  const roles: ChartRole[] = spec
    .trim()
    .split(/\s+/)
    .map((pair) => {
      const [id, manager] = pair.split(':');
      return { id, title: id, manager: manager || null, dotted: [], team: null, people: [], external_id: null };
    });
  return { seq: 0, roles, teams: [], unplaced: [] };
}

function setup(spec: string, collapsed: ReadonlySet<string> = new Set()) {
  const model = buildModel(chart(spec));
  const layout = layoutTree(model, collapsed);
  const g = lineGeometry(model, layout);
  const at = (id: string) => model.index.get(id)!;
  const segments = (owner: number) => {
    const out: [number, number, number, number][] = [];
    for (let i = 0; i < g.n; i++) if (g.owner[i] === owner) out.push([g.seg[i * 4], g.seg[i * 4 + 1], g.seg[i * 4 + 2], g.seg[i * 4 + 3]]);
    return out;
  };
  return { model, layout, g, at, segments };
}

describe('line geometry', () => {
  it('gives every report of a tree its own drop and its share of the bus; the stem is shared', () => {
    const { layout, g, at, segments } = setup('a: b:a c:a d:a b1:b c1:c');
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(at);
    expect(layout.mode[a]).toBe(Mode.Tree);
    const bus = layout.y[a] + CARD_H + V_GAP / 2;
    for (const v of [b, c, d]) {
      const own = segments(v);
      expect(own.some(([x0, y0, x1, y1]) => x0 === layout.x[v] && x1 === layout.x[v] && y0 === bus && y1 === layout.y[v]), 'a drop to the top of the card').toBe(true);
      expect(own.every(([, y0, , y1]) => y0 >= bus && y1 >= bus), 'nothing above the bus').toBe(true);
    }
    // The bus is split half-way between neighbours: b and c meet in the middle.
    const mid = (layout.x[b] + layout.x[c]) / 2;
    expect(segments(b).some(([x0, , x1]) => Math.max(x0, x1) === mid)).toBe(true);
    expect(segments(c).some(([x0, , x1]) => Math.min(x0, x1) === mid)).toBe(true);
    const shared = segments(-1);
    expect(shared, 'the stem under a is shared').toContainEqual([layout.x[a], layout.y[a] + CARD_H, layout.x[a], bus]);
    expect(segments(a), 'a top role has no line').toEqual([]);
    expect(g.n).toBeGreaterThan(0);
  });

  it('gives a single report the whole line, stem included', () => {
    const { layout, at, segments } = setup('a: b:a c:b d:b');
    const [a, b] = [at('a'), at('b')];
    const own = segments(b);
    expect(own[0], 'from the bottom of the manager').toEqual([layout.x[a], layout.y[a] + CARD_H, layout.x[a], layout.y[a] + CARD_H + V_GAP / 2]);
    expect(own.at(-1)![3], 'to the top of the report').toBe(layout.y[b]);
  });

  it('gives every report of a stack its tick and the spine down to it', () => {
    const { layout, at, segments } = setup('a: b:a c:a d:a');
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(at);
    expect(layout.mode[a]).toBe(Mode.Stack);
    const spine = layout.x[b] - CARD_W / 2 - STACK_INDENT / 2;
    const mid = (v: number) => layout.y[v] + CARD_H / 2;
    expect(segments(c)).toEqual([
      [spine, mid(b), spine, mid(c)],
      [spine, mid(c), layout.x[c] - CARD_W / 2, mid(c)],
    ]);
    expect(segments(d)[0], 'the last card’s spine starts at the card above').toEqual([spine, mid(c), spine, mid(d)]);
    expect(segments(b)[0][1], 'the first card’s spine starts at the bus').toBe(layout.y[a] + CARD_H + V_GAP / 2);
  });

  it('draws no line to a collapsed manager’s hidden reports', () => {
    const { g, at, model } = setup('a: b:a c:b d:b', new Set(['b']));
    const owners = new Set(Array.from(g.owner.slice(0, g.n)));
    expect(owners.has(at('b'))).toBe(true);
    expect(owners.has(at('c')) || owners.has(at('d'))).toBe(false);
    expect(model.n).toBe(4);
  });
});

describe('line hit testing', () => {
  it('measures the distance to a segment, ends included', () => {
    expect(distanceToSegment(5, 3, 0, 0, 10, 0)).toBe(3);
    expect(distanceToSegment(-4, 3, 0, 0, 10, 0)).toBe(5);
    expect(distanceToSegment(2, 2, 2, 2, 2, 2), 'a point segment').toBe(0);
  });

  it('finds the line near a point, the nearest of two, and nothing on a shared stem or far away', () => {
    const { layout, g, at } = setup('a: b:a c:a d:a b1:b c1:c');
    const [a, b, c] = ['a', 'b', 'c'].map(at);
    const dropY = (layout.y[a] + CARD_H + V_GAP / 2 + layout.y[b]) / 2;
    expect(hitLine(g, layout.x[b] + 3, dropY, 8), 'beside b’s drop').toBe(b);
    expect(hitLine(g, layout.x[c] - 6, dropY, 8), 'beside c’s drop').toBe(c);
    expect(hitLine(g, layout.x[b] + 30, dropY, 8), 'too far from any line').toBe(-1);
    const stemY = layout.y[a] + CARD_H + 10;
    expect(hitLine(g, layout.x[a] + 1, stemY, 8), 'the shared stem belongs to no line').toBe(-1);
    const bus = layout.y[a] + CARD_H + V_GAP / 2;
    const nearB = layout.x[b] + (layout.x[c] - layout.x[b]) * 0.3;
    expect(hitLine(g, nearB, bus + 2, 8), 'the bus near b is b’s').toBe(b);
    expect(hitLine(g, layout.x[b] + (layout.x[c] - layout.x[b]) * 0.7, bus - 2, 8), 'the bus near c is c’s').toBe(c);
  });

  it('finds every visible line of a large chart at its own drop', () => {
    const model = buildModel(syntheticChart(800));
    const layout = layoutTree(model, new Set());
    const g = lineGeometry(model, layout);
    let checked = 0;
    for (const v of layout.nodes) {
      if (model.parent[v] < 0) continue;
      // Just above the card, on the line that enters it (a drop from above or a tick from the left).
      const stacked = layout.mode[model.parent[v]] === Mode.Stack;
      const x = stacked ? layout.x[v] - CARD_W / 2 - 4 : layout.x[v];
      const y = stacked ? layout.y[v] + CARD_H / 2 : layout.y[v] - 4;
      expect(hitLine(g, x, y, 6), model.chart.roles[v].id).toBe(v);
      checked++;
    }
    expect(checked).toBe(799);
  });
});

describe('classes per node', () => {
  it('reads each line’s class by role id; top roles and unknown roles have none', () => {
    const model = buildModel(chart('a: b:a c:a d:c'));
    const classes: Record<string, LineClass> = { b: 'control', c: 'support', a: 'support' };
    const classOf = classOfNodes(model, classes);
    const at = (id: string) => classOf[model.index.get(id)!];
    expect(at('a'), 'a top role has no line, whatever the map says').toBe(-1);
    expect(at('b')).toBe(2);
    expect(at('c')).toBe(0);
    expect(at('d'), 'not in the lens yet').toBe(-1);
    expect(countClasses(classOf)).toEqual({ support: 1, coordination: 0, control: 1, unclassified: 0 });
  });
});
