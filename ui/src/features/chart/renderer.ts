/**
 * Draws the org chart on a canvas: team regions, reporting lines (with the hierarchy lens: each
 * in its class's colour and line style), dotted lines and role cards, only what lies in the
 * viewport (culling), with less detail as the chart zooms out (level of detail), so 10,000
 * visible roles stay smooth. Imperative on purpose: React owns the page, this
 * class owns the pixels.
 */
import type { Collapsed, OrgModel } from './model';
import { hiddenCount } from './model';
import { CARD_H, CARD_W, LEVEL, Mode, STACK_INDENT, V_GAP, type Layout, type Rect } from './layout';
import * as P from './palette';
import { CLASSES, LINE_STYLES } from '../lens/classes';
import { hitLine, type LineGeometry } from '../lens/lines';

export interface Camera {
  /** screen = world × k + (x, y), in CSS pixels. */
  x: number;
  y: number;
  k: number;
}

export interface SceneLabels {
  vacant: string;
  /** "+12": the toggle of a collapsed manager. */
  hidden(n: number): string;
  /** "and 2 more" after the first person's name. */
  more(n: number): string;
  fte(n: number): string;
}

export interface Drag {
  node: number;
  /** Pointer in world coordinates. */
  wx: number;
  wy: number;
  /** The role under the pointer, or -1. */
  target: number;
}

/** The hierarchy lens on the chart: every reporting line drawn in its class's colour and style. */
export interface LensScene {
  /** Per node index, the class of its line up (an index into `CLASSES`), -1 for none or unknown. */
  classOf: Int8Array;
  /** The laid-out lines, each segment owned by its report (`lineGeometry(model, layout)`). */
  geometry: LineGeometry;
  /** The report whose line is selected (its reasons are open), or -1. */
  selected: number;
  /** The report whose line is under the pointer, or -1. */
  hover: number;
}

export interface Scene {
  model: OrgModel;
  layout: Layout;
  collapsed: Collapsed;
  selected: number;
  hover: number;
  drag: Drag | null;
  labels: SceneLabels;
  /** The lens, when it is on. */
  lens?: LensScene | null;
}

export interface Hit {
  node: number;
  part: 'card' | 'toggle';
}

export const FONT = '"Inter Variable", "Inter", system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
/** The height the chart's floating toolbar covers at the top (its offset, its height and a gap): no card is brought into view behind it. */
export const TOOLBAR_INSET = 88;
const TITLE_FONT = `600 17px ${FONT}`;
const NAME_FONT = `400 16px ${FONT}`;
const VACANT_FONT = `italic 400 16px ${FONT}`;
const META_FONT = `500 13px ${FONT}`;
const REGION_FONT = `600 13px ${FONT}`;
const PILL_FONT = `600 13px ${FONT}`;

/** Below this zoom cards are plain blocks; below TEXT_K they have no text. */
const SHAPE_K = 0.2;
const TEXT_K = 0.42;
export const MIN_K = 0.02;
export const MAX_K = 2.5;
const HALF = CARD_W / 2;
/** Room kept free around a fitted chart for the floating controls and the legend. */
const FIT_MARGIN = { top: 76, bottom: 84, left: 32, right: 84 };
const PAD_X = 20;

export class ChartRenderer {
  cam: Camera = { x: 0, y: 0, k: 1 };
  width = 0;
  height = 0;
  /** Called after every frame with how long it took and how many cards it drew. */
  onFrame?: (info: { ms: number; cards: number }) => void;
  private readonly ctx: CanvasRenderingContext2D;
  private dpr = 1;
  private scene?: Scene;
  private raf = 0;
  private anim = 0;
  private readonly fits = new Map<string, string>();
  /** The role last centred, until the user moves the view. */
  private centered = -1;
  /** The zoom that centring aims at (an animation may still be on its way there). */
  private centeredK = 1;

  constructor(private readonly canvas: HTMLCanvasElement) {
    const ctx = canvas.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('This browser cannot draw on a canvas.');
    this.ctx = ctx;
  }

  resize(width: number, height: number, dpr = window.devicePixelRatio || 1): void {
    const changed = width !== this.width || height !== this.height;
    this.width = width;
    this.height = height;
    this.dpr = dpr;
    this.canvas.width = Math.max(1, Math.round(width * dpr));
    this.canvas.height = Math.max(1, Math.round(height * dpr));
    // A role just centred stays centred when the view changes size (the details panel opened).
    if (changed && this.centered >= 0) this.centerOn(this.centered, false, this.centeredK);
    else if (changed && this.scene && this.scene.selected >= 0) this.ensureVisible(this.scene.selected, false);
    this.invalidate();
  }

  setScene(scene: Scene): void {
    if (this.scene && this.scene.model !== scene.model) this.centered = -1;
    this.scene = scene;
    this.invalidate();
  }

  /** Text measurements depend on the font: forget them when a web font arrives. */
  fontsChanged(): void {
    this.fits.clear();
    this.invalidate();
  }

  invalidate(): void {
    if (!this.raf) this.raf = requestAnimationFrame(() => {
      this.raf = 0;
      this.draw();
    });
  }

  dispose(): void {
    cancelAnimationFrame(this.raf);
    cancelAnimationFrame(this.anim);
  }

  // ---- camera ------------------------------------------------------------------------------

  toWorld(sx: number, sy: number): { x: number; y: number } {
    return { x: (sx - this.cam.x) / this.cam.k, y: (sy - this.cam.y) / this.cam.k };
  }

  /** The zoom at which the whole chart fits, clear of the controls around it. */
  fitK(): number {
    const b = this.scene?.layout.bounds;
    if (!b || b.w === 0 || !this.width) return 1;
    const m = FIT_MARGIN;
    return clamp(Math.min((this.width - m.left - m.right) / b.w, (this.height - m.top - m.bottom) / b.h), MIN_K, 1);
  }

  fit(animate = true): void {
    this.centered = -1;
    const b = this.scene?.layout.bounds;
    if (!b) return;
    const k = this.fitK();
    const m = FIT_MARGIN;
    const cx = m.left + (this.width - m.left - m.right) / 2;
    const cy = m.top + (this.height - m.top - m.bottom) / 2;
    this.moveTo({ k, x: cx - (b.x + b.w / 2) * k, y: cy - (b.y + b.h / 2) * k }, animate);
  }

  /** Shows the top of the chart at a readable zoom: where a large org opens. */
  top(animate = false): void {
    const s = this.scene;
    if (!s || s.layout.nodes.length === 0) return;
    const fit = this.fitK();
    if (fit >= 0.55) return this.fit(animate);
    const k = 0.8;
    const root = s.layout.nodes[0];
    const cx = s.model.roots.length > 1 ? s.layout.bounds.x + s.layout.bounds.w / 2 : s.layout.x[root];
    this.moveTo({ k, x: this.width / 2 - cx * k, y: FIT_MARGIN.top - s.layout.bounds.y * k }, animate);
  }

  /** Centres a role, zooming in to a readable size when the chart is zoomed far out. */
  centerOn(v: number, animate = true, minK = 1): void {
    const s = this.scene;
    if (!s || Number.isNaN(s.layout.x[v])) return;
    const k = Math.max(this.cam.k, minK);
    this.centered = v;
    this.centeredK = k;
    const wx = s.layout.x[v];
    const wy = s.layout.y[v] + CARD_H / 2;
    // The middle of what the floating toolbar leaves visible, so a card above stays in sight.
    const cy = TOOLBAR_INSET + (this.height - TOOLBAR_INSET) / 2;
    this.moveTo({ k, x: this.width / 2 - wx * k, y: cy - wy * k }, animate);
  }

  /** Pans just enough to bring a role's card into view. */
  ensureVisible(v: number, animate = true): void {
    const s = this.scene;
    if (!s || Number.isNaN(s.layout.x[v])) return;
    const { k } = this.cam;
    if (k < TEXT_K) return this.centerOn(v, animate, 0);
    const m = 48;
    const left = (s.layout.x[v] - HALF) * k + this.cam.x;
    const right = (s.layout.x[v] + HALF) * k + this.cam.x;
    const top = s.layout.y[v] * k + this.cam.y;
    const bottom = (s.layout.y[v] + CARD_H) * k + this.cam.y;
    let dx = 0;
    let dy = 0;
    if (left < m) dx = m - left;
    else if (right > this.width - m) dx = this.width - m - right;
    if (top < TOOLBAR_INSET) dy = TOOLBAR_INSET - top;
    else if (bottom > this.height - m) dy = this.height - m - bottom;
    if (dx || dy) this.moveTo({ k, x: this.cam.x + dx, y: this.cam.y + dy }, animate);
  }

  zoomAt(factor: number, sx = this.width / 2, sy = this.height / 2, animate = false): void {
    this.centered = -1;
    const k = clamp(this.cam.k * factor, Math.min(MIN_K, this.fitK()), MAX_K);
    const w = this.toWorld(sx, sy);
    this.moveTo({ k, x: sx - w.x * k, y: sy - w.y * k }, animate);
  }

  panBy(dx: number, dy: number): void {
    cancelAnimationFrame(this.anim);
    this.centered = -1;
    this.cam = { ...this.cam, x: this.cam.x + dx, y: this.cam.y + dy };
    this.invalidate();
  }

  /** Keeps a world point at the same place on screen after the layout moved it. */
  keepAnchor(before: { x: number; y: number }, after: { x: number; y: number }): void {
    cancelAnimationFrame(this.anim);
    this.cam = { ...this.cam, x: this.cam.x + (before.x - after.x) * this.cam.k, y: this.cam.y + (before.y - after.y) * this.cam.k };
    this.invalidate();
  }

  moveTo(target: Camera, animate: boolean): void {
    cancelAnimationFrame(this.anim);
    const reduced = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    if (!animate || reduced) {
      this.cam = target;
      this.invalidate();
      return;
    }
    const from = this.cam;
    const t0 = performance.now();
    const dur = 280;
    const step = () => {
      const t = Math.min(1, (performance.now() - t0) / dur);
      const e = 1 - Math.pow(1 - t, 3);
      // Interpolate the zoom geometrically so the motion feels even.
      const k = from.k * Math.pow(target.k / from.k, e);
      // Keep the screen centre's world point on a straight path.
      const cx = this.width / 2;
      const cy = this.height / 2;
      const fw = { x: (cx - from.x) / from.k, y: (cy - from.y) / from.k };
      const tw = { x: (cx - target.x) / target.k, y: (cy - target.y) / target.k };
      const wx = fw.x + (tw.x - fw.x) * e;
      const wy = fw.y + (tw.y - fw.y) * e;
      this.cam = { k, x: cx - wx * k, y: cy - wy * k };
      this.draw();
      if (t < 1) this.anim = requestAnimationFrame(step);
    };
    this.anim = requestAnimationFrame(step);
  }

  // ---- hit testing ---------------------------------------------------------------------------

  hit(sx: number, sy: number): Hit | null {
    const s = this.scene;
    if (!s) return null;
    const { x, y } = this.toWorld(sx, sy);
    const { layout, model } = s;
    const slack = 4 / this.cam.k;
    for (let i = layout.nodes.length - 1; i >= 0; i--) {
      const v = layout.nodes[i];
      const cx = layout.x[v];
      const cy = layout.y[v];
      if (model.children[v].length > 0 && this.cam.k >= SHAPE_K) {
        const t = this.toggleRect(s, v);
        if (x >= t.x - slack && x <= t.x + t.w + slack && y >= t.y - slack && y <= t.y + t.h + slack) return { node: v, part: 'toggle' };
      }
      if (x >= cx - HALF && x <= cx + HALF && y >= cy && y <= cy + CARD_H) return { node: v, part: 'card' };
    }
    return null;
  }

  /** The report whose reporting line passes within `slop` screen pixels of (sx, sy), or -1. */
  hitLine(sx: number, sy: number, slop: number): number {
    const lens = this.scene?.lens;
    if (!lens) return -1;
    const { x, y } = this.toWorld(sx, sy);
    return hitLine(lens.geometry, x, y, slop / this.cam.k);
  }

  /** A point on the reporting line of node `v` in screen coordinates (its longest segment's middle). */
  linePoint(v: number): { x: number; y: number } | null {
    const g = this.scene?.lens?.geometry;
    if (!g) return null;
    let best = -1;
    let len = -1;
    for (let i = 0; i < g.n; i++) {
      if (g.owner[i] !== v) continue;
      const l = Math.hypot(g.seg[i * 4 + 2] - g.seg[i * 4], g.seg[i * 4 + 3] - g.seg[i * 4 + 1]);
      if (l > len) {
        len = l;
        best = i;
      }
    }
    if (best < 0) return null;
    const wx = (g.seg[best * 4] + g.seg[best * 4 + 2]) / 2;
    const wy = (g.seg[best * 4 + 1] + g.seg[best * 4 + 3]) / 2;
    return { x: wx * this.cam.k + this.cam.x, y: wy * this.cam.k + this.cam.y };
  }

  private toggleRect(s: Scene, v: number): Rect {
    const hidden = hiddenCount(s.model, s.collapsed, v);
    const w = hidden > 0 ? Math.max(44, 22 + s.labels.hidden(hidden).length * 8) : 28;
    return { x: s.layout.x[v] - w / 2, y: s.layout.y[v] + CARD_H - 14, w, h: 28 };
  }

  // ---- drawing -------------------------------------------------------------------------------

  draw(): void {
    const t0 = performance.now();
    const { ctx, dpr, cam } = this;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = P.CANVAS;
    ctx.fillRect(0, 0, this.width, this.height);
    const s = this.scene;
    if (!s) return;
    ctx.setTransform(dpr * cam.k, 0, 0, dpr * cam.k, dpr * cam.x, dpr * cam.y);
    const view: Rect = { x: -cam.x / cam.k, y: -cam.y / cam.k, w: this.width / cam.k, h: this.height / cam.k };
    this.drawRegions(s, view);
    if (s.lens) this.drawLensLines(s.lens, view);
    else this.drawLines(s, view);
    this.drawDotted(s, view);
    const cards = this.drawCards(s, view);
    if (s.drag) this.drawDrag(s);
    this.onFrame?.({ ms: performance.now() - t0, cards });
  }

  private drawRegions(s: Scene, view: Rect): void {
    const { ctx } = this;
    const k = this.cam.k;
    for (const r of s.layout.regions) {
      const [tint, strong] = P.teamColor(r.team);
      let any = false;
      ctx.beginPath();
      for (const b of r.rects) {
        if (!intersects(b, view)) continue;
        any = true;
        if (k >= SHAPE_K) ctx.roundRect(b.x, b.y, b.w, b.h, 14);
        else ctx.rect(b.x, b.y, b.w, b.h);
      }
      if (!any) continue;
      ctx.fillStyle = tint;
      ctx.fill();
      if (k >= TEXT_K * 0.8) {
        ctx.font = REGION_FONT;
        ctx.fillStyle = strong;
        ctx.textBaseline = 'alphabetic';
        const name = s.model.teams[r.team].name.toUpperCase();
        ctx.fillText(this.ellipsize(name, REGION_FONT, r.labelW - 28), r.labelX + 14, r.labelY + 22);
      }
    }
  }

  private drawLines(s: Scene, view: Rect): void {
    const { ctx } = this;
    const { layout, model } = s;
    const { x, y } = layout;
    ctx.beginPath();
    for (let i = 0; i < layout.nodes.length; i++) {
      const v = layout.nodes[i];
      const m = layout.mode[v];
      if (m === Mode.Leaf) continue;
      const kids = model.children[v];
      const px = x[v];
      const bottom = y[v] + CARD_H;
      const bus = bottom + V_GAP / 2;
      if (m === Mode.Tree) {
        const x0 = Math.min(px, x[kids[0]] - 1);
        const x1 = Math.max(px, x[kids[kids.length - 1]] + 1);
        if (!intersects({ x: x0, y: bottom, w: x1 - x0, h: V_GAP }, view)) continue;
        ctx.moveTo(px, bottom);
        ctx.lineTo(px, bus);
        ctx.moveTo(x[kids[0]], bus);
        ctx.lineTo(x[kids[kids.length - 1]], bus);
        for (const c of kids) {
          ctx.moveTo(x[c], bus);
          ctx.lineTo(x[c], y[c]);
        }
      } else {
        // A stack: a bus to each column's spine, ticks to each card's left edge.
        const last = kids[kids.length - 1];
        const spineFirst = x[kids[0]] - HALF - STACK_INDENT / 2;
        const spineLast = x[last] - HALF - STACK_INDENT / 2;
        let maxY = 0;
        for (const c of kids) if (y[c] > maxY) maxY = y[c];
        const x0 = Math.min(px, spineFirst);
        const x1 = Math.max(px, x[last] + HALF);
        if (!intersects({ x: x0, y: bottom, w: x1 - x0, h: maxY + CARD_H - bottom }, view)) continue;
        ctx.moveTo(px, bottom);
        ctx.lineTo(px, bus);
        ctx.moveTo(Math.min(px, spineFirst), bus);
        ctx.lineTo(Math.max(px, spineLast), bus);
        let col = NaN;
        let colEnd = 0;
        const flush = () => {
          if (!Number.isNaN(col)) {
            ctx.moveTo(col, bus);
            ctx.lineTo(col, colEnd);
          }
        };
        for (const c of kids) {
          const sx = x[c] - HALF - STACK_INDENT / 2;
          if (sx !== col) {
            flush();
            col = sx;
          }
          const mid = y[c] + CARD_H / 2;
          colEnd = mid;
          ctx.moveTo(sx, mid);
          ctx.lineTo(x[c] - HALF, mid);
        }
        flush();
      }
    }
    ctx.strokeStyle = P.LINE;
    ctx.lineWidth = Math.max(1.6, 1 / this.cam.k);
    ctx.lineCap = 'round';
    ctx.stroke();
  }

  /**
   * The reporting lines through the lens: shared trunks thin and neutral, each report's own part
   * of the connector in its class's colour and line style (solid, long dashes, double, dotted),
   * the selected and hovered lines with a halo. Widths and dashes keep a readable size on screen
   * when the chart is zoomed out.
   */
  private drawLensLines(lens: LensScene, view: Rect): void {
    const { ctx } = this;
    const k = this.cam.k;
    const g = lens.geometry;
    const s = g.seg;
    const neutral = new Path2D();
    const paths = CLASSES.map(() => new Path2D());
    const selected = new Path2D();
    const hover = new Path2D();
    let anySel = false;
    let anyHover = false;
    // Consecutive segments that continue one another stay one subpath (clean corners, even dashes).
    const ends = new Float64Array(CLASSES.length * 2 + 2).fill(NaN);
    for (let i = 0; i < g.n; i++) {
      const x0 = s[i * 4];
      const y0 = s[i * 4 + 1];
      const x1 = s[i * 4 + 2];
      const y1 = s[i * 4 + 3];
      if (Math.max(x0, x1) < view.x || Math.min(x0, x1) > view.x + view.w || Math.max(y0, y1) < view.y || Math.min(y0, y1) > view.y + view.h) continue;
      const o = g.owner[i];
      const c = o < 0 ? -1 : lens.classOf[o];
      const slot = c < 0 ? CLASSES.length : c;
      const p = c < 0 ? neutral : paths[c];
      if (ends[slot * 2] !== x0 || ends[slot * 2 + 1] !== y0) p.moveTo(x0, y0);
      p.lineTo(x1, y1);
      ends[slot * 2] = x1;
      ends[slot * 2 + 1] = y1;
      if (o >= 0 && o === lens.selected) {
        selected.moveTo(x0, y0);
        selected.lineTo(x1, y1);
        anySel = true;
      } else if (o >= 0 && o === lens.hover) {
        hover.moveTo(x0, y0);
        hover.lineTo(x1, y1);
        anyHover = true;
      }
    }
    ctx.lineJoin = 'round';
    ctx.lineCap = 'round';
    if (anySel) {
      ctx.strokeStyle = 'rgba(61, 77, 183, 0.2)';
      ctx.lineWidth = Math.max(16, 14 / k);
      ctx.stroke(selected);
    }
    if (anyHover) {
      ctx.strokeStyle = 'rgba(61, 77, 183, 0.12)';
      ctx.lineWidth = Math.max(14, 12 / k);
      ctx.stroke(hover);
    }
    ctx.strokeStyle = P.LINE;
    ctx.lineWidth = Math.max(1.6, 1 / k);
    ctx.stroke(neutral);
    CLASSES.forEach((c, i) => {
      const st = LINE_STYLES[c];
      // World units: the style's width at zoom ≥ 1, at least 70% of it on screen below.
      const f = Math.max(1, 0.7 / k);
      ctx.lineCap = st.cap;
      ctx.setLineDash(st.dash.map((d) => d * f));
      ctx.strokeStyle = st.color;
      ctx.lineWidth = st.width * f;
      ctx.stroke(paths[i]);
      if (st.gap) {
        ctx.strokeStyle = P.CANVAS;
        ctx.lineWidth = st.gap * f;
        ctx.stroke(paths[i]);
      }
    });
    // The selected line once more on top, half as thick again: it stands out in its own style.
    const sc = lens.selected >= 0 ? lens.classOf[lens.selected] : -1;
    if (anySel && sc >= 0) {
      const st = LINE_STYLES[CLASSES[sc]];
      const f = Math.max(1, 0.7 / k) * 1.5;
      ctx.lineCap = st.cap;
      ctx.setLineDash(st.dash.map((d) => d * f));
      ctx.strokeStyle = st.color;
      ctx.lineWidth = st.width * f;
      ctx.stroke(selected);
      if (st.gap) {
        ctx.strokeStyle = P.CANVAS;
        ctx.lineWidth = st.gap * f;
        ctx.stroke(selected);
      }
    }
    ctx.setLineDash([]);
    ctx.lineCap = 'round';
    ctx.lineJoin = 'miter';
  }

  private drawDotted(s: Scene, view: Rect): void {
    const { ctx } = this;
    const { layout, model } = s;
    const { x, y } = layout;
    ctx.beginPath();
    let any = false;
    for (let i = 0; i < layout.nodes.length; i++) {
      const v = layout.nodes[i];
      const dotted = model.chart.roles[v].dotted;
      if (dotted.length === 0) continue;
      for (const mid of dotted) {
        const m = model.index.get(mid);
        if (m === undefined || Number.isNaN(x[m])) continue;
        // From the top of the role to the side of the manager nearest to it.
        const sx = x[v];
        const sy = y[v];
        const tx = x[m] + (x[v] < x[m] ? -HALF : HALF);
        const ty = y[m] + CARD_H / 2;
        const box = { x: Math.min(sx, tx), y: Math.min(sy, ty), w: Math.abs(sx - tx), h: Math.abs(sy - ty) };
        if (!intersects(box, view)) continue;
        any = true;
        ctx.moveTo(sx, sy);
        ctx.bezierCurveTo(sx, sy - LEVEL * 0.45, tx + (x[v] < x[m] ? -80 : 80), ty, tx, ty);
      }
    }
    if (!any) return;
    ctx.setLineDash([7, 6]);
    ctx.strokeStyle = P.INK_MUTED;
    ctx.lineWidth = Math.max(1.6, 1 / this.cam.k);
    ctx.stroke();
    ctx.setLineDash([]);
  }

  private drawCards(s: Scene, view: Rect): number {
    const { ctx } = this;
    const { layout, model, labels } = s;
    const { x, y } = layout;
    const k = this.cam.k;
    const roles = model.chart.roles;
    const dragged = s.drag?.node ?? -1;
    let count = 0;

    if (k < SHAPE_K) {
      // Far out: plain blocks in the team's colour, batched per colour.
      const paths = new Map<string, Path2D>();
      for (let i = 0; i < layout.nodes.length; i++) {
        const v = layout.nodes[i];
        const cx = x[v];
        const cy = y[v];
        if (cx + HALF < view.x || cx - HALF > view.x + view.w || cy + CARD_H < view.y || cy > view.y + view.h) continue;
        count++;
        const color = model.teamOf[v] < 0 ? P.NO_TEAM : P.teamColor(model.teamOf[v])[1];
        let p = paths.get(color);
        if (!p) paths.set(color, (p = new Path2D()));
        p.rect(cx - HALF, cy, CARD_W, CARD_H);
      }
      for (const [color, p] of paths) {
        ctx.fillStyle = color;
        ctx.fill(p);
      }
      if (s.selected >= 0 && !Number.isNaN(x[s.selected])) {
        ctx.strokeStyle = P.ACCENT;
        ctx.lineWidth = 3 / k;
        ctx.strokeRect(x[s.selected] - HALF - 8, y[s.selected] - 8, CARD_W + 16, CARD_H + 16);
      }
      return count;
    }

    const text = k >= TEXT_K;
    for (let i = 0; i < layout.nodes.length; i++) {
      const v = layout.nodes[i];
      const cx = x[v];
      const cy = y[v];
      if (cx + HALF < view.x || cx - HALF > view.x + view.w || cy + CARD_H + 16 < view.y || cy > view.y + view.h) continue;
      count++;
      const role = roles[v];
      const left = cx - HALF;
      const vacant = role.people.length === 0;
      ctx.globalAlpha = v === dragged ? 0.35 : 1;

      // Shadow, body, border.
      ctx.fillStyle = 'rgba(28, 34, 48, 0.06)';
      ctx.beginPath();
      ctx.roundRect(left, cy + 2, CARD_W, CARD_H, 10);
      ctx.fill();
      ctx.beginPath();
      ctx.roundRect(left, cy, CARD_W, CARD_H, 10);
      ctx.fillStyle = v === s.drag?.target ? '#eef0fb' : P.CARD;
      ctx.fill();
      if (vacant) ctx.setLineDash([6, 5]);
      ctx.strokeStyle = v === s.hover ? '#9aa1b1' : P.CARD_BORDER;
      ctx.lineWidth = Math.max(1.2, 0.8 / k);
      ctx.stroke();
      if (vacant) ctx.setLineDash([]);

      // The team stripe.
      const stripe = model.teamOf[v] < 0 ? P.NO_TEAM : P.teamColor(model.teamOf[v])[1];
      ctx.fillStyle = stripe;
      ctx.beginPath();
      ctx.roundRect(left, cy, 6, CARD_H, [10, 0, 0, 10]);
      ctx.fill();

      if (text) {
        ctx.textBaseline = 'alphabetic';
        ctx.fillStyle = P.INK;
        ctx.font = TITLE_FONT;
        ctx.fillText(this.ellipsize(role.title, TITLE_FONT, CARD_W - PAD_X - 14), left + PAD_X, cy + 33);
        if (vacant) {
          ctx.font = VACANT_FONT;
          ctx.fillStyle = P.INK_MUTED;
          ctx.fillText(labels.vacant, left + PAD_X, cy + 60);
        } else {
          const first = role.people[0];
          let line = first.name;
          if (role.people.length > 1) line += ` ${labels.more(role.people.length - 1)}`;
          const fte = role.people.length === 1 && first.fte != null && first.fte < 1 ? labels.fte(first.fte) : '';
          const fteW = fte ? this.width0(fte, META_FONT) + 8 : 0;
          ctx.font = NAME_FONT;
          ctx.fillStyle = P.INK_SOFT;
          ctx.fillText(this.ellipsize(line, NAME_FONT, CARD_W - PAD_X - 14 - fteW), left + PAD_X, cy + 60);
          if (fte) {
            ctx.font = META_FONT;
            ctx.fillStyle = P.INK_MUTED;
            ctx.textAlign = 'right';
            ctx.fillText(fte, left + CARD_W - 14, cy + 60);
            ctx.textAlign = 'left';
          }
        }
      } else {
        // Mid zoom: grey bars stand in for the text.
        ctx.fillStyle = '#c5cad4';
        ctx.fillRect(left + PAD_X, cy + 22, Math.min(CARD_W - 50, 9 * role.title.length), 12);
        ctx.fillStyle = '#e0e3e9';
        ctx.fillRect(left + PAD_X, cy + 50, vacant ? 70 : 130, 10);
      }

      if (model.children[v].length > 0) this.drawToggle(s, v, text);
      ctx.globalAlpha = 1;

      if (v === s.selected || v === s.drag?.target) {
        ctx.beginPath();
        ctx.roundRect(left - 5, cy - 5, CARD_W + 10, CARD_H + 10, 14);
        ctx.strokeStyle = P.ACCENT;
        ctx.lineWidth = 3;
        if (v === s.drag?.target) ctx.setLineDash([8, 5]);
        ctx.stroke();
        ctx.setLineDash([]);
      }
    }
    return count;
  }

  private drawToggle(s: Scene, v: number, text: boolean): void {
    const { ctx } = this;
    const r = this.toggleRect(s, v);
    const hidden = hiddenCount(s.model, s.collapsed, v);
    ctx.beginPath();
    ctx.roundRect(r.x, r.y, r.w, r.h, r.h / 2);
    ctx.fillStyle = hidden > 0 ? P.ACCENT : P.CARD;
    ctx.fill();
    ctx.strokeStyle = hidden > 0 ? P.ACCENT : P.CARD_BORDER;
    ctx.lineWidth = 1.2;
    ctx.stroke();
    if (!text) return;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    if (hidden > 0) {
      ctx.font = PILL_FONT;
      ctx.fillStyle = '#ffffff';
      ctx.fillText(s.labels.hidden(hidden), r.x + r.w / 2, r.y + r.h / 2 + 1);
    } else {
      ctx.strokeStyle = P.INK_SOFT;
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(r.x + r.w / 2 - 6, r.y + r.h / 2);
      ctx.lineTo(r.x + r.w / 2 + 6, r.y + r.h / 2);
      ctx.stroke();
    }
    ctx.textAlign = 'left';
    ctx.textBaseline = 'alphabetic';
  }

  private drawDrag(s: Scene): void {
    const { ctx } = this;
    const d0 = s.drag!;
    // The card hangs below-right of the pointer, so the role under the pointer stays visible.
    const d = { ...d0, wx: d0.wx + HALF + 16 / this.cam.k, wy: d0.wy + CARD_H / 2 + 16 / this.cam.k };
    const role = s.model.chart.roles[d.node];
    ctx.globalAlpha = 0.92;
    ctx.fillStyle = 'rgba(28, 34, 48, 0.16)';
    ctx.beginPath();
    ctx.roundRect(d.wx - HALF + 6, d.wy - CARD_H / 2 + 8, CARD_W, CARD_H, 10);
    ctx.fill();
    ctx.beginPath();
    ctx.roundRect(d.wx - HALF, d.wy - CARD_H / 2, CARD_W, CARD_H, 10);
    ctx.fillStyle = P.CARD;
    ctx.fill();
    ctx.strokeStyle = P.ACCENT;
    ctx.lineWidth = 2;
    ctx.stroke();
    if (this.cam.k >= TEXT_K) {
      ctx.font = TITLE_FONT;
      ctx.fillStyle = P.INK;
      ctx.fillText(this.ellipsize(role.title, TITLE_FONT, CARD_W - PAD_X - 14), d.wx - HALF + PAD_X, d.wy - CARD_H / 2 + 33);
      const name = role.people[0]?.name ?? s.labels.vacant;
      ctx.font = role.people.length ? NAME_FONT : VACANT_FONT;
      ctx.fillStyle = P.INK_SOFT;
      ctx.fillText(this.ellipsize(name, NAME_FONT, CARD_W - PAD_X - 14), d.wx - HALF + PAD_X, d.wy - CARD_H / 2 + 60);
    }
    ctx.globalAlpha = 1;
  }

  private width0(text: string, font: string): number {
    this.ctx.font = font;
    return this.ctx.measureText(text).width;
  }

  /** `text` shortened with an ellipsis to fit `max` pixels in `font` (cached). */
  private ellipsize(text: string, font: string, max: number): string {
    const key = `${font}|${max}|${text}`;
    const hit = this.fits.get(key);
    if (hit !== undefined) return hit;
    const ctx = this.ctx;
    const saved = ctx.font;
    ctx.font = font;
    let out = text;
    if (ctx.measureText(text).width > max) {
      let lo = 0;
      let hi = text.length;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (ctx.measureText(text.slice(0, mid) + '…').width <= max) lo = mid;
        else hi = mid - 1;
      }
      out = text.slice(0, lo).trimEnd() + '…';
    }
    ctx.font = saved;
    if (this.fits.size > 50_000) this.fits.clear();
    this.fits.set(key, out);
    return out;
  }
}

function intersects(a: Rect, b: Rect): boolean {
  return a.x <= b.x + b.w && a.x + a.w >= b.x && a.y <= b.y + b.h && a.y + a.h >= b.y;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
