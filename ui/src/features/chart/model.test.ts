import { describe, expect, it } from 'vitest';
import type { Chart, ChartRole } from '../../api/types';
import { buildModel, hiddenCount, initialCollapse, revealPath, toggle, visibleNodes } from './model';
import { syntheticChart } from './synthetic';

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

const ids = (m: ReturnType<typeof buildModel>, nodes: number[]) => nodes.map((v) => m.chart.roles[v].id);

describe('model', () => {
  const m = buildModel(chart('a: b:a c:a d:b e:b f:d g:c'));
  const v = (id: string) => m.index.get(id)!;

  it('counts every direct and indirect report', () => {
    expect(m.descendants[v('a')], 'a has all six others below').toBe(6);
    expect(m.descendants[v('b')], 'b: d, e, f').toBe(3);
    expect(m.descendants[v('f')]).toBe(0);
    expect(m.depth[v('f')]).toBe(3);
  });

  it('hides a collapsed subtree and says how many roles it hides', () => {
    const collapsed = new Set(['b']);
    expect(ids(m, visibleNodes(m, collapsed))).toEqual(['a', 'b', 'c', 'g']);
    expect(hiddenCount(m, collapsed, v('b'))).toBe(3);
    expect(hiddenCount(m, collapsed, v('c')), 'an open role hides nothing').toBe(0);
    expect(hiddenCount(m, new Set(['f']), v('f')), 'a role without reports hides nothing').toBe(0);
  });

  it('toggles a manager open and closed, and ignores roles without reports', () => {
    const closed = toggle(m, new Set(), v('b'));
    expect([...closed]).toEqual(['b']);
    expect([...toggle(m, closed, v('b'))]).toEqual([]);
    expect([...toggle(m, new Set(), v('f'))]).toEqual([]);
  });

  it('reveals a role by opening every manager above it', () => {
    const collapsed = new Set(['a', 'b', 'd', 'c']);
    const opened = revealPath(m, collapsed, v('f'));
    expect([...opened].sort(), 'c stays collapsed: it is not on the path').toEqual(['c']);
    expect(ids(m, visibleNodes(m, opened))).toContain('f');
  });

  it('opens small orgs fully and large ones to the deepest level that fits the budget', () => {
    expect(initialCollapse(m, 100).size, 'seven roles fit').toBe(0);
    const big = buildModel(syntheticChart(100_000));
    const collapsed = initialCollapse(big, 1500);
    const shown = visibleNodes(big, collapsed).length;
    expect(shown, `${shown} roles shown`).toBeLessThanOrEqual(1500);
    expect(shown).toBeGreaterThan(10);
  });

  it('treats a missing manager as top-level and survives a cycle', () => {
    const odd = buildModel(chart('a:zz b:c c:b'));
    expect(odd.roots.length, 'a has an unknown manager, the b–c cycle is cut once').toBe(2);
    expect(visibleNodes(odd, new Set()).length, 'every role is still shown').toBe(3);
  });

  it('orders reports by team, then title', () => {
    const c = chart('a: z:a y:a x:a');
    c.teams = [{ id: 't1', name: 'Beta', parent: null, lead: null }, { id: 't2', name: 'Alpha', parent: null, lead: null }];
    c.roles[1].team = 't2';
    c.roles[2].team = 't1';
    const om = buildModel(c);
    expect(om.children[om.index.get('a')!].map((i) => c.roles[i].id)).toEqual(['z', 'y', 'x']);
  });
});
