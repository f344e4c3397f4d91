/**
 * The session's strip under the header, for everyone while a session runs: who you are in it
 * (the facilitator: the join code, for whoever arrives late), the agenda item and its countdown,
 * and whether editing is locked. The facilitator opens the session panel from it.
 */
import type { SessionView } from '../../api/session';
import { useI18n } from '../../i18n/react';
import { Clock } from './Clock';
import { isFacilitator, spacedCode } from './model';

export function SessionBar(props: { view: SessionView; skew: number; onOpen?(): void }) {
  const { t } = useI18n();
  const v = props.view;
  const facilitator = isFacilitator(v);
  const item = v.current !== null ? v.agenda[v.current] : undefined;
  return (
    <div className="session-bar" role="region" aria-label={t('session.bar')} data-testid="session-bar" data-role={v.me.role}>
      {facilitator ? (
        <span className="session-who" title={t('session.joinAt', { url: v.join_url })}>
          <span className="session-dot" aria-hidden="true" />
          <span className="session-who-label">{t('session.codeLabel')}</span>
          <strong className="session-code-inline" data-testid="session-bar-code">
            {spacedCode(v.code)}
          </strong>
        </span>
      ) : (
        <span className="session-who">
          <span className="session-dot" aria-hidden="true" />
          <span className="session-who-label">{t('session.joinedAs')}</span>
          <strong className="session-me" data-testid="session-me">
            {v.me.name}
          </strong>
          {v.me.role === 'observer' && <span className="session-tag">{t('session.role.observer')}</span>}
        </span>
      )}
      <span className="session-item" data-testid="session-item">
        {item ? (
          <>
            <span className="session-item-n">{t('session.itemOf', { n: v.current! + 1, of: v.agenda.length })}</span>
            <span className="session-item-title">{item.title}</span>
          </>
        ) : (
          <span className="muted">{facilitator ? t('session.noItemFacilitator') : t('session.noItem')}</span>
        )}
      </span>
      <Clock timer={v.timer} skew={props.skew} />
      {v.locked && (
        <span className="session-flag" data-testid="session-locked" title={facilitator ? t('session.lockedHint.facilitator') : t('session.lockedHint')}>
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <rect x="5" y="11" width="14" height="10" rx="2" />
            <path d="M8 11V8a4 4 0 0 1 8 0v3" />
          </svg>
          <span>{t('session.lockedFlag')}</span>
        </span>
      )}
      {facilitator && props.onOpen && (
        <button type="button" className="button small session-bar-open" onClick={props.onOpen} data-testid="session-bar-open">
          {t('session.manage')}
        </button>
      )}
    </div>
  );
}
