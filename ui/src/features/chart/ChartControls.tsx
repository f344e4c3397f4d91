/** The chart's floating controls (zoom, fit, expand, overview) and its legend. */
import { useI18n } from '../../i18n/react';

export function ChartControls(props: { onZoom(f: number): void; onFit(): void; onExpandAll(): void; onOverview(): void }) {
  const { t } = useI18n();
  return (
    <>
    <div className="chart-view-controls" role="toolbar" aria-label={t('chart.label')}>
      <button type="button" className="text-button" onClick={props.onExpandAll} data-testid="expand-all">
        {t('chart.expandAll')}
      </button>
      <button type="button" className="text-button" onClick={props.onOverview} data-testid="overview">
        {t('chart.overview')}
      </button>
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

export function Legend() {
  const { t } = useI18n();
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
