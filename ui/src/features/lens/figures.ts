/**
 * The arithmetic behind the figures panel, pure and tested: each class's share of the reporting
 * lines, and the span-of-control histogram's bars (one per count of direct reports up to 20,
 * then widening ranges so a 1,000-report span does not make 1,000 bars).
 */
import type { LineClass } from '../../api/types';
import { CLASSES } from './classes';

export interface Shares {
  total: number;
  /** 0–1 per class; 0 for every class when there are no lines. */
  share: Record<LineClass, number>;
  /** Where each class's segment of a stacked bar starts (0–1). */
  start: Record<LineClass, number>;
}

export function shares(counts: Record<LineClass, number>): Shares {
  const total = CLASSES.reduce((s, c) => s + counts[c], 0);
  const share = {} as Record<LineClass, number>;
  const start = {} as Record<LineClass, number>;
  let at = 0;
  for (const c of CLASSES) {
    share[c] = total === 0 ? 0 : counts[c] / total;
    start[c] = at;
    at += share[c];
  }
  return { total, share, start };
}

export interface Bar {
  /** "7" or "11–15". */
  label: string;
  from: number;
  to: number;
  managers: number;
}

/** Upper ends of the ranges after 10 reports; the wide-span limit is always an edge. */
const EDGES = [15, 20, 30, 50, 100, 200, 500, 1000, 2000, 5000, 10_000];

/**
 * The histogram's bars from `{reports: managers}`: one bar per count 1..max when max ≤ 20 (empty
 * counts included, so the axis is even), otherwise 1..10 and then ranges up to the range
 * holding the maximum.
 */
export function histogramBars(histogram: Record<number | string, number>, wide = 15): Bar[] {
  const entries = Object.entries(histogram)
    .map(([k, v]) => [Number(k), v] as const)
    .filter(([k, v]) => Number.isFinite(k) && k > 0 && v > 0);
  const max = entries.reduce((m, [k]) => Math.max(m, k), 0);
  if (max === 0) return [];
  const bars: Bar[] = [];
  const single = max <= 20;
  const edges = [...new Set([...EDGES, wide])].sort((a, b) => a - b);
  for (let n = 1; n <= (single ? max : 10); n++) bars.push({ label: String(n), from: n, to: n, managers: 0 });
  if (!single) {
    let from = 11;
    for (const to of edges) {
      if (to < from) continue;
      bars.push({ label: `${from}–${to}`, from, to, managers: 0 });
      from = to + 1;
      if (to >= max) break;
    }
    if (from <= max) bars.push({ label: `${from}+`, from, to: Infinity, managers: 0 });
  }
  for (const [k, v] of entries) {
    const b = bars.find((x) => k >= x.from && k <= x.to);
    if (b) b.managers += v;
  }
  return bars;
}
