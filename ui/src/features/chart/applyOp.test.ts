import { describe, expect, it } from 'vitest';
import type { Chart, Op } from '../../api/types';
import { applyOpToChart } from './applyOp';
import { addRoleUnder, moveRole, renamePerson, renameRole } from '../../api/ops';

const base = (): Chart => ({
  seq: 1,
  roles: [
    { id: 'ceo', title: 'CEO', manager: null, dotted: [], team: 't1', people: [{ id: 'p1', name: 'Françoise', fte: 1 }], external_id: '1001' },
    { id: 'cfo', title: 'CFO', manager: 'ceo', dotted: [], team: 't1', people: [], external_id: null },
    { id: 'acc', title: 'Accountant', manager: 'cfo', dotted: ['ceo'], team: null, people: [{ id: 'p2', name: 'Griet', fte: 0.8 }], external_id: null },
  ],
  teams: [{ id: 't1', name: 'Direction', parent: null, lead: 'ceo' }],
  unplaced: [],
});

const role = (c: Chart, id: string) => c.roles.find((r) => r.id === id);
const full = (id: string, title: string) => ({ id, title, purpose: '', accountabilities: [], external_id: null });

describe('applying an event to the chart', () => {
  it('renames a role without touching the others or the original', () => {
    const c = base();
    const next = applyOpToChart(c, renameRole(full('cfo', 'CFO'), 'Finance lead'), 2)!;
    expect(role(next, 'cfo')!.title).toBe('Finance lead');
    expect(role(c, 'cfo')!.title, 'the old chart is not changed').toBe('CFO');
    expect(next.roles[0], 'unchanged roles are shared').toBe(c.roles[0]);
    expect(next.seq).toBe(2);
  });

  it('moves a role', () => {
    const next = applyOpToChart(base(), moveRole('acc', 'ceo'), 2)!;
    expect(role(next, 'acc')!.manager).toBe('ceo');
  });

  it('adds a role under a manager in its team, as the UI sends it', () => {
    const { op } = addRoleUnder('cfo', 'Controller', 't1', 'add role', 'new');
    const next = applyOpToChart(base(), op, 2)!;
    expect(role(next, 'new')).toMatchObject({ title: 'Controller', manager: 'cfo', team: 't1', people: [] });
  });

  it('removes a role: its reports become top-level, lines and leads to it go', () => {
    const next = applyOpToChart(base(), { op: 'remove_role', id: 'ceo' }, 2)!;
    expect(role(next, 'ceo')).toBeUndefined();
    expect(role(next, 'cfo')!.manager).toBeNull();
    expect(role(next, 'acc')!.dotted).toEqual([]);
    expect(next.teams[0].lead).toBeNull();
  });

  it('renames a person on every role they fill', () => {
    const next = applyOpToChart(base(), renamePerson({ id: 'p2', external_id: null, name: 'Griet', location: null, hire_date: null }, 'Griet V.'), 2)!;
    expect(role(next, 'acc')!.people[0]).toEqual({ id: 'p2', name: 'Griet V.', fte: 0.8 });
  });

  it('fills a role with a person added in the same batch', () => {
    const op: Op = {
      op: 'batch',
      label: 'hire',
      ops: [
        { op: 'add_person', person: { id: 'p3', external_id: null, name: 'Noémie', location: null, hire_date: null } },
        { op: 'connect', relation: { kind: 'fills', person: 'p3', role: 'cfo', fte: 0.6 } },
      ],
    };
    expect(role(applyOpToChart(base(), op, 2)!, 'cfo')!.people).toEqual([{ id: 'p3', name: 'Noémie', fte: 0.6 }]);
  });

  it('applies an undo (the inverse operation) back to the original chart', () => {
    const c = base();
    const moved = applyOpToChart(c, moveRole('acc', 'ceo'), 2)!;
    expect(applyOpToChart(moved, moveRole('acc', 'cfo'), 3)!.roles).toEqual(c.roles);
  });

  it.each<[string, Op]>([
    ['a bulk load', { op: 'load', org: { persons: [], roles: [], teams: [], relations: [], domains: [] } }],
    ['an unknown role', renameRole(full('nope', 'x'), 'y')],
    ['a person the chart never saw', { op: 'connect', relation: { kind: 'fills', person: 'px', role: 'cfo', fte: 1 } }],
    ['a batch with one of those', { op: 'batch', label: 'x', ops: [moveRole('acc', 'ceo'), { op: 'unload', persons: [], roles: [], teams: [], relations: [], domains: [] }] }],
  ])('asks for a reload for %s', (_name, op) => {
    expect(applyOpToChart(base(), op, 2)).toBeNull();
  });

  it('keeps a person whose role is removed in the unplaced list, and takes them out once placed again', () => {
    const removed = applyOpToChart(base(), { op: 'batch', label: 'remove role "CEO"', ops: [moveRole('cfo', null), { op: 'remove_role', id: 'ceo' }] }, 2)!;
    expect(removed.unplaced).toEqual([{ id: 'p1', name: 'Françoise' }]);
    expect(removed.roles.find((r) => r.id === 'cfo')!.manager).toBeNull();
    const placed = applyOpToChart(removed, { op: 'connect', relation: { kind: 'fills', person: 'p1', role: 'cfo', fte: 1 } }, 3)!;
    expect(placed.unplaced).toEqual([]);
    expect(placed.roles.find((r) => r.id === 'cfo')!.people).toEqual([{ id: 'p1', name: 'Françoise', fte: 1 }]);
    const gone = applyOpToChart(removed, { op: 'remove_person', id: 'p1' }, 3)!;
    expect(gone.unplaced).toEqual([]);
    const added = applyOpToChart(base(), { op: 'add_person', person: { id: 'p9', name: 'Bart', external_id: null, location: null, hire_date: null } }, 2)!;
    expect(added.unplaced).toEqual([{ id: 'p9', name: 'Bart' }]);
  });
});
