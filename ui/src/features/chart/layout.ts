/**
 * A tidy tree layout of the visible roles (Reingold–Tilford with per-level contours), in one
 * iterative pass: children before parents, then positions top-down.
 *
 * - A parent is centred over its first and last child; sibling subtrees are pushed apart only as
 *   far as their contours need, level by level, so a narrow subtree tucks in beside a deep one.
 * - A manager whose reports are all leaves (or collapsed) stacks them in one or more columns
 *   instead of a long row: wide spans stay readable. The stack occupies as many levels of the
 *   parent's contour as it is tall.
 * - Teams: every maximal connected set of visible roles of one team becomes a region, drawn as
 *   a band per level behind the cards.
 */
import { type Collapsed, type OrgModel, isOpen, visibleNodes } from './model';

export const CARD_W = 248;
export const CARD_H = 84;
/** Vertical space between a manager's card and its reports' cards. */
export const V_GAP = 72;
export const LEVEL = CARD_H + V_GAP;
/** Minimum horizontal space between neighbouring subtrees. */
export const H_GAP = 40;
/** Vertical space between cards in a stack. */
export const STACK_GAP = 18;
/** Space left of a stacked column for its connector line. */
export const STACK_INDENT = 28;
/** Stack the reports when a manager has at least this many and none of them shows reports. */
export const STACK_MIN = 3;
/** Padding of a team region around its cards, and the room above for its label. */
export const REGION_PAD = 14;
export const REGION_LABEL = 30;

export const enum Mode {
  Leaf = 0,
  Tree = 1,
  Stack = 2,
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Region {
  team: number;
  /** The region's first role (the one nearest the top). */
  root: number;
  rects: Rect[];
  /** Where the label sits (top-left corner of the region's top band). */
  labelX: number;
  labelY: number;
  labelW: number;
}

export interface Layout {
  /** Visible node indices in preorder. */
  readonly nodes: Int32Array;
  /** Card centre x and top y per node index (NaN when hidden). */
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** How each visible node lays out its reports. */
  readonly mode: Uint8Array;
  /** For stacked reports: how many columns. */
  readonly stackCols: Uint16Array;
  readonly regions: readonly Region[];
  readonly bounds: Rect;
}

/** Columns for a stack of `n` leaves: one up to six, then roughly three rows per column. */
export function stackColumns(n: number): number {
  return n <= 6 ? 1 : Math.ceil(Math.sqrt(n / 3));
}

export function layoutTree(model: OrgModel, collapsed: Collapsed): Layout {
  const n = model.n;
  const order = visibleNodes(model, collapsed);
  const x = new Float64Array(n).fill(NaN);
  const y = new Float64Array(n).fill(NaN);
  const relX = new Float64Array(n);
  const relY = new Float64Array(n);
  const mode = new Uint8Array(n);
  const stackCols = new Uint16Array(n);
  // Contours relative to the node's centre: index 0 is the node's own level.
  const left: (number[] | null)[] = new Array(n).fill(null);
  const right: (number[] | null)[] = new Array(n).fill(null);
  const half = CARD_W / 2;

  const open = (v: number) => isOpen(model, collapsed, v);

  for (let k = order.length - 1; k >= 0; k--) {
    const v = order[k];
    const kids = open(v) ? model.children[v] : [];
    if (kids.length === 0) {
      mode[v] = Mode.Leaf;
      left[v] = [-half];
      right[v] = [half];
      continue;
    }
    const allLeaves = kids.every((c) => mode[c] === Mode.Leaf);
    if (allLeaves && kids.length >= STACK_MIN) {
      mode[v] = Mode.Stack;
      const cols = stackColumns(kids.length);
      const rows = Math.ceil(kids.length / cols);
      stackCols[v] = cols;
      const colW = STACK_INDENT + CARD_W;
      const total = cols * colW + (cols - 1) * H_GAP;
      const x0 = -total / 2;
      kids.forEach((c, i) => {
        const col = Math.floor(i / rows);
        const row = i % rows;
        relX[c] = x0 + col * (colW + H_GAP) + STACK_INDENT + half;
        relY[c] = LEVEL + row * (CARD_H + STACK_GAP);
        left[c] = right[c] = null;
      });
      const height = rows * (CARD_H + STACK_GAP) - STACK_GAP;
      const levels = Math.max(1, Math.ceil((height + V_GAP) / LEVEL));
      const l = [-half];
      const r = [half];
      const lastCol = x0 + (cols - 1) * (colW + H_GAP) + colW;
      for (let i = 0; i < levels; i++) {
        l.push(x0);
        r.push(lastCol);
      }
      left[v] = l;
      right[v] = r;
      continue;
    }
    mode[v] = Mode.Tree;
    const offsets = mergeRow(kids, left, right, H_GAP);
    const fl = offsets.left;
    const fr = offsets.right;
    const mid = (offsets.at[0] + offsets.at[kids.length - 1]) / 2;
    kids.forEach((c, i) => {
      relX[c] = offsets.at[i] - mid;
      relY[c] = LEVEL;
      left[c] = right[c] = null;
    });
    const l = new Array<number>(fl.length + 1);
    const r = new Array<number>(fr.length + 1);
    l[0] = -half;
    r[0] = half;
    for (let i = 0; i < fl.length; i++) {
      l[i + 1] = fl[i] - mid;
      r[i + 1] = fr[i] - mid;
    }
    left[v] = l;
    right[v] = r;
  }

  // The roots side by side, then absolute positions top-down.
  const rootRow = mergeRow(model.roots, left, right, H_GAP * 2);
  model.roots.forEach((r, i) => {
    x[r] = rootRow.at[i];
    y[r] = 0;
  });
  let minX = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const v of order) {
    const p = model.parent[v];
    if (p !== -1) {
      x[v] = x[p] + relX[v];
      y[v] = y[p] + relY[v];
    }
    if (x[v] - half < minX) minX = x[v] - half;
    if (x[v] + half > maxX) maxX = x[v] + half;
    if (y[v] + CARD_H > maxY) maxY = y[v] + CARD_H;
  }
  const nodes = Int32Array.from(order);
  const regions = teamRegions(model, nodes, x, y);
  const bounds = order.length
    ? { x: minX - REGION_PAD, y: -REGION_LABEL - REGION_PAD, w: maxX - minX + 2 * REGION_PAD, h: maxY + REGION_LABEL + 2 * REGION_PAD }
    : { x: 0, y: 0, w: 0, h: 0 };
  return { nodes, x, y, mode, stackCols, regions, bounds };
}

/**
 * Places subtrees left to right, each as close to the previous ones as their contours allow.
 * Returns each subtree's centre offset and the row's merged contours.
 */
function mergeRow(
  items: readonly number[],
  left: (number[] | null)[],
  right: (number[] | null)[],
  gap: number,
): { at: number[]; left: number[]; right: number[] } {
  const at: number[] = new Array(items.length);
  if (items.length === 0) return { at, left: [], right: [] };
  const fl = left[items[0]]!.slice();
  const fr = right[items[0]]!.slice();
  at[0] = 0;
  for (let i = 1; i < items.length; i++) {
    const cl = left[items[i]]!;
    const cr = right[items[i]]!;
    const common = Math.min(fl.length, cl.length);
    let sep = -Infinity;
    for (let k = 0; k < common; k++) if (fr[k] - cl[k] > sep) sep = fr[k] - cl[k];
    const off = sep + gap;
    at[i] = off;
    for (let k = 0; k < cr.length; k++) {
      if (k < fr.length) fr[k] = cr[k] + off;
      else {
        fr.push(cr[k] + off);
        fl.push(cl[k] + off);
      }
    }
  }
  return { at, left: fl, right: fr };
}

/** Maximal connected sets of visible roles of one team, as one band per level. */
function teamRegions(model: OrgModel, nodes: Int32Array, x: Float64Array, y: Float64Array): Region[] {
  const regions: Region[] = [];
  const half = CARD_W / 2;
  // Region id per node: a node starts a region when its team differs from its manager's.
  const regionOf = new Int32Array(model.n).fill(-1);
  interface Band {
    minX: number;
    maxX: number;
    minY: number;
    maxY: number;
  }
  const bands: Map<number, Band>[] = [];
  const siblingRegion = new Map<number, number>();
  for (const v of nodes) {
    const t = model.teamOf[v];
    if (t < 0) continue;
    const p = model.parent[v];
    let r: number;
    if (p !== -1 && model.teamOf[p] === t && regionOf[p] !== -1) r = regionOf[p];
    else {
      // Reports of one manager in one (other) team share a region.
      const key = p * 65536 + t;
      const shared = p === -1 ? undefined : siblingRegion.get(key);
      if (shared !== undefined) r = shared;
      else {
        r = regions.length;
        regions.push({ team: t, root: v, rects: [], labelX: 0, labelY: 0, labelW: 0 });
        bands.push(new Map());
        if (p !== -1) siblingRegion.set(key, r);
      }
    }
    regionOf[v] = r;
    const level = Math.floor((y[v] + 1) / LEVEL);
    const b = bands[r].get(level);
    if (!b) bands[r].set(level, { minX: x[v] - half, maxX: x[v] + half, minY: y[v], maxY: y[v] + CARD_H });
    else {
      if (x[v] - half < b.minX) b.minX = x[v] - half;
      if (x[v] + half > b.maxX) b.maxX = x[v] + half;
      if (y[v] < b.minY) b.minY = y[v];
      if (y[v] + CARD_H > b.maxY) b.maxY = y[v] + CARD_H;
    }
  }
  regions.forEach((reg, i) => {
    const levels = [...bands[i].keys()].sort((a, b) => a - b);
    levels.forEach((lv, j) => {
      const b = bands[i].get(lv)!;
      const top = b.minY - (j === 0 ? REGION_LABEL + REGION_PAD : REGION_PAD);
      const next = j + 1 < levels.length ? bands[i].get(levels[j + 1])! : undefined;
      const bottom = next && levels[j + 1] === lv + 1 ? next.minY - REGION_PAD : b.maxY + REGION_PAD;
      reg.rects.push({ x: b.minX - REGION_PAD, y: top, w: b.maxX - b.minX + 2 * REGION_PAD, h: bottom - top });
      if (j === 0) {
        reg.labelX = b.minX - REGION_PAD;
        reg.labelY = top;
        reg.labelW = b.maxX - b.minX + 2 * REGION_PAD;
      }
    });
  });
  return regions;
}
