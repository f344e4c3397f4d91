import { describe, expect, it } from 'vitest';
import type { Role } from './types';
import * as ops from './ops';
import { uuidV7 } from './ids';
import { BackendError } from './backend';
import { isTauri } from './select';

const role: Role = {
  id: 'r1',
  external_id: '1001',
  title: 'Controller',
  purpose: '',
  accountabilities: [{ id: 'a1', text: 'Close the books', kind: 'delivery', towards: null }],
};

describe('operation builders', () => {
  it('sends the whole role on every role edit, trimmed', () => {
    expect(ops.renameRole(role, '  Financial controller ')).toEqual({ op: 'update_role', role: { ...role, title: 'Financial controller' } });
    expect(ops.setPurpose(role, 'Keep the numbers true\n')).toEqual({ op: 'update_role', role: { ...role, purpose: 'Keep the numbers true' } });
  });

  it('adds, edits and removes accountabilities by id', () => {
    const added = ops.addAccountability(role, 'Coach the team', 'support', 'a2');
    expect(added).toEqual({
      op: 'update_role',
      role: { ...role, accountabilities: [...role.accountabilities, { id: 'a2', text: 'Coach the team', kind: 'support', towards: null }] },
    });
    expect(ops.editAccountability(role, 'a1', { kind: 'control' })).toMatchObject({ role: { accountabilities: [{ id: 'a1', text: 'Close the books', kind: 'control' }] } });
    expect(ops.editAccountability(role, 'a1', { text: 'Close the books monthly' })).toMatchObject({ role: { accountabilities: [{ text: 'Close the books monthly', kind: 'delivery' }] } });
    expect(ops.removeAccountability(role, 'a1')).toEqual({ op: 'update_role', role: { ...role, accountabilities: [] } });
  });

  it('directs an accountability at a report, a team or everyone, keeping the rest', () => {
    const toRole = ops.editAccountability(role, 'a1', { towards: { kind: 'role', id: 'r2' } });
    expect(toRole).toEqual({ op: 'update_role', role: { ...role, accountabilities: [{ ...role.accountabilities[0], towards: { kind: 'role', id: 'r2' } }] } });
    const directed: Role = (toRole as { role: Role }).role;
    expect(ops.editAccountability(directed, 'a1', { towards: { kind: 'team', id: 't1' } })).toMatchObject({ role: { accountabilities: [{ towards: { kind: 'team', id: 't1' } }] } });
    expect(ops.editAccountability(directed, 'a1', { towards: null }), 'null names no one: all of the reports').toMatchObject({ role: { accountabilities: [{ towards: null, text: 'Close the books', kind: 'delivery' }] } });
    expect(ops.editAccountability(directed, 'a1', { kind: 'support' }), 'a tag change keeps whom it is towards').toMatchObject({ role: { accountabilities: [{ towards: { kind: 'role', id: 'r2' }, kind: 'support' }] } });
    expect(ops.editAccountability(directed, 'zz', { towards: null }), 'an unknown id changes nothing').toEqual({ op: 'update_role', role: directed });
  });

  it('adds a role under a manager as one batch: add, report, join the team', () => {
    expect(ops.addRoleUnder('m1', 'New role', 't1', 'add role', 'n1')).toEqual({
      id: 'n1',
      op: {
        op: 'batch',
        label: 'add role',
        ops: [
          { op: 'add_role', role: { id: 'n1', external_id: null, title: 'New role', purpose: '', accountabilities: [] } },
          { op: 'connect', relation: { kind: 'reports_to', role: 'n1', manager: 'm1' } },
          { op: 'connect', relation: { kind: 'member_of', role: 'n1', team: 't1' } },
        ],
      },
    });
    expect((ops.addRoleUnder('m1', 'New role', null, 'x', 'n1').op as { ops: unknown[] }).ops, 'no team, no member_of').toHaveLength(2);
  });

  it('moves, removes, renames people and teams', () => {
    expect(ops.moveRole('r1', 'm2')).toEqual({ op: 'move_role', role: 'r1', manager: 'm2' });
    expect(ops.moveRole('r1', null)).toEqual({ op: 'move_role', role: 'r1', manager: null });
    expect(ops.removeRole('r1')).toEqual({ op: 'remove_role', id: 'r1' });
    expect(ops.renamePerson({ id: 'p1', external_id: null, name: 'Jose', location: 'Gent', hire_date: null }, 'José')).toEqual({ op: 'update_person', person: { id: 'p1', external_id: null, name: 'José', location: 'Gent', hire_date: null } });
    expect(ops.updateTeam({ id: 't1', name: 'Sales', purpose: '' }, { purpose: 'Find customers' })).toEqual({ op: 'update_team', team: { id: 't1', name: 'Sales', purpose: 'Find customers' } });
  });
});

describe('ids', () => {
  it('mints RFC 9562 UUID v7 with the time in the first 48 bits', () => {
    const id = uuidV7(0x0123456789ab, new Uint8Array(10).fill(0xff));
    expect(id).toBe('01234567-89ab-7fff-bfff-ffffffffffff');
    expect(uuidV7()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('orders ids by time', () => {
    expect(uuidV7(1000) < uuidV7(2000)).toBe(true);
  });
});

describe('backend boundary', () => {
  it('reads {code, message} errors and keeps unknown codes safe', () => {
    expect(BackendError.from({ code: 'cycle', message: 'That would make a cycle.' })).toMatchObject({ code: 'cycle', message: 'That would make a cycle.' });
    expect(BackendError.from('{"code":"read_only","message":"Read only."}')).toMatchObject({ code: 'read_only' });
    expect(BackendError.from({ code: 'weird', message: 'x' }).code).toBe('internal');
    expect(BackendError.from('plain text').message).toBe('plain text');
  });

  it('picks Tauri only inside the desktop window', () => {
    expect(isTauri({})).toBe(false);
    expect(isTauri({ __TAURI_INTERNALS__: {} })).toBe(true);
  });
});
