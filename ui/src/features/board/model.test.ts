import { describe, expect, it } from 'vitest';
import type { Board, DecisionDomain, Delegation, Op } from '../../api/types';
import {
  addDomain, addableTeams, boardView, columnsOf, emptyFields, filterColumns, formatIsoDate, gapOf, matchesGap, patchBoard, problemOf, removeDomain,
  reuseColumns, setLevel, stabilize, todayIso, touchesBoard, updateDomain, type GapFilter,
} from './model';
import { viewFromHash, hashOf } from './view';

const team = (id: string) => ({ kind: 'team' as const, id });
const role = (id: string) => ({ kind: 'role' as const, id });

/** `entries`: "subject=current>desired" separated by spaces; a subject is `t:id` or `r:id`, a missing level is `-`. */
function domain(id: string, name: string, entries = ''): DecisionDomain {
  const delegations: Delegation[] = entries
    .split(/\s+/)
    .filter(Boolean)
    .map((e) => {
      const [who, levels] = e.split('=');
      const [kind, sid] = who.split(':');
      const [c, d] = levels.split('>');
      const lvl = (s: string | undefined) => (s === undefined || s === '-' ? null : Number(s));
      return { subject: kind === 't' ? team(sid) : role(sid), current: lvl(c), desired: lvl(d), history: [] };
    });
  return { id, name, owner_team: null, driver: '', guardrails: [], review_date: null, delegations };
}

function board(domains: DecisionDomain[]): Board {
  return {
    seq: 1,
    domains,
    teams: [
      { id: 'fin', name: 'Financiën' },
      { id: 'log', name: 'Logistiek' },
      { id: 'prod', name: 'Productie Gent' },
      { id: 'sales', name: 'Verkoop' },
    ],
    roles: [{ id: 'cfo', name: 'CFO' }],
  };
}

const names = (cs: { name: string }[]) => cs.map((c) => c.name);

describe('columns', () => {
  const b = board([domain('hire', 'Hiring', 't:log=3>5 t:prod=2>2'), domain('tools', 'Tool choice', 'r:cfo=4>- t:sales=->-')]);

  it('shows the teams and roles that hold a level, teams first, each in the board’s order', () => {
    expect(names(columnsOf(b)), 'sales holds no level: an emptied entry keeps only its history').toEqual(['Logistiek', 'Productie Gent', 'CFO']);
  });

  it('shows the team that owns a domain', () => {
    const owned = board([{ ...domain('bud', 'Budget'), owner_team: 'sales' }]);
    expect(names(columnsOf(owned))).toEqual(['Verkoop']);
  });

  it('adds the teams the user chose, in their place', () => {
    expect(names(columnsOf(b, new Set(['fin'])))).toEqual(['Financiën', 'Logistiek', 'Productie Gent', 'CFO']);
    expect(names(addableTeams(b, columnsOf(b))), 'teams without a column can be added').toEqual(['Financiën', 'Verkoop']);
  });

  it('finds columns by name without case or accents, every word', () => {
    const all = columnsOf(b, new Set(['fin']));
    expect(names(filterColumns(all, 'financien'))).toEqual(['Financiën']);
    expect(names(filterColumns(all, '  gent PROD '))).toEqual(['Productie Gent']);
    expect(names(filterColumns(all, ''))).toEqual(names(all));
    expect(filterColumns(all, 'nobody')).toEqual([]);
  });
});

describe('gaps', () => {
  it.each([
    // current, desired, gap, all, gap filter, up filter
    [3, 5, 2, true, true, true],
    [5, 3, -2, true, true, false],
    [4, 4, 0, true, false, false],
    [3, null, null, true, false, false],
    [null, 6, null, true, false, false],
  ] as const)('%s → %s: gap %s', (current, desired, gap, all, withGap, up) => {
    const d = { current, desired };
    expect(gapOf(d)).toBe(gap);
    const expected: Record<GapFilter, boolean> = { all, gap: withGap, up };
    for (const f of ['all', 'gap', 'up'] as const) expect(matchesGap(d, f), `filter ${f}`).toBe(expected[f]);
  });

  it('an empty cell matches only "all"', () => {
    expect(matchesGap(undefined, 'all')).toBe(true);
    expect(matchesGap(undefined, 'gap')).toBe(false);
  });

  it('keeps the rows and columns with a matching cell', () => {
    const b = board([
      domain('a', 'A', 't:log=3>5 t:prod=2>2'),
      domain('b', 'B', 't:prod=6>4'),
      domain('c', 'C', 't:log=4>4'),
    ]);
    const all = boardView(b, { added: new Set(), query: '', gap: 'all' });
    expect(all.rows.map((d) => d.id)).toEqual(['a', 'b', 'c']);
    const gap = boardView(b, { added: new Set(), query: '', gap: 'gap' });
    expect(gap.rows.map((d) => d.id), 'C is at its desired level').toEqual(['a', 'b']);
    expect(names(gap.columns)).toEqual(['Logistiek', 'Productie Gent']);
    const up = boardView(b, { added: new Set(['fin']), query: '', gap: 'up' });
    expect(up.rows.map((d) => d.id)).toEqual(['a']);
    expect(names(up.columns), 'only Logistiek wants more autonomy').toEqual(['Logistiek']);
    expect(names(up.allColumns), 'the unfiltered columns stay known').toEqual(['Financiën', 'Logistiek', 'Productie Gent']);
    const named = boardView(b, { added: new Set(), query: 'prod', gap: 'gap' });
    expect(named.rows.map((d) => d.id), 'the gap filter looks only at the columns found by name').toEqual(['b']);
  });

  it('works on an empty board and on a large one', () => {
    expect(boardView(board([]), { added: new Set(), query: '', gap: 'gap' }).rows).toEqual([]);
    const teams = Array.from({ length: 40 }, (_, i) => ({ id: `t${i}`, name: `Team ${i}` }));
    const domains = Array.from({ length: 50 }, (_, i) => domain(`d${i}`, `Domain ${i}`, teams.map((t, j) => `t:${t.id}=${(j % 7) + 1}>${((i + j) % 7) + 1}`).join(' ')));
    const big: Board = { seq: 1, domains, teams, roles: [] };
    const v = boardView(big, { added: new Set(), query: '', gap: 'all' });
    expect([v.rows.length, v.columns.length]).toEqual([50, 40]);
    const up = boardView(big, { added: new Set(), query: '', gap: 'up' });
    for (const d of up.rows) expect(up.columns.some((c) => matchesGap(up.entries.get(d.id)!.get(`team:${c.id}`), 'up'))).toBe(true);
  });
});

describe('operations', () => {
  it('adds a domain with trimmed fields and no entries', () => {
    const { op, id } = addDomain({ ...emptyFields(), name: '  Hiring ', guardrails: [' Within headcount ', '  '], review_date: '', owner_team: '' }, 'dom-1');
    expect(id).toBe('dom-1');
    expect(op).toEqual({
      op: 'add_domain',
      domain: { id: 'dom-1', name: 'Hiring', driver: '', guardrails: ['Within headcount'], owner_team: null, review_date: null, delegations: [] },
    });
  });

  it('mints a UUID v7 for a new domain', () => {
    expect(addDomain({ ...emptyFields(), name: 'x' }).id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('updates the fields over the newest domain, keeping its levels', () => {
    const latest = domain('hire', 'Hiring', 't:log=3>5');
    const op = updateDomain(latest, { name: 'Hiring in the team', driver: 'Teams know best', guardrails: ['Budget'], owner_team: 'log', review_date: '2027-01-15' });
    expect(op).toEqual({
      op: 'update_domain',
      domain: { ...latest, name: 'Hiring in the team', driver: 'Teams know best', guardrails: ['Budget'], owner_team: 'log', review_date: '2027-01-15' },
    });
  });

  it('needs a name', () => {
    expect(problemOf({ ...emptyFields(), name: '  ' })).toBe('board.nameRequired');
    expect(problemOf({ ...emptyFields(), name: 'Hiring' })).toBeNull();
  });

  it('removes a domain', () => {
    expect(removeDomain('hire')).toEqual({ op: 'remove_domain', id: 'hire' });
  });

  it('sets one level and keeps the other, with the reason trimmed', () => {
    const entry = { current: 3, desired: 5 };
    expect(setLevel('hire', team('log'), entry, 'desired', 6, ' agreed in the workshop ')).toEqual({
      op: 'set_delegation',
      domain: 'hire',
      subject: { kind: 'team', id: 'log' },
      current: 3,
      desired: 6,
      note: { by: '', at: 0, why: 'agreed in the workshop' },
    });
    const first = setLevel('hire', role('cfo'), undefined, 'current', 2);
    expect(first).toMatchObject({ current: 2, desired: null, subject: { kind: 'role', id: 'cfo' }, note: { why: '' } });
    expect(setLevel('hire', team('log'), entry, 'current', null)).toMatchObject({ current: null, desired: 5 });
  });
});

describe('the board before the server answers', () => {
  const b = board([domain('hire', 'Hiring', 't:log=3>5'), domain('tools', 'Tools')]);

  it('sets a level in an existing entry and in a new one', () => {
    const changed = patchBoard(b, setLevel('hire', team('log'), { current: 3, desired: 5 }, 'current', 4))!;
    expect(changed.domains[0].delegations[0]).toMatchObject({ current: 4, desired: 5 });
    const added = patchBoard(b, setLevel('tools', team('fin'), undefined, 'current', 2))!;
    expect(added.domains[1].delegations).toEqual([{ subject: team('fin'), current: 2, desired: null, history: [] }]);
    expect(b.domains[1].delegations, 'the board it started from is unchanged').toEqual([]);
  });

  it('leaves a role it does not know to the server', () => {
    expect(patchBoard(b, setLevel('hire', role('unknown'), undefined, 'current', 2))).toBeNull();
  });

  it('adds, renames and removes domains, keeping them sorted by name', () => {
    const { op } = addDomain({ ...emptyFields(), name: 'Budget' }, 'bud');
    expect(patchBoard(b, op)!.domains.map((d) => d.name)).toEqual(['Budget', 'Hiring', 'Tools']);
    const renamed = patchBoard(b, updateDomain(b.domains[0], { name: 'Werving', driver: '', guardrails: [], owner_team: null, review_date: null }))!;
    expect(renamed.domains.map((d) => d.name)).toEqual(['Tools', 'Werving']);
    expect(patchBoard(b, removeDomain('hire'))!.domains.map((d) => d.id)).toEqual(['tools']);
  });

  it('keeps the objects of what did not change, so only changed rows re-render', () => {
    const next = { ...board([domain('hire', 'Hiring', 't:log=4>5'), domain('tools', 'Tools')]), seq: 2 };
    const kept = stabilize(b, next);
    expect(kept.domains[0], 'changed').toBe(next.domains[0]);
    expect(kept.domains[1], 'unchanged').toBe(b.domains[1]);
    expect(kept.teams).toBe(b.teams);
    expect(kept.seq).toBe(2);
    const cache = new Map();
    const first = reuseColumns(columnsOf(b), cache);
    expect(reuseColumns(columnsOf(b), cache)[0]).toBe(first[0]);
  });

  it('knows which events can change the board', () => {
    const move: Op = { op: 'move_role', role: 'r', manager: null };
    expect(touchesBoard(move)).toBe(false);
    expect(touchesBoard(removeDomain('x'))).toBe(true);
    expect(touchesBoard({ op: 'batch', label: 'x', ops: [move, { op: 'remove_team', id: 't' }] }), 'a removed team leaves the board').toBe(true);
    expect(touchesBoard(null), 'a bulk change').toBe(true);
  });
});

describe('dates and the view', () => {
  it('formats review dates for the UI language, whatever the time zone', () => {
    expect(formatIsoDate('2027-01-15', 'en-GB')).toBe('15 Jan 2027');
    expect(formatIsoDate('2027-01-15', 'nl-BE')).toBe('15 jan 2027');
    expect(formatIsoDate('not a date', 'en-GB')).toBe('not a date');
  });

  it('reads today in the local calendar', () => {
    expect(todayIso(new Date(2026, 10, 28, 23, 30))).toBe('2026-11-28');
  });

  it('keeps the view in the address', () => {
    expect(viewFromHash('#decisions')).toBe('decisions');
    expect(viewFromHash('')).toBe('chart');
    expect(viewFromHash('#something-else')).toBe('chart');
    expect(hashOf('decisions')).toBe('#decisions');
    expect(hashOf('chart')).toBe('');
  });
});
