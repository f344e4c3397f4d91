import { describe, expect, it } from 'vitest';
import type { Chart, RemovalPlan } from '../../api/types';
import { managers, placeOp, removalLines, vacancies } from './people';
import { applyOpToChart } from '../chart/applyOp';

const chart = (): Chart => ({
  seq: 4,
  roles: [
    { id: 'ceo', title: 'CEO', manager: null, dotted: [], team: 't1', people: [{ id: 'p1', name: 'Ann', fte: 1 }], external_id: null },
    { id: 'coo', title: 'COO', manager: 'ceo', dotted: [], team: 't1', people: [], external_id: null },
    { id: 'ana', title: 'Analyst', manager: 'coo', dotted: [], team: null, people: [], external_id: null },
  ],
  teams: [{ id: 't1', name: 'Direction', parent: null, lead: 'ceo' }],
  unplaced: [{ id: 'p2', name: 'Bart' }],
});

const plan = (over: Partial<RemovalPlan>): RemovalPlan => ({
  role: { id: 'cfo', name: 'CFO' },
  manager: { id: 'ceo', name: 'CEO' },
  had_manager: true,
  reports: [{ id: 'acc', name: 'Accountant' }],
  unplaced: [{ id: 'p2', name: 'Bart' }],
  leaving: [],
  staying: [],
  people_before: 420,
  people_after: 420,
  op: { op: 'remove_role', id: 'cfo' },
  ...over,
});

describe('placing people again', () => {
  it('offers the vacancies by title, and every role as a manager', () => {
    expect(vacancies(chart()).map((v) => v.id)).toEqual(['ana', 'coo']);
    expect(managers(chart()).map((m) => m.title)).toEqual(['Analyst', 'CEO', 'COO']);
  });

  it('places a person in a vacancy with one fills: they leave the unplaced list', () => {
    const op = placeOp('p2', { kind: 'vacancy', role: 'coo' }, 'place');
    expect(op).toEqual({ op: 'connect', relation: { kind: 'fills', person: 'p2', role: 'coo', fte: 1 } });
    const after = applyOpToChart(chart(), op, 5)!;
    expect(after.unplaced).toEqual([]);
    expect(after.roles.find((r) => r.id === 'coo')!.people.map((p) => p.name)).toEqual(['Bart']);
  });

  it('places a person in a new role under a manager as one batch', () => {
    const op = placeOp('p2', { kind: 'new', manager: 'ceo', title: ' CFO ', team: 't1' }, 'place Bart', 'new1');
    expect(op.op).toBe('batch');
    const after = applyOpToChart(chart(), op, 5)!;
    const role = after.roles.find((r) => r.id === 'new1')!;
    expect([role.title, role.manager, role.team, role.people.map((p) => p.id)]).toEqual(['CFO', 'ceo', 't1', ['p2']]);
    expect(after.unplaced).toEqual([]);
  });
});

const times = (n: number, name: string) => (n === 1 ? name : `${n} × ${name}`); // as `people.remove.times` words it

describe('what a removal says', () => {
  it('names where the reports go, who stays unplaced, and the people figure', () => {
    expect(removalLines(plan({}), times).map((l) => l.key)).toEqual(['people.remove.reportsTo', 'people.remove.unplaced', 'people.remove.figure']);
    expect(removalLines(plan({}), times).at(-1)!.vars).toEqual({ before: 420, after: 420 });
    const twice = plan({ reports: [{ id: 'a', name: 'Accountant' }, { id: 'b', name: 'Analyst' }, { id: 'c', name: 'Accountant' }] });
    expect(removalLines(twice, times)[0].vars).toEqual({ n: 3, reports: '2 × Accountant, Analyst', manager: 'CEO' });
  });

  it('says when reports become top-level because there is no manager above', () => {
    const lines = removalLines(plan({ manager: null, had_manager: false, unplaced: [], leaving: [{ id: 'p2', name: 'Bart' }], people_after: 419 }), times);
    expect(lines.map((l) => l.key)).toEqual(['people.remove.reportsTopNoManager', 'people.remove.leaving', 'people.remove.figure']);
    expect(removalLines(plan({ manager: null }), times).map((l) => l.key)[0]).toBe('people.remove.reportsTop');
  });
});
