import { describe, expect, it } from 'vitest';
import type { Chart, Preview } from '../../api/types';
import { chartExcerpt, excerptNodes, type ExcerptNode } from './excerpt';

type Org = Extract<Preview, { kind: 'organization' }>;

/** CEO → (Ops → (A, B, C, D, E, F), Sales → (S1)); Solo without a manager. */
function chart(): Chart {
  const role = (id: string, title: string, manager: string | null) => ({ id, title, manager, dotted: [], team: null, people: [{ id: `p-${id}`, name: `${title} person`, fte: 1 }] });
  return {
    seq: 1,
    teams: [],
    roles: [
      role('ceo', 'CEO', null),
      role('ops', 'Ops', 'ceo'),
      role('sales', 'Sales', 'ceo'),
      ...['a', 'b', 'c', 'd', 'e', 'f'].map((x) => role(x, x.toUpperCase(), 'ops')),
      role('s1', 'S1', 'sales'),
      role('solo', 'Solo', null),
    ],
  } as unknown as Chart;
}

function preview(over: Partial<Org>): Org {
  return { kind: 'organization', before: {} as Org['before'], after: {} as Org['after'], nodes: [], relations_added: [], relations_removed: [], domains: [], ...over };
}

const shape = (n: ExcerptNode): string => `${n.title}${n.change ? `[${n.change}]` : ''}${n.more ? `+${n.more}` : ''}${n.children.length ? `(${n.children.map(shape).join(' ')})` : ''}`;

describe('the chart around a structural proposal', () => {
  it('shows a moved role under its new manager, a marker under the old one, and the path to the top', () => {
    const p = preview({
      relations_removed: [{ kind: 'reports_to', role: 'a', manager: 'ops' }],
      relations_added: [{ kind: 'reports_to', role: 'a', manager: 'sales' }],
    });
    const { roots, omitted } = chartExcerpt(chart(), p);
    expect(omitted).toBe(0);
    expect(roots.map(shape)).toEqual(['CEO(Ops+5(A[moved_away]) Sales+1(A[moved]))']);
    const a = excerptNodes(roots).find((n) => n.change === 'moved')!;
    expect(a.other).toBe('ops');
    expect(a.people).toEqual(['A person']);
  });

  it('shows a new role with its manager, and a removed one where it was', () => {
    const p = preview({
      nodes: [
        { node: { kind: 'role', id: 'new' }, name: 'Coach', change: 'added' },
        { node: { kind: 'role', id: 's1' }, name: 'S1', change: 'removed' },
      ],
      relations_added: [{ kind: 'reports_to', role: 'new', manager: 'ops' }],
      relations_removed: [{ kind: 'reports_to', role: 's1', manager: 'sales' }],
    });
    expect(chartExcerpt(chart(), p).roots.map(shape)).toEqual(['CEO(Ops+6(Coach[added]) Sales(S1[removed]))']);
  });

  it('shows up to four unchanged reports of a changed role, and counts the rest', () => {
    const p = preview({ nodes: [{ node: { kind: 'role', id: 'ops' }, name: 'Operations', change: 'changed' }] });
    expect(chartExcerpt(chart(), p).roots.map(shape)).toEqual(['CEO+1(Operations[changed]+2(A B C D))']);
  });

  it('caps the number of boxes and says how many changes it left out', () => {
    const roles = [{ id: 'top', title: 'Top', manager: null, dotted: [], team: null, people: [] }];
    const nodes: Org['nodes'] = [];
    const added: Org['relations_added'] = [];
    for (let i = 0; i < 500; i++) {
      nodes.push({ node: { kind: 'role', id: `n${i}` }, name: `New ${i}`, change: 'added' });
      added.push({ kind: 'reports_to', role: `n${i}`, manager: 'top' });
    }
    const x = chartExcerpt({ seq: 1, teams: [], roles } as unknown as Chart, preview({ nodes, relations_added: added }), 50);
    expect(excerptNodes(x.roots).length).toBe(50);
    expect(x.omitted).toBe(451);
  });

  it('is quick and does not recurse on a deep chain of 50,000 roles', () => {
    const roles = Array.from({ length: 50_000 }, (_, i) => ({ id: `r${i}`, title: `R${i}`, manager: i ? `r${i - 1}` : null, dotted: [], team: null, people: [] }));
    const p = preview({ nodes: [{ node: { kind: 'role', id: 'r49999' }, name: 'Last', change: 'changed' }] });
    const started = performance.now();
    const x = chartExcerpt({ seq: 1, teams: [], roles } as unknown as Chart, p);
    expect(performance.now() - started).toBeLessThan(2000);
    // The changed role and three managers above it; the 49,996 levels above those are counted.
    expect(x.roots.map(shape)).toEqual(['R49996(R49997(R49998(Last[changed])))']);
    expect(x.roots[0].above).toBe(49_996);
  });
});
