/**
 * The part of the org chart a structural proposal touches, as a tree: every role it adds,
 * removes or moves, the managers above each up to the top, and the direct reports of each. Roles
 * stand where the proposal puts them; a removed role stands where it was, marked; a moved role
 * also leaves a marker under its old manager, so the changed line shows on both ends. Pure and
 * linear in the chart; the size is capped (`MAX_SHOWN`), the rest counted.
 */
import type { Chart, Preview, RoleId } from '../../api/types';

export type ExcerptChange = 'added' | 'removed' | 'moved' | 'moved_away' | 'changed' | null;

export interface ExcerptNode {
  /** The role (for a `moved_away` marker, the role that left). */
  id: RoleId;
  title: string;
  people: string[];
  change: ExcerptChange;
  /** A moved role's old manager, a `moved_away` marker's new one. */
  other: RoleId | null;
  children: ExcerptNode[];
  /** Direct reports not shown (unchanged and off the paths). */
  more: number;
  /** For a box at the top of the excerpt: how many levels of managers above it are left out. */
  above: number;
}

export interface Excerpt {
  roots: ExcerptNode[];
  /** Changed roles left out by the cap. */
  omitted: number;
}

/** At most this many role boxes: a reorganization of hundreds of roles is read in the list. */
export const MAX_SHOWN = 80;
/** Unchanged direct reports shown below a changed role. */
export const REPORTS_SHOWN = 4;
/** Managers shown above a changed role (the rest of the way up is counted). */
export const MANAGERS_SHOWN = 3;

type OrgPreview = Extract<Preview, { kind: 'organization' }>;

interface Role {
  title: string;
  people: string[];
}

export function chartExcerpt(chart: Chart, p: OrgPreview, maxShown = MAX_SHOWN): Excerpt {
  const roles = new Map<RoleId, Role>();
  const before = new Map<RoleId, RoleId | null>();
  for (const r of chart.roles) {
    roles.set(r.id, { title: r.title, people: r.people.map((x) => x.name) });
    before.set(r.id, r.manager);
  }
  const change = new Map<RoleId, Exclude<ExcerptChange, null | 'moved_away'>>();
  for (const n of p.nodes) {
    if (n.node.kind !== 'role') continue;
    if (n.change === 'added') roles.set(n.node.id, { title: n.name, people: [] });
    else if (roles.has(n.node.id)) roles.get(n.node.id)!.title = n.name;
    change.set(n.node.id, n.change);
  }
  // Managers after: the live ones, with the proposal's reporting lines taken out and put in.
  const after = new Map(before);
  for (const r of p.relations_removed) if (r.kind === 'reports_to' && after.get(r.role) === r.manager) after.set(r.role, null);
  for (const r of p.relations_added) if (r.kind === 'reports_to') after.set(r.role, r.manager);
  for (const [id, c] of change) if (c === 'added' && !after.has(id)) after.set(id, null);
  const moved = new Map<RoleId, RoleId | null>();
  for (const [id, m] of after) {
    const was = before.get(id);
    if (was !== undefined && was !== m && change.get(id) !== 'removed') moved.set(id, was);
  }
  for (const id of moved.keys()) if (!change.has(id) || change.get(id) === 'changed') change.set(id, 'moved');

  // Where a role stands in the excerpt: after the proposal; a removed one where it was.
  const parent = (id: RoleId): RoleId | null => (change.get(id) === 'removed' ? (before.get(id) ?? null) : (after.get(id) ?? null));
  const reports = new Map<RoleId, RoleId[]>();
  for (const id of roles.keys()) {
    const m = parent(id);
    if (m !== null && roles.has(m)) (reports.get(m) ?? reports.set(m, []).get(m)!).push(id);
  }

  const focus = [...change.keys()].filter((id) => roles.has(id));
  focus.sort((a, b) => order(change.get(a)!) - order(change.get(b)!) || roles.get(a)!.title.localeCompare(roles.get(b)!.title));
  const shown = new Set<RoleId>();
  const markers = new Map<RoleId, RoleId[]>(); // old manager → roles that moved away from it
  let omitted = 0;
  // A role and up to MANAGERS_SHOWN managers above it, up to one already shown.
  const show = (id: RoleId | null, managers = MANAGERS_SHOWN) => {
    let at = id;
    for (let up = 0; at !== null && !shown.has(at) && roles.has(at) && up <= managers; at = parent(at), up++) shown.add(at);
  };
  /** Levels of managers above `id` (bounded: a broken answer cannot loop). */
  const depth = (id: RoleId): number => {
    let n = 0;
    for (let at = parent(id); at !== null && roles.has(at) && n <= roles.size; at = parent(at)) n++;
    return n;
  };
  for (const id of focus) {
    if (shown.size >= maxShown) {
      omitted++;
      continue;
    }
    show(id);
    const old = moved.get(id);
    if (old) {
      show(old);
      (markers.get(old) ?? markers.set(old, []).get(old)!).push(id);
    }
    for (const r of (reports.get(id) ?? []).slice(0, REPORTS_SHOWN)) show(r, 0);
  }

  const build = (id: RoleId, seen: Set<RoleId>): ExcerptNode => {
    seen.add(id);
    const role = roles.get(id)!;
    const all = reports.get(id) ?? [];
    const kids = all.filter((r) => shown.has(r) && !seen.has(r));
    kids.sort((a, b) => order(change.get(a) ?? null) - order(change.get(b) ?? null) || roles.get(a)!.title.localeCompare(roles.get(b)!.title));
    const children = kids.map((r) => build(r, seen));
    for (const away of markers.get(id) ?? []) {
      const r = roles.get(away)!;
      children.push({ id: away, title: r.title, people: r.people, change: 'moved_away', other: after.get(away) ?? null, children: [], more: 0, above: 0 });
    }
    return {
      id,
      title: role.title,
      people: role.people,
      change: change.get(id) ?? null,
      other: moved.get(id) ?? null,
      children,
      more: all.length - kids.length,
      above: 0,
    };
  };
  const seen = new Set<RoleId>();
  const tops = [...shown].filter((id) => {
    const m = parent(id);
    return m === null || !shown.has(m);
  });
  tops.sort((a, b) => roles.get(a)!.title.localeCompare(roles.get(b)!.title));
  const roots = tops.map((id) => ({ ...build(id, seen), above: depth(id) }));
  // A cycle cannot be in a chart, but a broken answer must not hide roles: any left become roots.
  for (const id of shown) if (!seen.has(id)) roots.push(build(id, seen));
  return { roots, omitted };
}

function order(c: ExcerptChange): number {
  return c === 'added' ? 0 : c === 'moved' ? 1 : c === 'removed' ? 2 : c === 'changed' ? 3 : 4;
}

/** Every node of an excerpt, depth first. */
export function excerptNodes(roots: readonly ExcerptNode[]): ExcerptNode[] {
  const out: ExcerptNode[] = [];
  const stack = [...roots].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    out.push(n);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return out;
}
