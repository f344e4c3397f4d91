/**
 * The org chart's data model: the `Chart` the API sends, indexed for a tree of up to hundreds of
 * thousands of roles. Integer node indices and typed arrays, built in one linear pass;
 * traversals are iterative (hierarchies can be thousands deep).
 */
import type { Chart, ChartTeam } from '../../api/types';

export interface OrgModel {
  readonly chart: Chart;
  readonly n: number;
  /** Role id → node index. */
  readonly index: ReadonlyMap<string, number>;
  /** Manager's node index, or -1 for a top-level role. */
  readonly parent: Int32Array;
  /** Direct reports, ordered by team then title. */
  readonly children: readonly (readonly number[])[];
  readonly roots: readonly number[];
  readonly depth: Int32Array;
  /** How many roles report to this one, directly or indirectly. */
  readonly descendants: Int32Array;
  /** The role's team index in `teams`, or -1. */
  readonly teamOf: Int32Array;
  readonly teams: readonly ChartTeam[];
  readonly teamIndex: ReadonlyMap<string, number>;
  readonly maxDepth: number;
}

export function buildModel(chart: Chart): OrgModel {
  const roles = chart.roles;
  const n = roles.length;
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) index.set(roles[i].id, i);

  const teams = [...chart.teams].sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0));
  const teamIndex = new Map<string, number>();
  teams.forEach((t, i) => teamIndex.set(t.id, i));

  const parent = new Int32Array(n).fill(-1);
  const teamOf = new Int32Array(n).fill(-1);
  const keys: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const r = roles[i];
    const m = r.manager == null ? undefined : index.get(r.manager);
    parent[i] = m === undefined || m === i ? -1 : m;
    const t = r.team == null ? undefined : teamIndex.get(r.team);
    teamOf[i] = t ?? -1;
    keys[i] = `${t === undefined ? '\uffff' : teams[t].name.toLowerCase()}\u0000${r.title.toLowerCase()}\u0000${r.id}`;
  }

  // Break any cycle defensively (the server never sends one): walk up from each node, marking
  // the path; meeting the path again means a cycle, cut at the node where it closes.
  const state = new Uint8Array(n); // 0 unseen, 1 on the current path, 2 done
  const path: number[] = [];
  for (let s = 0; s < n; s++) {
    if (state[s]) continue;
    let v = s;
    while (v !== -1 && state[v] === 0) {
      state[v] = 1;
      path.push(v);
      v = parent[v];
    }
    if (v !== -1 && state[v] === 1) parent[v] = -1;
    for (const p of path) state[p] = 2;
    path.length = 0;
  }

  const children: number[][] = Array.from({ length: n }, () => []);
  const roots: number[] = [];
  for (let i = 0; i < n; i++) {
    if (parent[i] === -1) roots.push(i);
    else children[parent[i]].push(i);
  }
  const byKey = (a: number, b: number) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0);
  roots.sort(byKey);
  for (const c of children) if (c.length > 1) c.sort(byKey);

  // Depth in preorder, descendant counts in reverse preorder.
  const depth = new Int32Array(n);
  const descendants = new Int32Array(n);
  const order = preorder(roots, children, () => true);
  let maxDepth = 0;
  for (const v of order) {
    if (parent[v] !== -1) depth[v] = depth[parent[v]] + 1;
    if (depth[v] > maxDepth) maxDepth = depth[v];
  }
  for (let k = order.length - 1; k >= 0; k--) {
    const v = order[k];
    if (parent[v] !== -1) descendants[parent[v]] += descendants[v] + 1;
  }
  return { chart, n, index, parent, children, roots, depth, descendants, teamOf, teams, teamIndex, maxDepth };
}

/** Depth-first preorder from `roots`, descending into a node's children when `open(node)`. */
export function preorder(roots: readonly number[], children: readonly (readonly number[])[], open: (v: number) => boolean): number[] {
  const out: number[] = [];
  const stack: number[] = [];
  for (let r = roots.length - 1; r >= 0; r--) stack.push(roots[r]);
  while (stack.length) {
    const v = stack.pop()!;
    out.push(v);
    if (open(v)) {
      const c = children[v];
      for (let k = c.length - 1; k >= 0; k--) stack.push(c[k]);
    }
  }
  return out;
}

/** Roles that show their reports unless collapsed. Collapse state is kept by role id so it survives reloads. */
export type Collapsed = ReadonlySet<string>;

export function isOpen(model: OrgModel, collapsed: Collapsed, v: number): boolean {
  return model.children[v].length > 0 && !collapsed.has(model.chart.roles[v].id);
}

/** The roles on screen, in preorder. */
export function visibleNodes(model: OrgModel, collapsed: Collapsed): number[] {
  return preorder(model.roots, model.children, (v) => isOpen(model, collapsed, v));
}

/** How many roles a collapsed role hides (all of its reports, direct and indirect); 0 when open. */
export function hiddenCount(model: OrgModel, collapsed: Collapsed, v: number): number {
  return model.children[v].length > 0 && collapsed.has(model.chart.roles[v].id) ? model.descendants[v] : 0;
}

/**
 * The collapse state a chart opens with: the deepest depth whose roles all fit in `budget`,
 * collapsing every manager at that depth and below. Small orgs open fully expanded.
 */
export function initialCollapse(model: OrgModel, budget: number): Set<string> {
  const perDepth = new Int32Array(model.maxDepth + 1);
  for (let i = 0; i < model.n; i++) perDepth[model.depth[i]]++;
  let total = 0;
  let cut = -1; // the deepest depth fully shown
  for (let d = 0; d <= model.maxDepth; d++) {
    if (total + perDepth[d] > budget) break;
    total += perDepth[d];
    cut = d;
  }
  const out = new Set<string>();
  if (cut >= model.maxDepth) return out;
  const at = Math.max(cut, 0);
  for (let i = 0; i < model.n; i++) {
    if (model.depth[i] >= at && model.children[i].length > 0) out.add(model.chart.roles[i].id);
  }
  return out;
}

/** The collapse state with every manager on the path to `v` opened, so `v` is on screen. */
export function revealPath(model: OrgModel, collapsed: Collapsed, v: number): Set<string> {
  const out = new Set(collapsed);
  for (let p = model.parent[v]; p !== -1; p = model.parent[p]) out.delete(model.chart.roles[p].id);
  return out;
}

export function toggle(model: OrgModel, collapsed: Collapsed, v: number): Set<string> {
  const out = new Set(collapsed);
  const id = model.chart.roles[v].id;
  if (out.has(id)) {
    // Managers below stay as they were: a large org opens with every deeper manager collapsed,
    // so opening a role shows one more level, never thousands of roles at once.
    out.delete(id);
  } else if (model.children[v].length > 0) out.add(id);
  return out;
}

/** Is `a` the same as or an ancestor of `b`? */
export function isAncestorOrSelf(model: OrgModel, a: number, b: number): boolean {
  for (let v = b; v !== -1; v = model.parent[v]) if (v === a) return true;
  return false;
}
