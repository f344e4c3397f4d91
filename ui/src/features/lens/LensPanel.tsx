/**
 * The lens's organization-wide figures, in the side panel: the share of reporting lines per
 * class, autonomy, decision distance, layers, span of control with its distribution,
 * pass-through managers and bottlenecks. Every figure opens to where it comes from; without
 * decision data the figures that need it say what to do instead of showing 0.
 */
import { useId, useState } from 'react';
import type { LensView, LineClass } from '../../api/types';
import { LOCALE } from '../../i18n';
import { useI18n } from '../../i18n/react';
import { CLASSES, LINE_STYLES, tint } from './classes';
import { ClassIcon, LineSample } from './ClassBadge';
import { className, WIDE_SPAN } from './wording';
import { histogramBars, shares } from './figures';

/** Long lists show this many names until asked for all. */
const LIST_MAX = 6;

interface Props {
  view: LensView | null;
  /** Selects and shows a role on the chart, keeping this panel open. */
  onSelectRole(roleId: string): void;
  onOpenDecisions?(): void;
}

export function LensPanel({ view, onSelectRole, onOpenDecisions }: Props) {
  const { t, lang } = useI18n();
  const [allPass, setAllPass] = useState(false);
  const locale = LOCALE[lang];
  const num = (n: number, digits = 2) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n);
  const pct = (n: number) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(n);
  if (!view) return <p className="muted">{t('details.loading')}</p>;
  const f = view.figures;
  const span = view.span_of_control;
  const noDecisions = f.autonomy === null;
  const emptyDecisions = (
    <div className="figure-empty">
      <p>{t('lens.fig.noDomains')}</p>
      {onOpenDecisions && (
        <button type="button" className="button quiet" onClick={onOpenDecisions} data-testid="lens-map-first">
          {t('lens.fig.mapFirst')}
        </button>
      )}
    </div>
  );

  return (
    <div className="details-body lens-panel" data-testid="lens-panel">
      <h2 className="details-title">{t('lens.fig.title')}</h2>
      <p className="meta">{t('lens.fig.intro')}</p>

      <Figure title={t('lens.fig.lines')} explain={t('lens.fig.lines.explain')} testid="lens-fig-lines">
        <ClassShares counts={f.hierarchy} pct={pct} num={num} />
      </Figure>

      <div className="figure-pair">
        <Figure title={t('lens.fig.autonomy')} explain={t('lens.fig.autonomy.explain')}>
          {noDecisions ? (
            emptyDecisions
          ) : (
            <p className="figure-value" data-testid="lens-autonomy" data-value={f.autonomy!}>
              {pct(f.autonomy!)}
            </p>
          )}
        </Figure>
        <Figure title={t('lens.fig.distance')} explain={t('lens.fig.distance.explain')}>
          {f.decision_distance.mean === null ? (
            noDecisions ? (
              <p className="figure-empty-short">{t('lens.fig.noDomainsShort')}</p>
            ) : (
              <p className="figure-empty-short">{t('lens.fig.noDistance')}</p>
            )
          ) : (
            <dl className="figure-stats">
              <div>
                <dt>{t('lens.fig.mean')}</dt>
                <dd data-testid="lens-distance-mean" data-value={f.decision_distance.mean}>
                  {num(f.decision_distance.mean)}
                </dd>
              </div>
              <div>
                <dt>{t('lens.fig.max')}</dt>
                <dd data-testid="lens-distance-max" data-value={f.decision_distance.max ?? ''}>
                  {f.decision_distance.max === null ? '–' : num(f.decision_distance.max)}
                </dd>
              </div>
              <div className="unit">{t('lens.fig.steps')}</div>
            </dl>
          )}
        </Figure>
      </div>

      <div className="figure-pair">
        <Figure title={t('lens.fig.layers')} explain={t('lens.fig.layers.explain')}>
          <p className="figure-value" data-testid="lens-layers" data-value={view.layers}>
            {num(view.layers)}
          </p>
        </Figure>
        <Figure title={t('lens.fig.managers')} explain={t('lens.fig.managers.explain')}>
          <p className="figure-value" data-testid="lens-managers" data-value={span.managers}>
            {num(span.managers)}
          </p>
        </Figure>
      </div>

      <Figure title={t('lens.fig.span')} explain={t('lens.fig.span.explain', { limit: WIDE_SPAN })}>
        <dl className="figure-stats">
          <div>
            <dt>{t('lens.fig.mean')}</dt>
            <dd data-testid="lens-span-mean" data-value={span.mean}>
              {num(span.mean)}
            </dd>
          </div>
          <div>
            <dt>{t('lens.fig.median')}</dt>
            <dd data-testid="lens-span-median" data-value={span.median}>
              {num(span.median)}
            </dd>
          </div>
          <div>
            <dt>{t('lens.fig.max')}</dt>
            <dd data-testid="lens-span-max" data-value={span.max}>
              {num(span.max)}
            </dd>
          </div>
          <div className="unit">{t('lens.fig.reports')}</div>
        </dl>
        {span.managers > 0 && <Histogram histogram={span.histogram} num={num} />}
      </Figure>

      <Figure title={t('lens.fig.passThrough')} count={f.pass_through_managers.length} explain={t('lens.fig.passThrough.explain')}>
        {f.pass_through_managers.length === 0 ? (
          <p className="figure-empty-short">{t('lens.fig.none')}</p>
        ) : (
          <ul className="figure-list">
            {(allPass ? f.pass_through_managers : f.pass_through_managers.slice(0, LIST_MAX)).map((r) => (
              <li key={r.id} data-testid="lens-pass-through" data-role={r.id}>
                <button type="button" className="link" onClick={() => onSelectRole(r.id)}>
                  {r.name}
                </button>
                {r.external_id && <span className="meta"> · {r.external_id}</span>}
              </li>
            ))}
          </ul>
        )}
        {f.pass_through_managers.length > LIST_MAX && (
          <button type="button" className="link show-all" onClick={() => setAllPass(!allPass)} aria-expanded={allPass} data-testid="lens-pass-through-all">
            {allPass ? t('lens.fig.showFewer') : t('lens.fig.showAll', { n: f.pass_through_managers.length })}
          </button>
        )}
      </Figure>

      <Figure title={t('lens.fig.bottlenecks')} count={f.bottlenecks.length} explain={t('lens.fig.bottlenecks.explain')}>
        {f.bottlenecks.length === 0 ? (
          noDecisions ? <p className="figure-empty-short">{t('lens.fig.noDomainsShort')}</p> : <p className="figure-empty-short">{t('lens.fig.noBottlenecks')}</p>
        ) : (
          <ol className="figure-list bottlenecks">
            {f.bottlenecks.map((b) => (
              <li key={b.role.id} data-testid="lens-bottleneck" data-role={b.role.id} data-value={b.decisions}>
                <button type="button" className="link" onClick={() => onSelectRole(b.role.id)}>
                  {b.role.name}
                </button>
                <span className="bottleneck-count">{t('lens.fig.decisions', { n: b.decisions })}</span>
              </li>
            ))}
          </ol>
        )}
      </Figure>
    </div>
  );
}

function Figure(props: { title: string; explain: string; children: React.ReactNode; count?: number; testid?: string }) {
  const { t } = useI18n();
  return (
    <section className="figure" data-testid={props.testid}>
      <h3>
        {props.title}
        {props.count !== undefined && props.count > 0 && <span className="count">{props.count}</span>}
      </h3>
      {props.children}
      <details className="explain">
        <summary>{t('lens.fig.how')}</summary>
        <p>{props.explain}</p>
      </details>
    </section>
  );
}

/** The share of lines per class: a stacked bar (patterned per class) and a labelled row per class. */
function ClassShares(props: { counts: Record<LineClass, number>; pct(n: number): string; num(n: number): string }) {
  const { t } = useI18n();
  const id = useId().replace(/:/g, '');
  const s = shares(props.counts);
  const W = 400;
  const H = 30;
  return (
    <div className="class-shares">
      <svg viewBox={`0 0 ${W} ${H}`} className="share-bar" role="img" aria-label={CLASSES.map((c) => `${className(t, c)} ${props.pct(s.share[c])}`).join(', ')} preserveAspectRatio="none">
        <defs>
          <pattern id={`${id}-coordination`} width="10" height="10" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="10" height="10" fill={tint(LINE_STYLES.coordination.color, 0.25)} stroke="none" />
            <rect width="5" height="10" fill={LINE_STYLES.coordination.color} stroke="none" />
          </pattern>
          <pattern id={`${id}-control`} width="8" height="8" patternUnits="userSpaceOnUse">
            <rect width="8" height="8" fill={LINE_STYLES.control.color} stroke="none" />
            <path d="M0 4h8" stroke="#ffffff" strokeWidth="1.6" />
          </pattern>
          <pattern id={`${id}-unclassified`} width="8" height="8" patternUnits="userSpaceOnUse">
            <rect width="8" height="8" fill={tint(LINE_STYLES.unclassified.color, 0.22)} stroke="none" />
            <circle cx="4" cy="4" r="1.6" fill={LINE_STYLES.unclassified.color} stroke="none" />
          </pattern>
        </defs>
        {s.total === 0 ? (
          <rect x="0" y="0" width={W} height={H} rx="6" fill="#eef0f3" stroke="none" />
        ) : (
          CLASSES.map((c) => {
            const x = s.start[c] * W;
            const w = s.share[c] * W;
            if (w <= 0) return null;
            return <rect key={c} x={x} y="0" width={w} height={H} fill={c === 'support' ? LINE_STYLES.support.color : `url(#${id}-${c})`} stroke="#ffffff" strokeWidth="1.5" />;
          })
        )}
      </svg>
      <ul className="share-rows">
        {CLASSES.map((c) => (
          <li key={c} className={`share-row lens-fg-${c}`}>
            <ClassIcon c={c} />
            <span className="share-name">{className(t, c)}</span>
            <LineSample c={c} length={30} />
            <span className="share-count" data-testid={`lens-count-${c}`} data-value={props.counts[c]}>
              {props.num(props.counts[c])}
            </span>
            <span className="share-pct">{props.pct(s.share[c])}</span>
          </li>
        ))}
      </ul>
      <p className="meta">{t('lens.fig.linesTotal', { n: s.total })}</p>
    </div>
  );
}

/** Managers per number of direct reports, as bars with labelled axes; wide spans shaded. */
function Histogram(props: { histogram: Record<number, number>; num(n: number): string }) {
  const { t } = useI18n();
  const bars = histogramBars(props.histogram, WIDE_SPAN);
  const top = Math.max(1, ...bars.map((b) => b.managers));
  const W = 400;
  const H = 196;
  const left = 34;
  const right = 6;
  const topPad = 24;
  const bottom = 44;
  const plotW = W - left - right;
  const plotH = H - topPad - bottom;
  // A range bar ("11–15") gets more room than a single count, so its label fits.
  const weight = (b: (typeof bars)[number]) => (b.to === b.from ? 1 : 1.9);
  const unit = plotW / bars.reduce((s, b) => s + weight(b), 0);
  let at = left;
  const slots = bars.map((b) => {
    const x = at;
    at += weight(b) * unit;
    return { b, x, w: weight(b) * unit };
  });
  const barW = (w: number) => Math.max(4, Math.min(30, w * 0.72));
  const wide = slots.find((s) => s.b.from > WIDE_SPAN);
  return (
    <figure className="histogram">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('lens.fig.histogram.label')} data-testid="lens-histogram">
        {wide && (
          <g className="wide-mark">
            <rect x={wide.x} y={topPad - 18} width={left + plotW - wide.x} height={plotH + 18} />
            <text x={left + plotW - 4} y={topPad - 6} className="tick" textAnchor="end">
              {t('lens.fig.histogram.wide', { limit: WIDE_SPAN })}
            </text>
          </g>
        )}
        <path d={`M${left} ${topPad}V${topPad + plotH}H${W - right}`} className="axis" />
        <text x={left - 6} y={topPad + 4} className="tick" textAnchor="end">
          {props.num(top)}
        </text>
        <text x={left - 6} y={topPad + plotH} className="tick" textAnchor="end">
          0
        </text>
        {slots.map(({ b, x, w }) => {
          const h = (b.managers / top) * plotH;
          const cx = x + w / 2;
          const bw = barW(w);
          return (
            <g key={b.label}>
              <rect x={cx - bw / 2} y={topPad + plotH - h} width={bw} height={h} rx="2" className={b.from > WIDE_SPAN ? 'bar wide' : 'bar'} />
              {b.managers > 0 && (
                <text x={cx} y={topPad + plotH - h - 4} className="bar-value" textAnchor="middle">
                  {props.num(b.managers)}
                </text>
              )}
              <text x={cx} y={topPad + plotH + 15} className="tick" textAnchor="middle">
                {b.label}
              </text>
            </g>
          );
        })}
        <text x={left + plotW / 2} y={H - 4} className="axis-label" textAnchor="middle">
          {t('lens.fig.histogram.x')}
        </text>
        <text x={10} y={topPad + plotH / 2} className="axis-label" textAnchor="middle" transform={`rotate(-90 10 ${topPad + plotH / 2})`}>
          {t('lens.fig.histogram.y')}
        </text>
      </svg>
      <table className="visually-hidden">
        <caption>{t('lens.fig.histogram.label')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('lens.fig.histogram.x')}</th>
            <th scope="col">{t('lens.fig.histogram.y')}</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((b) => (
            <tr key={b.label}>
              <td>{b.label}</td>
              <td>{b.managers}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
