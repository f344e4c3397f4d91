/**
 * The reporting lines of the laid-out chart as segments, each owned by one report, so the lens
 * can colour and style every line by its class and a click near a line can find it.
 *
 * The chart draws a manager's reports as one connector: a stem down from the manager, a bus, and
 * a drop to each report (or, for a stack, a spine per column with a tick to each card). With the
 * lens, each report owns its part of that connector:
 * - tree: its drop, and the bus from half-way to its left neighbour to half-way to its right one
 *   (a manager with one report: the whole line, stem included);
 * - stack: its tick, and the spine from the card above it (the bus for the first card) down to
 *   it.
 * The stem and a stack's bus are shared by all reports: they belong to no line (owner -1).
 *
 * Pure and linear in the visible roles; coordinates are the layout's world coordinates.
 */
import type { LineClass } from '../../api/types';
import type { OrgModel } from '../chart/model';
import { CARD_H, CARD_W, Mode, STACK_INDENT, V_GAP, type Layout } from '../chart/layout';
import { classIndexOf } from './classes';

export interface LineGeometry {
  /** Segments as x0, y0, x1, y1, in world coordinates. */
  readonly seg: Float64Array;
  /** The node index of the report whose line a segment is part of; -1 for a shared trunk. */
  readonly owner: Int32Array;
  readonly n: number;
}

const HALF = CARD_W / 2;

export function lineGeometry(model: OrgModel, layout: Layout): LineGeometry {
  const { x, y } = layout;
  let seg = new Float64Array(Math.max(16, layout.nodes.length * 12));
  let owner = new Int32Array(seg.length / 4);
  let n = 0;
  const add = (o: number, x0: number, y0: number, x1: number, y1: number) => {
    if (x0 === x1 && y0 === y1) return;
    if (n === owner.length) {
      const s = new Float64Array(seg.length * 2);
      s.set(seg);
      seg = s;
      const w = new Int32Array(owner.length * 2);
      w.set(owner);
      owner = w;
    }
    seg[n * 4] = x0;
    seg[n * 4 + 1] = y0;
    seg[n * 4 + 2] = x1;
    seg[n * 4 + 3] = y1;
    owner[n] = o;
    n++;
  };
  for (let i = 0; i < layout.nodes.length; i++) {
    const v = layout.nodes[i];
    const m = layout.mode[v];
    if (m === Mode.Leaf) continue;
    const kids = model.children[v];
    const px = x[v];
    const bottom = y[v] + CARD_H;
    const bus = bottom + V_GAP / 2;
    if (m === Mode.Tree) {
      if (kids.length === 1) {
        const c = kids[0];
        add(c, px, bottom, px, bus);
        add(c, px, bus, x[c], bus);
        add(c, x[c], bus, x[c], y[c]);
        continue;
      }
      add(-1, px, bottom, px, bus);
      for (let k = 0; k < kids.length; k++) {
        const c = kids[k];
        const l = k === 0 ? x[c] : (x[kids[k - 1]] + x[c]) / 2;
        const r = k === kids.length - 1 ? x[c] : (x[c] + x[kids[k + 1]]) / 2;
        // Left half, drop, right half: the first two join into one corner.
        add(c, l, bus, x[c], bus);
        add(c, x[c], bus, x[c], y[c]);
        add(c, x[c], bus, r, bus);
      }
    } else {
      const spine = (c: number) => x[c] - HALF - STACK_INDENT / 2;
      const first = spine(kids[0]);
      const last = spine(kids[kids.length - 1]);
      add(-1, px, bottom, px, bus);
      add(-1, Math.min(px, first), bus, Math.max(px, last), bus);
      let col = NaN;
      let prev = bus;
      for (const c of kids) {
        const sx = spine(c);
        if (sx !== col) {
          col = sx;
          prev = bus;
        }
        const mid = y[c] + CARD_H / 2;
        add(c, sx, prev, sx, mid);
        add(c, sx, mid, x[c] - HALF, mid);
        prev = mid;
      }
    }
  }
  return { seg, owner, n };
}

/** Distance from (px, py) to the segment (x0, y0)–(x1, y1). */
export function distanceToSegment(px: number, py: number, x0: number, y0: number, x1: number, y1: number): number {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((px - x0) * dx + (py - y0) * dy) / len2;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = x0 + t * dx - px;
  const ey = y0 + t * dy - py;
  return Math.sqrt(ex * ex + ey * ey);
}

/**
 * The report whose line passes nearest to (wx, wy), within `tolerance` (world units), or -1.
 * Shared trunks belong to no line and are never hit.
 */
export function hitLine(g: LineGeometry, wx: number, wy: number, tolerance: number): number {
  let best = -1;
  let bestD = tolerance;
  const s = g.seg;
  for (let i = 0; i < g.n; i++) {
    const o = g.owner[i];
    if (o < 0) continue;
    const x0 = s[i * 4];
    const y0 = s[i * 4 + 1];
    const x1 = s[i * 4 + 2];
    const y1 = s[i * 4 + 3];
    // Cheap rejection by bounding box first.
    if (wx < Math.min(x0, x1) - bestD || wx > Math.max(x0, x1) + bestD || wy < Math.min(y0, y1) - bestD || wy > Math.max(y0, y1) + bestD) continue;
    const d = distanceToSegment(wx, wy, x0, y0, x1, y1);
    if (d <= bestD) {
      bestD = d;
      best = o;
    }
  }
  return best;
}

/** The class of each node's line up, as an index into `CLASSES`; -1 for a top role or unknown. */
export function classOfNodes(model: OrgModel, classes: Readonly<Record<string, LineClass>>): Int8Array {
  const out = new Int8Array(model.n).fill(-1);
  const roles = model.chart.roles;
  for (let i = 0; i < model.n; i++) {
    if (model.parent[i] < 0) continue;
    const c = classes[roles[i].id];
    if (c) out[i] = classIndexOf(c);
  }
  return out;
}

/** Lines per class among `classOf`, for the legend. */
export function countClasses(classOf: Int8Array): Record<LineClass, number> {
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < classOf.length; i++) if (classOf[i] >= 0) counts[classOf[i]]++;
  return { support: counts[0], coordination: counts[1], control: counts[2], unclassified: counts[3] };
}
