/**
 * Builders for the operations the UI sends. The UI changes the workspace only through these;
 * each returns plain `Op` data.
 */
import type { Accountability, AccountabilityKind, NodeRef, Op, Person, Role, RoleId, Team, TeamId } from './types';
import { uuidV7 } from './ids';

export function updateRole(role: Role): Op {
  return { op: 'update_role', role };
}

export function renameRole(role: Role, title: string): Op {
  return updateRole({ ...role, title: title.trim() });
}

export function setPurpose(role: Role, purpose: string): Op {
  return updateRole({ ...role, purpose: purpose.trim() });
}

export function addAccountability(role: Role, text: string, kind: AccountabilityKind, id: string = uuidV7()): Op {
  const a: Accountability = { id, text: text.trim(), kind, towards: null };
  return updateRole({ ...role, accountabilities: [...role.accountabilities, a] });
}

/**
 * Changes one accountability's text, tag or `towards` (whom it is directed at: a role, a team or
 * a person; `null` names no one, which the hierarchy lens counts as towards all of the role's
 * reports). Fields left out stay as they are.
 */
export function editAccountability(role: Role, id: string, change: { text?: string; kind?: AccountabilityKind; towards?: NodeRef | null }): Op {
  return updateRole({
    ...role,
    accountabilities: role.accountabilities.map((a) =>
      a.id === id
        ? {
            ...a,
            ...(change.text !== undefined ? { text: change.text.trim() } : {}),
            ...(change.kind ? { kind: change.kind } : {}),
            ...(change.towards !== undefined ? { towards: change.towards } : {}),
          }
        : a,
    ),
  });
}

export function removeAccountability(role: Role, id: string): Op {
  return updateRole({ ...role, accountabilities: role.accountabilities.filter((a) => a.id !== id) });
}

export function renamePerson(person: Person, name: string): Op {
  return { op: 'update_person', person: { ...person, name: name.trim() } };
}

export function updateTeam(team: Team, change: { name?: string; purpose?: string }): Op {
  return {
    op: 'update_team',
    team: {
      ...team,
      ...(change.name !== undefined ? { name: change.name.trim() } : {}),
      ...(change.purpose !== undefined ? { purpose: change.purpose.trim() } : {}),
    },
  };
}

/**
 * A new role reporting to `manager`, in the manager's team when it has one: one `batch`, so one
 * undo removes it again.
 */
export function addRoleUnder(
  manager: RoleId,
  title: string,
  team: TeamId | null,
  label: string,
  id: string = uuidV7(),
): { op: Op; id: string } {
  const ops: Op[] = [
    { op: 'add_role', role: { id, external_id: null, title: title.trim(), purpose: '', accountabilities: [] } },
    { op: 'connect', relation: { kind: 'reports_to', role: id, manager } },
  ];
  if (team) ops.push({ op: 'connect', relation: { kind: 'member_of', role: id, team } });
  return { op: { op: 'batch', label, ops }, id };
}

export function removeRole(id: RoleId): Op {
  return { op: 'remove_role', id };
}

export function moveRole(role: RoleId, manager: RoleId | null): Op {
  return { op: 'move_role', role, manager };
}
