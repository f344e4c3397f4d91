/**
 * One reporting line through the lens, in the side panel: report → manager, the line's class,
 * the rule that decided it, and every reason with its signal and source; for an unclassified
 * line, the data that is missing and what to do next. Live: it re-reads the line after every
 * change, so changing a level or an accountability elsewhere changes what it says.
 */
import type { Backend } from '../../api/backend';
import { LOCALE } from '../../i18n';
import { useI18n } from '../../i18n/react';
import { ClassBadge, ClassIcon, SignalIcon } from './ClassBadge';
import { useLensLine } from './useLens';
import { classMeaning, isMissing, nextSteps, reasonEffect, reasonSource, reasonText, ruleText, signalLabel } from './wording';

/** A role's title and the people who fill it. */
export interface RoleInfo {
  title: string;
  people: string[];
}

export function LinePanel(props: {
  backend: Backend;
  id: string;
  version: number;
  onShowRole(roleId: string): void;
  /** Opens the delegation board (the Decisions view), when the app has one. */
  onOpenDecisions?(): void;
  /** Who fills the roles, from the chart: titles repeat, names tell lines apart. */
  roleInfo?(roleId: string): RoleInfo | null;
}) {
  const { t, lang } = useI18n();
  const locale = LOCALE[lang];
  const { line, error } = useLensLine(props.backend, props.id, props.version);
  if (!line) return <p className="muted">{error ? error.message : t('details.loading')}</p>;
  const steps = nextSteps(t, line);
  const people = (id: string) => props.roleInfo?.(id)?.people.join(', ') || t('chart.vacant');
  const who = props.roleInfo ? `${people(line.report.id)} → ${people(line.manager.id)}` : null;
  const votes = line.reasons.filter((r) => !isMissing(r));
  const missing = line.reasons.filter(isMissing);
  return (
    <div className="details-body line-panel" data-testid="line-panel" data-class={line.class}>
      <h2 className="details-title line-title">
        <button type="button" className="link" onClick={() => props.onShowRole(line.report.id)} data-testid="line-report">
          {line.report.name}
        </button>
        <span className="line-arrow" aria-label={t('lens.reportsTo')}>
          {' '}→{' '}
        </span>
        <button type="button" className="link" onClick={() => props.onShowRole(line.manager.id)} data-testid="line-manager">
          {line.manager.name}
        </button>
      </h2>
      {who && <p className="meta line-people">{who}</p>}
      <div className={`line-verdict lens-soft-${line.class}`}>
        <ClassBadge c={line.class} large testid="line-class" />
        <p>{classMeaning(t, line.class)}</p>
      </div>

      <section className="details-section">
        <h3>{t('lens.why')}</h3>
        <p className="line-rule" data-testid="line-rule" data-rule={line.rule}>
          {ruleText(t, line.rule)}
        </p>
      </section>

      {votes.length > 0 && (
        <section className="details-section">
          <h3>
            {t('lens.signals')}
            <span className="count">{votes.length}</span>
          </h3>
          <ul className="reasons">
            {votes.map((r, i) => {
              const effect = reasonEffect(t, r, locale);
              return (
                <li key={i} className="reason" data-testid="line-reason" data-signal={r.signal}>
                  <SignalIcon s={r.signal} />
                  <div className="reason-body">
                    <div className="reason-head">
                      <strong>{signalLabel(t, r.signal)}</strong>
                      {effect && (
                        <span className={`reason-effect lens-fg-${effect.class}`}>
                          <ClassIcon c={effect.class} />
                          {effect.text}
                        </span>
                      )}
                    </div>
                    <p className="reason-text">{reasonText(t, r, line.manager, locale)}</p>
                    <p className="reason-source">{reasonSource(t, r, line.manager)}</p>
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
      )}

      {missing.length > 0 && (
        <section className="details-section">
          <h3>{t('lens.missing')}</h3>
          <ul className="reasons">
            {missing.map((r, i) => (
              <li key={i} className="reason missing" data-testid="line-reason" data-signal={r.signal}>
                <SignalIcon s={r.signal} />
                <div className="reason-body">
                  <div className="reason-head">
                    <strong>{signalLabel(t, r.signal)}</strong>
                  </div>
                  <p className="reason-text">{reasonText(t, r, line.manager, locale)}</p>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}

      {steps.length > 0 && (
        <section className="details-section">
          <h3>{t('lens.next')}</h3>
          <ul className="next-steps">
            {steps.map((s, i) => (
              <li key={i} data-testid="line-next">
                {s.kind === 'decisions' && props.onOpenDecisions ? (
                  <button type="button" className="button quiet next-step" onClick={props.onOpenDecisions}>
                    <SignalIcon s="decision" />
                    {s.text}
                  </button>
                ) : s.kind === 'accountabilities' ? (
                  <button type="button" className="button quiet next-step" onClick={() => props.onShowRole(s.manager.id)}>
                    <SignalIcon s="accountability" />
                    {s.text}
                  </button>
                ) : (
                  <p className="next-step plain">
                    <SignalIcon s="decision" />
                    {s.text}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
