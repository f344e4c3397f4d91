/**
 * People without a role (the "unplaced" list, "Zonder rol") and placing them again, as pure
 * functions over the chart: the vacancies a person can take, and the one operation that places
 * them (in a vacancy, or in a new role under a chosen manager: one batch, one undo).
 */
import type { Chart, Op, RemovalPlan, RoleId, TeamId } from '../../api/types';
import { addRoleUnder } from '../../api/ops';
import type { Key } from '../../i18n';

/** Roles nobody fills, sorted by title: where an unplaced person can go. */
export function vacancies(chart: Chart): { id: RoleId; title: string }[] {
  return chart.roles
    .filter((r) => r.people.length === 0)
    .map((r) => ({ id: r.id, title: r.title }))
    .sort((a, b) => a.title.localeCompare(b.title) || (a.id < b.id ? -1 : 1));
}

/** Every role, sorted by title: the managers a new role can be added under. */
export function managers(chart: Chart): { id: RoleId; title: string; people: string[] }[] {
  return chart.roles
    .map((r) => ({ id: r.id, title: r.title, people: r.people.map((p) => p.name) }))
    .sort((a, b) => a.title.localeCompare(b.title) || (a.id < b.id ? -1 : 1));
}

export type Placement = { kind: 'vacancy'; role: RoleId } | { kind: 'new'; manager: RoleId; title: string; team: TeamId | null };

/** The operation that gives `person` a role again (full time). */
export function placeOp(person: string, to: Placement, label: string, id?: string): Op {
  const fills = (role: RoleId): Op => ({ op: 'connect', relation: { kind: 'fills', person, role, fte: 1 } });
  if (to.kind === 'vacancy') return fills(to.role);
  const { op, id: role } = addRoleUnder(to.manager, to.title, to.team, label, id);
  if (op.op !== 'batch') throw new Error('a new role is a batch');
  return { op: 'batch', label, ops: [...op.ops, fills(role)] };
}

/**
 * What a removal does, as the dialog says it: message keys with their values. `times(n, name)`
 * words a title that `n` reports share ("5 × Accountmanager"; the message `people.remove.times`
 * and its `.one` form, so one report is its title alone).
 */
export function removalLines(plan: RemovalPlan, times: (n: number, name: string) => string): { key: Key; vars?: Record<string, string | number> }[] {
  const out: { key: Key; vars?: Record<string, string | number> }[] = [];
  const names = (xs: { name: string }[]) => {
    const counts = new Map<string, number>();
    for (const x of xs) counts.set(x.name, (counts.get(x.name) ?? 0) + 1);
    return [...counts].map(([name, n]) => times(n, name)).join(', ');
  };
  if (plan.reports.length > 0) {
    if (plan.manager) out.push({ key: 'people.remove.reportsTo', vars: { n: plan.reports.length, reports: names(plan.reports), manager: plan.manager.name } });
    else if (plan.had_manager) out.push({ key: 'people.remove.reportsTop', vars: { n: plan.reports.length, reports: names(plan.reports) } });
    else out.push({ key: 'people.remove.reportsTopNoManager', vars: { n: plan.reports.length, reports: names(plan.reports) } });
  }
  if (plan.unplaced.length > 0) out.push({ key: 'people.remove.unplaced', vars: { people: names(plan.unplaced) } });
  if (plan.leaving.length > 0) out.push({ key: 'people.remove.leaving', vars: { people: names(plan.leaving) } });
  if (plan.staying.length > 0) out.push({ key: 'people.remove.staying', vars: { people: names(plan.staying) } });
  out.push({ key: 'people.remove.figure', vars: { before: plan.people_before, after: plan.people_after } });
  return out;
}
