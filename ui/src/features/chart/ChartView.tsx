/**
 * The org chart on screen: a focusable canvas (pan by dragging the background, zoom with the
 * wheel or the buttons, drag a card onto another to change its manager) and its keyboard
 * navigation. Layout and collapse state come from the caller; this component owns the camera.
 */
import { forwardRef, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { OrgModel, Collapsed } from './model';
import { hiddenCount } from './model';
import type { Layout } from './layout';
import { CARD_H } from './layout';
import { ChartRenderer, type Drag, type LensScene, type SceneLabels } from './renderer';
import { useI18n } from '../../i18n/react';
import { lineGeometry } from '../lens/lines';
import { CLASSES } from '../lens/classes';
import { className, lineSummary } from '../lens/wording';

/** The hidden list of lines for screen readers and tests names at most this many lines. */
const LINE_LIST_MAX = 1000;

export interface ChartHandle {
  fit(): void;
  zoom(factor: number): void;
  centerOn(roleId: string): void;
  focus(): void;
}

interface Props {
  model: OrgModel;
  layout: Layout;
  collapsed: Collapsed;
  selected: string | null;
  editable: boolean;
  /** How the camera starts: the whole chart or its top at a readable size. */
  onSelect(roleId: string | null): void;
  onToggle(roleId: string): void;
  onOpen(roleId: string): void;
  onMove(roleId: string, managerId: string): void;
  onRemove(roleId: string): void;
  /** The hierarchy lens, when on: the class of each node's line up (see `classOfNodes`). */
  lens?: { classOf: Int8Array } | null;
  /** The report whose line's reasons are open. */
  selectedLine?: string | null;
  /** A reporting line was clicked, tapped or chosen with L: open its reasons. */
  onSelectLine?(roleId: string): void;
}

const DRAG_START = 6;

declare global {
  interface Window {
    /** Read-only hooks for end-to-end tests and diagnostics: where a role's card is on screen. */
    kaderChart?: {
      cardCenter(roleId: string): { x: number; y: number } | null;
      visibleRoles(): number;
      titleOf(roleId: string): string | null;
      /** A point on the reporting line from the role up to its manager, with the lens on. */
      linePoint?(roleId: string): { x: number; y: number } | null;
      firstFrame?: { at: number; ms: number; cards: number; visible: number };
      frames: number;
    };
  }
}

export const ChartView = forwardRef<ChartHandle, Props>(function ChartView(props, ref) {
  const { model, layout, collapsed, selected, editable } = props;
  const { t } = useI18n();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const rendererRef = useRef<ChartRenderer | null>(null);
  const [hover, setHover] = useState(-1);
  const [hoverLine, setHoverLine] = useState(-1);
  const [drag, setDrag] = useState<Drag | null>(null);
  const prev = useRef<{ model: OrgModel; layout: Layout } | null>(null);
  const anchor = useRef<string | null>(null);
  const placed = useRef(false);
  const propsRef = useRef(props);
  propsRef.current = props;

  const selectedIdx = selected ? (model.index.get(selected) ?? -1) : -1;
  const lensOn = !!props.lens;
  const classOf = props.lens?.classOf ?? null;
  const geometry = useMemo(() => (lensOn ? lineGeometry(model, layout) : null), [lensOn, model, layout]);
  const selectedLineIdx = props.selectedLine ? (model.index.get(props.selectedLine) ?? -1) : -1;
  const lensScene: LensScene | null = useMemo(
    () => (geometry && classOf && classOf.length === model.n ? { classOf, geometry, selected: selectedLineIdx, hover: hoverLine } : null),
    [geometry, classOf, model, selectedLineIdx, hoverLine],
  );

  const labels: SceneLabels = {
    vacant: t('chart.vacant'),
    hidden: (n) => t('chart.hidden', { n }),
    more: (n) => t('chart.more', { n }),
    fte: (n) => t('chart.fte', { n }),
  };

  // The renderer lives as long as the canvas.
  useLayoutEffect(() => {
    const canvas = canvasRef.current!;
    const r = new ChartRenderer(canvas);
    rendererRef.current = r;
    const box = wrapRef.current!.getBoundingClientRect();
    r.resize(box.width, box.height);
    const ro = new ResizeObserver(([e]) => r.resize(e.contentRect.width, e.contentRect.height));
    ro.observe(wrapRef.current!);
    document.fonts?.ready.then(() => r.fontsChanged());
    return () => {
      ro.disconnect();
      r.dispose();
      rendererRef.current = null;
      placed.current = false;
    };
  }, []);

  // Every change of data or state: a new scene; keep the anchor role where it was on screen.
  useLayoutEffect(() => {
    const r = rendererRef.current!;
    const before = prev.current;
    r.setScene({ model, layout, collapsed, selected: selectedIdx, hover, drag, labels, lens: lensScene });
    if (!placed.current && layout.nodes.length > 0) {
      placed.current = true;
      r.top(false);
      const started = performance.now();
      r.onFrame = (info) => {
        const hooks = window.kaderChart;
        if (hooks && !hooks.firstFrame) {
          hooks.firstFrame = { at: performance.now(), ms: performance.now() - started, cards: info.cards, visible: layout.nodes.length };
          performance.mark('kader:first-frame');
        }
        if (hooks) hooks.frames++;
      };
    } else if (before && (before.layout !== layout)) {
      const id = anchor.current ?? selected;
      anchor.current = null;
      const a = id ? before.model.index.get(id) : undefined;
      const b = id ? model.index.get(id) : undefined;
      if (a !== undefined && b !== undefined && !Number.isNaN(before.layout.x[a]) && !Number.isNaN(layout.x[b])) {
        r.keepAnchor({ x: before.layout.x[a], y: before.layout.y[a] }, { x: layout.x[b], y: layout.y[b] });
      }
    }
    prev.current = { model, layout };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [model, layout, collapsed, selectedIdx, hover, drag, t, lensScene]);

  // Test and diagnostics hooks.
  useEffect(() => {
    const hooks = (window.kaderChart ??= { cardCenter: () => null, visibleRoles: () => 0, titleOf: () => null, frames: 0 });
    hooks.cardCenter = (id) => {
      const r = rendererRef.current;
      const v = model.index.get(id);
      if (!r || v === undefined || Number.isNaN(layout.x[v])) return null;
      const box = canvasRef.current!.getBoundingClientRect();
      return { x: box.left + layout.x[v] * r.cam.k + r.cam.x, y: box.top + (layout.y[v] + CARD_H / 2) * r.cam.k + r.cam.y };
    };
    hooks.visibleRoles = () => layout.nodes.length;
    hooks.titleOf = (id) => {
      const v = model.index.get(id);
      return v === undefined ? null : model.chart.roles[v].title;
    };
    hooks.linePoint = (id) => {
      const r = rendererRef.current;
      const v = model.index.get(id);
      const p = r && v !== undefined ? r.linePoint(v) : null;
      if (!p) return null;
      const box = canvasRef.current!.getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    };
  }, [model, layout]);

  // Printing prints the whole chart: fitted to the page before, the view as it was after.
  useEffect(() => {
    let saved: { x: number; y: number; k: number } | null = null;
    const before = () => {
      const r = rendererRef.current;
      if (!r) return;
      saved = r.cam;
      r.fit(false);
      r.draw(); // now: the page is laid out before the next animation frame
    };
    const after = () => {
      if (saved) rendererRef.current?.moveTo(saved, false);
      saved = null;
    };
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);

  useImperativeHandle(ref, () => ({
    fit: () => rendererRef.current?.fit(),
    zoom: (f) => rendererRef.current?.zoomAt(f, undefined, undefined, true),
    centerOn: (id) => {
      const v = propsRef.current.model.index.get(id);
      if (v !== undefined) rendererRef.current?.centerOn(v);
    },
    focus: () => canvasRef.current?.focus(),
  }));

  // ---- pointer: select, toggle, pan, drag a card, pinch -----------------------------------

  const gesture = useRef<
    | { kind: 'pan'; id: number; x: number; y: number; sx?: number; sy?: number; line?: number }
    | { kind: 'press'; id: number; x: number; y: number; node: number; part: 'card' | 'toggle' }
    | { kind: 'drag'; id: number; node: number }
    | { kind: 'pinch'; d: number }
    | null
  >(null);
  const pointers = useRef(new Map<number, { x: number; y: number }>());

  const local = (e: { clientX: number; clientY: number }) => {
    const box = canvasRef.current!.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top };
  };

  const onPointerDown = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = rendererRef.current!;
    const p = local(e);
    canvasRef.current!.setPointerCapture(e.pointerId);
    pointers.current.set(e.pointerId, p);
    if (pointers.current.size === 2) {
      const [a, b] = [...pointers.current.values()];
      gesture.current = { kind: 'pinch', d: Math.hypot(a.x - b.x, a.y - b.y) };
      setDrag(null);
      return;
    }
    const hit = r.hit(p.x, p.y);
    // With the lens on, a press near a reporting line that does not move is a click on the line.
    const line = !hit && lensOn ? r.hitLine(p.x, p.y, e.pointerType === 'touch' ? 16 : 8) : -1;
    gesture.current = hit
      ? { kind: 'press', id: e.pointerId, x: p.x, y: p.y, node: hit.node, part: hit.part }
      : { kind: 'pan', id: e.pointerId, x: p.x, y: p.y, sx: p.x, sy: p.y, line };
  };

  const onPointerMove = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = rendererRef.current!;
    const p = local(e);
    const g = gesture.current;
    if (pointers.current.has(e.pointerId)) pointers.current.set(e.pointerId, p);
    if (!g) {
      const h = r.hit(p.x, p.y);
      const next = h ? h.node : -1;
      if (next !== hover) setHover(next);
      const line = !h && lensOn ? r.hitLine(p.x, p.y, 8) : -1;
      if (line !== hoverLine) setHoverLine(line);
      canvasRef.current!.style.cursor = h || line >= 0 ? 'pointer' : 'grab';
      return;
    }
    if (g.kind === 'pinch') {
      const [a, b] = [...pointers.current.values()];
      if (!a || !b) return;
      const d = Math.hypot(a.x - b.x, a.y - b.y);
      if (g.d > 0) r.zoomAt(d / g.d, (a.x + b.x) / 2, (a.y + b.y) / 2);
      g.d = d;
      return;
    }
    if (g.id !== e.pointerId) return;
    if (g.kind === 'pan') {
      r.panBy(p.x - g.x, p.y - g.y);
      g.x = p.x;
      g.y = p.y;
      canvasRef.current!.style.cursor = 'grabbing';
      return;
    }
    if (g.kind === 'press') {
      if (Math.hypot(p.x - g.x, p.y - g.y) < DRAG_START) return;
      if (!editable || g.part === 'toggle' || e.pointerType === 'touch') {
        gesture.current = { kind: 'pan', id: g.id, x: p.x, y: p.y };
        return;
      }
      gesture.current = { kind: 'drag', id: g.id, node: g.node };
    }
    const d = gesture.current;
    if (d?.kind === 'drag') {
      const w = r.toWorld(p.x, p.y);
      const h = r.hit(p.x, p.y);
      const target = h && h.node !== d.node ? h.node : -1;
      setDrag({ node: d.node, wx: w.x, wy: w.y, target });
      canvasRef.current!.style.cursor = 'grabbing';
    }
  };

  const endPointer = (e: React.PointerEvent<HTMLCanvasElement>, cancelled: boolean) => {
    pointers.current.delete(e.pointerId);
    const g = gesture.current;
    if (g?.kind === 'pinch') {
      if (pointers.current.size === 0) gesture.current = null;
      return;
    }
    if (!g || g.id !== e.pointerId) return;
    gesture.current = null;
    canvasRef.current!.style.cursor = '';
    if (cancelled) {
      setDrag(null);
      return;
    }
    const roles = model.chart.roles;
    if (g.kind === 'press') {
      canvasRef.current!.focus({ preventScroll: true });
      if (g.part === 'toggle') {
        anchor.current = roles[g.node].id;
        props.onToggle(roles[g.node].id);
      } else props.onSelect(roles[g.node].id);
    } else if (g.kind === 'pan') {
      // A plain click on the background keeps the selection; on a line, it opens the line.
      const moved = Math.hypot(local(e).x - (g.sx ?? g.x), local(e).y - (g.sy ?? g.y));
      if (g.line !== undefined && g.line >= 0 && moved < DRAG_START) {
        canvasRef.current!.focus({ preventScroll: true });
        props.onSelectLine?.(roles[g.line].id);
      }
    } else if (g.kind === 'drag') {
      const target = drag?.target ?? -1;
      setDrag(null);
      if (target >= 0 && model.parent[g.node] !== target) {
        anchor.current = roles[g.node].id;
        props.onMove(roles[g.node].id, roles[target].id);
      }
    }
  };

  const onWheel = (e: WheelEvent) => {
    e.preventDefault();
    const r = rendererRef.current!;
    const p = local(e);
    // Pinch on a trackpad arrives as ctrl+wheel with small deltas; a mouse wheel as larger steps.
    const delta = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
    r.zoomAt(Math.exp(-delta * (e.ctrlKey ? 0.01 : 0.0025)), p.x, p.y);
  };

  useEffect(() => {
    const c = canvasRef.current!;
    c.addEventListener('wheel', onWheel, { passive: false });
    return () => c.removeEventListener('wheel', onWheel);
  });

  // ---- keyboard ------------------------------------------------------------------------------

  const onKeyDown = (e: React.KeyboardEvent<HTMLCanvasElement>) => {
    const r = rendererRef.current!;
    const roles = model.chart.roles;
    const cur = selectedIdx >= 0 && !Number.isNaN(layout.x[selectedIdx]) ? selectedIdx : -1;
    const go = (v: number) => {
      if (v < 0) return;
      props.onSelect(roles[v].id);
      requestAnimationFrame(() => rendererRef.current?.ensureVisible(v));
    };
    const siblings = (v: number) => (model.parent[v] === -1 ? model.roots : model.children[model.parent[v]]);
    switch (e.key) {
      case 'ArrowUp':
        if (cur < 0) go(layout.nodes[0] ?? -1);
        else go(model.parent[cur]);
        break;
      case 'ArrowDown':
        if (cur < 0) go(layout.nodes[0] ?? -1);
        else if (model.children[cur].length > 0) {
          if (hiddenCount(model, collapsed, cur) > 0) {
            anchor.current = roles[cur].id;
            props.onToggle(roles[cur].id);
          }
          go(model.children[cur][0]);
        }
        break;
      case 'ArrowLeft':
      case 'ArrowRight': {
        if (cur < 0) {
          go(layout.nodes[0] ?? -1);
          break;
        }
        const sib = siblings(cur);
        const i = sib.indexOf(cur) + (e.key === 'ArrowLeft' ? -1 : 1);
        if (i >= 0 && i < sib.length) go(sib[i]);
        break;
      }
      case 'Home':
        go(layout.nodes[0] ?? -1);
        break;
      case 'Enter':
        if (cur >= 0) props.onOpen(roles[cur].id);
        break;
      case 'l':
      case 'L':
        if (!lensOn || cur < 0 || model.parent[cur] < 0 || e.ctrlKey || e.metaKey || e.altKey) return;
        props.onSelectLine?.(roles[cur].id);
        break;
      case '+':
      case '-':
      case ' ':
        if (cur >= 0 && model.children[cur].length > 0) {
          const hidden = hiddenCount(model, collapsed, cur) > 0;
          if ((e.key === '+' && hidden) || (e.key === '-' && !hidden) || e.key === ' ') {
            anchor.current = roles[cur].id;
            props.onToggle(roles[cur].id);
          }
        } else if (cur < 0 && e.key !== ' ') r.zoomAt(e.key === '+' ? 1.25 : 0.8, undefined, undefined, true);
        break;
      case '=':
        r.zoomAt(1.25, undefined, undefined, true);
        break;
      case '_':
        r.zoomAt(0.8, undefined, undefined, true);
        break;
      case '0':
        r.fit();
        break;
      case 'Delete':
        if (cur >= 0 && editable) props.onRemove(roles[cur].id);
        break;
      case 'Escape':
        props.onSelect(null);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const sel = selectedIdx >= 0 ? model.chart.roles[selectedIdx] : null;
  const who = sel ? (sel.people.length ? sel.people.map((p) => p.name).join(', ') : t('chart.vacant')) : '';
  const hiddenSel = selectedIdx >= 0 ? hiddenCount(model, collapsed, selectedIdx) : 0;

  return (
    <div className="chart" ref={wrapRef}>
      <canvas
        ref={canvasRef}
        className="chart-canvas"
        data-testid="chart-canvas"
        data-visible-roles={layout.nodes.length}
        tabIndex={0}
        role="application"
        aria-roledescription={t('chart.label')}
        aria-label={t('chart.label')}
        aria-describedby="chart-help chart-status"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={(e) => endPointer(e, false)}
        onPointerCancel={(e) => endPointer(e, true)}
        onPointerLeave={() => {
          if (gesture.current) return;
          if (hover !== -1) setHover(-1);
          if (hoverLine !== -1) setHoverLine(-1);
        }}
        onKeyDown={onKeyDown}
        onDoubleClick={(e) => {
          const p = local(e);
          const h = rendererRef.current?.hit(p.x, p.y);
          if (h?.part === 'card') props.onOpen(model.chart.roles[h.node].id);
        }}
      />
      <p id="chart-help" className="visually-hidden">
        {t('chart.help')}
        {lensOn ? ` ${t('lens.help')}` : ''}
      </p>
      {lensOn && classOf && <LensLines model={model} nodes={layout.nodes} classOf={classOf} selected={selectedLineIdx} />}
      <p id="chart-status" className="visually-hidden" aria-live="polite" data-testid="chart-status">
        {sel ? t('chart.selected', { title: sel.title, who, n: model.children[selectedIdx].length }) : ''}
        {hiddenSel > 0 ? ` ${t('chart.collapsedInfo', { n: hiddenSel })}` : ''}
        {sel && classOf && classOf[selectedIdx] >= 0 ? ` ${t('lens.statusLine', { class: className(t, CLASSES[classOf[selectedIdx]]) })}` : ''}
      </p>
    </div>
  );
});

/**
 * The reporting lines on the chart as a list, hidden from sight: what the canvas shows, for
 * screen readers and tests ("Operator → Teamleider: Control"). At most `LINE_LIST_MAX` lines,
 * in chart order, plus the selected line.
 */
function LensLines(props: { model: OrgModel; nodes: Int32Array; classOf: Int8Array; selected: number }) {
  const { t } = useI18n();
  const { model, nodes, classOf, selected } = props;
  const items = useMemo(() => {
    const out: number[] = [];
    let total = 0;
    for (let i = 0; i < nodes.length; i++) {
      const v = nodes[i];
      if (model.parent[v] < 0 || classOf[v] < 0) continue;
      total++;
      if (out.length < LINE_LIST_MAX) out.push(v);
    }
    if (selected >= 0 && classOf[selected] >= 0 && !out.includes(selected)) out.push(selected);
    return { out, more: total - out.length };
  }, [model, nodes, classOf, selected]);
  const roles = model.chart.roles;
  return (
    <ul className="visually-hidden" data-testid="lens-lines" aria-label={t('lens.lines.label')}>
      {items.out.map((v) => {
        const c = CLASSES[classOf[v]];
        return (
          <li key={roles[v].id} data-role={roles[v].id} data-class={c} aria-current={v === selected ? 'true' : undefined}>
            {lineSummary(t, roles[v].title, roles[model.parent[v]].title, c)}
          </li>
        );
      })}
      {items.more > 0 && <li>{t('lens.lines.more', { n: items.more })}</li>}
    </ul>
  );
}
