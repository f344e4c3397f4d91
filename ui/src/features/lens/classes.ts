/**
 * The hierarchy lens's four classes and how each one looks, everywhere the same (chart, legend,
 * badges, figures): a fixed colour chosen to stay distinct for colour-blind viewers AND a line
 * style of its own, so a class reads without colour too (BRIEF, "Look and feel").
 *
 * - support: teal, a solid thick line
 * - coordination: blue, long dashes
 * - control: orange-red, a double line
 * - unclassified: grey, a thin dotted line
 *
 * The colours are those of `--lens-*` in app.css; canvas code cannot read CSS variables cheaply,
 * so they are repeated here (a test keeps the two equal).
 */
import type { LineClass } from '../../api/types';

export const CLASSES: readonly LineClass[] = ['support', 'coordination', 'control', 'unclassified'];

/** A class as a small integer, for typed arrays: its index in `CLASSES`; -1 for no line. */
export const classIndexOf = (c: LineClass): number => CLASSES.indexOf(c);

export interface LineStyle {
  color: string;
  /** Stroke width in CSS pixels at zoom 1. */
  width: number;
  /** Dash pattern in CSS pixels at zoom 1; empty for a solid line. */
  dash: readonly number[];
  cap: CanvasLineCap;
  /**
   * A double line: the stroke is drawn `width` wide, then its middle `gap` pixels are cleared
   * with the background colour, leaving two thin parallel lines.
   */
  gap?: number;
}

export const LINE_STYLES: Readonly<Record<LineClass, LineStyle>> = {
  support: { color: '#1b8a7a', width: 4.5, dash: [], cap: 'round' },
  coordination: { color: '#2f6fd0', width: 3.5, dash: [16, 8], cap: 'butt' },
  control: { color: '#d1492e', width: 7, dash: [], cap: 'butt', gap: 2.6 },
  unclassified: { color: '#8a8f99', width: 2.6, dash: [0.1, 7], cap: 'round' },
};

/**
 * The same styles as SVG stroke attributes for a legend sample of `length` pixels, drawn
 * horizontally at `y`: one or two `<path>`s (two for the double line).
 */
export function sampleStrokes(c: LineClass, y: number, length: number): { d: string; width: number; dash?: string; cap: CanvasLineCap }[] {
  const s = LINE_STYLES[c];
  if (s.gap) {
    const half = (s.width - s.gap) / 2;
    const off = s.gap / 2 + half / 2;
    return [
      { d: `M0 ${y - off}h${length}`, width: half, cap: 'butt' },
      { d: `M0 ${y + off}h${length}`, width: half, cap: 'butt' },
    ];
  }
  return [{ d: `M${s.cap === 'round' ? s.width / 2 : 0} ${y}h${length - (s.cap === 'round' ? s.width : 0)}`, width: s.width, dash: s.dash.length ? s.dash.join(' ') : undefined, cap: s.cap }];
}

/** Hex colour → rgba with `alpha`, for soft backgrounds of a class. */
export function tint(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
