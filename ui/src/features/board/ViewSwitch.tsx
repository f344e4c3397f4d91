/**
 * The header's view switch: a tablist (Chart / Decisions / Vision / Proposals) with automatic activation; arrow keys,
 * Home and End move between the tabs, as the ARIA tabs pattern has it.
 */
import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useI18n } from '../../i18n/react';
import type { Key } from '../../i18n';
import { SHELL_VIEWS as VIEWS, type ShellView as AppView } from './view';

const LABEL: Record<AppView, Key> = { chart: 'board.view.chart', decisions: 'board.view.decisions', vision: 'board.view.vision', proposals: 'board.view.proposals' };

const ICON: Record<AppView, ReactNode> = {
  chart: (
    <svg viewBox="0 0 24 24" aria-hidden="true">
      <rect x="9" y="3" width="6" height="5" rx="1" />
      <rect x="3" y="16" width="6" height="5" rx="1" />
      <rect x="15" y="16" width="6" height="5" rx="1" />
      <path d="M12 8v4M6 16v-4h12v4" />
    </svg>
  ),
  decisions: (
    <svg viewBox="0 0 24 24" aria-hidden="true">
      <rect x="3" y="4" width="18" height="16" rx="2" />
      <path d="M3 10h18M9 4v16" />
    </svg>
  ),
  // A compass: the direction the vision gives.
  vision: (
    <svg viewBox="0 0 24 24" aria-hidden="true">
      <circle cx="12" cy="12" r="9" />
      <path d="m15.5 8.5-2 5-5 2 2-5z" />
    </svg>
  ),
  // A speech bubble with a check: proposed, discussed, consented.
  proposals: (
    <svg viewBox="0 0 24 24" aria-hidden="true">
      <path d="M4 5h16v11H10l-4 4v-4H4z" />
      <path d="m9 10.5 2 2 4-4" />
    </svg>
  ),
};

export const tabId = (v: AppView) => `view-tab-${v}`;
export const panelId = (v: AppView) => `view-panel-${v}`;

export function ViewSwitch(props: { view: AppView; onChange(v: AppView): void }) {
  const { t } = useI18n();
  const refs = useRef<Partial<Record<AppView, HTMLButtonElement | null>>>({});
  const onKey = (e: KeyboardEvent) => {
    const i = VIEWS.indexOf(props.view);
    const next = e.key === 'ArrowRight' ? (i + 1) % VIEWS.length : e.key === 'ArrowLeft' ? (i + VIEWS.length - 1) % VIEWS.length : e.key === 'Home' ? 0 : e.key === 'End' ? VIEWS.length - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    props.onChange(VIEWS[next]);
    refs.current[VIEWS[next]]?.focus();
  };
  return (
    <div className="segmented view-switch" role="tablist" aria-label={t('board.view.label')} onKeyDown={onKey} data-testid="view-switch">
      {VIEWS.map((v) => {
        const on = v === props.view;
        return (
          <button
            key={v}
            ref={(el) => {
              refs.current[v] = el;
            }}
            type="button"
            role="tab"
            id={tabId(v)}
            aria-selected={on}
            aria-controls={on ? panelId(v) : undefined}
            tabIndex={on ? 0 : -1}
            className={on ? 'on' : undefined}
            onClick={() => props.onChange(v)}
            title={t(LABEL[v])}
            data-testid={`view-${v}`}
          >
            {ICON[v]}
            <span>{t(LABEL[v])}</span>
          </button>
        );
      })}
    </div>
  );
}
