/**
 * The chart's floating controls (expand, overview, the hierarchy lens and its figures; zoom, fit)
 * and its legend, which names the lens's classes with their counts when the lens is on.
 */
import type { ClassCounts } from '../../api/types';
import { useI18n } from '../../i18n/react';
import { LOCALE } from '../../i18n';
import { CLASSES } from '../lens/classes';
import { ClassIcon, LineSample } from '../lens/ClassBadge';
import { className } from '../lens/wording';

export interface LensControls {
  on: boolean;
  onToggle(): void;
  figuresOpen: boolean;
  onFigures(): void;
}

export function ChartControls(props: {
  onZoom(f: number): void;
  onFit(): void;
  onExpandAll(): void;
  onOverview(): void;
  lens?: LensControls;
  /** The people without a role: their count, and opening their list. */
  unplaced?: { count: number; onOpen(): void };
}) {
  const { t } = useI18n();
  const lens = props.lens;
  return (
    <>
    <div className="chart-view-controls" role="toolbar" aria-label={t('chart.label')}>
      <span className="view-group">
        <button type="button" className="text-button" onClick={props.onExpandAll} data-testid="expand-all">
          {t('chart.expandAll')}
        </button>
        <button type="button" className="text-button" onClick={props.onOverview} data-testid="overview">
          {t('chart.overview')}
        </button>
      </span>
      {lens && (
        <span className="lens-group">
          <button
            type="button"
            className={`text-button lens-toggle${lens.on ? ' on' : ''}`}
            aria-pressed={lens.on}
            onClick={lens.onToggle}
            title={t('lens.toggleHint')}
            data-testid="lens-toggle"
          >
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <circle cx="10.5" cy="10.5" r="6.5" />
              <path d="m15.5 15.5 5 5" />
              <path d="M7.5 10.5h6" className="lens-toggle-line" />
            </svg>
            {t('lens.toggle')}
          </button>
          <button
            type="button"
            className={`text-button${lens.figuresOpen ? ' on' : ''}`}
            aria-pressed={lens.figuresOpen}
            onClick={lens.onFigures}
            title={t('lens.figuresHint')}
            data-testid="lens-figures"
          >
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M4 20V10M10 20V4M16 20v-7M22 20H2" />
            </svg>
            {t('lens.figures')}
          </button>
        </span>
      )}
      {props.unplaced && (
        <span className="people-group">
          <button
            type="button"
            className={`text-button unplaced-button${props.unplaced.count ? ' some' : ''}`}
            onClick={props.unplaced.onOpen}
            title={t('people.unplaced.badge', { n: props.unplaced.count })}
            aria-label={t('people.unplaced.badge', { n: props.unplaced.count })}
            data-testid="unplaced-button"
          >
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <circle cx="12" cy="8" r="3.5" />
              <path d="M5 20c0-3.9 3.1-7 7-7s7 3.1 7 7" />
            </svg>
            {t('people.unplaced.button')}
            <span className="badge" data-testid="unplaced-count">
              {props.unplaced.count}
            </span>
          </button>
        </span>
      )}
    </div>
    <div className="chart-controls" role="toolbar" aria-label={t('chart.label')}>
      <button type="button" className="icon-button" onClick={() => props.onZoom(1.25)} aria-label={t('chart.zoomIn')} title={t('chart.zoomIn')} data-testid="zoom-in">
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 5v14M5 12h14" />
        </svg>
      </button>
      <button type="button" className="icon-button" onClick={() => props.onZoom(0.8)} aria-label={t('chart.zoomOut')} title={t('chart.zoomOut')} data-testid="zoom-out">
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M5 12h14" />
        </svg>
      </button>
      <button type="button" className="icon-button" onClick={props.onFit} aria-label={t('chart.fit')} title={t('chart.fit')} data-testid="fit">
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" />
        </svg>
      </button>
    </div>
    </>
  );
}

export function Legend(props: { lens?: ClassCounts | null }) {
  const { t } = useI18n();
  if (props.lens) return <LensLegend counts={props.lens} />;
  return (
    <div className="legend" aria-hidden="true">
      <span>
        <svg viewBox="0 0 32 8">
          <path d="M0 4h32" className="legend-solid" />
        </svg>
        {t('chart.legend.reports')}
      </span>
      <span>
        <svg viewBox="0 0 32 8">
          <path d="M0 4h32" className="legend-dashed" />
        </svg>
        {t('chart.legend.dotted')}
      </span>
      <span>
        <svg viewBox="0 0 28 18">
          <rect x="1" y="1" width="26" height="16" rx="4" className="legend-vacant" />
        </svg>
        {t('chart.legend.vacant')}
      </span>
      <span>
        <svg viewBox="0 0 30 18">
          <rect x="1" y="1" width="28" height="16" rx="8" className="legend-pill" />
        </svg>
        {t('chart.legend.hidden')}
      </span>
    </div>
  );
}

/** The lens's legend: each class with its line style, icon, name and number of lines. */
function LensLegend(props: { counts: ClassCounts }) {
  const { t, lang } = useI18n();
  const nf = new Intl.NumberFormat(LOCALE[lang]);
  return (
    <ul className="legend lens-legend" aria-label={t('lens.legend.label')} data-testid="lens-legend">
      {CLASSES.map((c) => (
        <li key={c} className={`lens-fg-${c}`} data-testid={`lens-legend-${c}`} data-count={props.counts[c]}>
          <LineSample c={c} length={30} />
          <ClassIcon c={c} />
          <span className="lens-legend-name">{className(t, c)}</span>
          <span className="lens-legend-count">{nf.format(props.counts[c])}</span>
        </li>
      ))}
      <li className="lens-legend-dotted">
        <svg viewBox="0 0 32 8" aria-hidden="true">
          <path d="M0 4h32" className="legend-dashed" />
        </svg>
        <span>{t('lens.legend.dotted')}</span>
      </li>
    </ul>
  );
}
