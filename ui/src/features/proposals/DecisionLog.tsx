/**
 * The decision log (`GET /api/decision-log`): what was decided, why, the final round's answers,
 * the objections and how they were integrated; exported as Markdown or HTML.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { BackendError, type Backend } from '../../api/backend';
import type { Chart, Decision, Event, ProposalView } from '../../api/types';
import type { ExportFormat } from '../../api/proposals';
import { useI18n } from '../../i18n/react';
import { ANSWER_KINDS } from './model';
import { formatDay, whatChanged } from './words';
import type { Toast } from '../toast/toasts';
import type { Fail } from './Proposals';

export function DecisionLog(props: {
  backend: Backend;
  chart: Chart | null;
  lastEvent: Event | null;
  fail: Fail;
  message(t: Omit<Toast, 'id'>): void;
  onBack(): void;
  onOpen(id: string): void;
}) {
  const { t, lang } = useI18n();
  const [log, setLog] = useState<Decision[] | null>(null);
  const [proposals, setProposals] = useState<Map<string, ProposalView>>(new Map());
  const [error, setError] = useState<BackendError | null>(null);
  const read = useCallback(() => {
    props.backend.decisionLog().then(
      (d) => {
        setLog(d);
        setError(null);
      },
      (e) => setError(BackendError.from(e)),
    );
    // The proposals themselves, to say what each decision changed in words and names; without
    // them the log's own lines are shown.
    props.backend.proposals().then(
      (list) => setProposals(new Map(list.map((v) => [v.proposal.id, v]))),
      () => undefined,
    );
  }, [props.backend]);

  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const r of props.chart?.roles ?? []) m.set(r.id, r.title);
    for (const x of props.chart?.teams ?? []) m.set(x.id, x.name);
    return m;
  }, [props.chart]);

  /** What a decision changed, in the UI's language with names; the log's lines when unknown. */
  const whatOf = (d: Decision): string[] => {
    const p = proposals.get(d.proposal)?.proposal.proposed;
    return p ? whatChanged(t, p, (id) => names.get(id) ?? null) : d.what;
  };
  // Read again when a proposal changes, and on an undo or redo (an adoption's change may have
  // been undone or redone: the log says so).
  const e = props.lastEvent;
  const relevant = e ? (e.proposal ?? (e.kind === 'do' ? null : `history-${e.seq}`)) : null;
  useEffect(read, [read, relevant]);

  const exportAs = async (format: ExportFormat) => {
    try {
      const text = await props.backend.exportDecisionLog(format);
      const name = `decision-log.${format === 'markdown' ? 'md' : 'html'}`;
      const saved = await props.backend.saveText(name, text, format === 'markdown' ? 'text/markdown' : 'text/html', t('app.saveAs', { file: name }));
      if (saved) props.message({ kind: 'info', text: t('proposals.export.done', { file: saved }) });
    } catch (e) {
      props.fail(e);
    }
  };

  // Newest first, as people read a log.
  const entries = log ? [...log].reverse() : null;
  return (
    <div className="decision-log" data-testid="decision-log">
      <button type="button" className="back-link" onClick={props.onBack} data-testid="proposal-back">
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="m15 18-6-6 6-6" />
        </svg>
        {t('proposals.back')}
      </button>
      <div className="proposals-head">
        <div>
          <h1>{t('proposals.log')}</h1>
          <p className="muted proposals-intro">{t('proposals.log.intro')}</p>
        </div>
        <div className="proposals-head-actions">
          <button type="button" className="button small" onClick={() => void exportAs('markdown')} data-testid="log-export-markdown">
            {t('proposals.export')} · {t('proposals.export.markdown')}
          </button>
          <button type="button" className="button small" onClick={() => void exportAs('html')} data-testid="log-export-html">
            {t('proposals.export')} · {t('proposals.export.html')}
          </button>
        </div>
      </div>
      {!log && !error && <p className="muted proposals-loading">{t('proposals.log.loading')}</p>}
      {error && (
        <p className="muted" role="alert">
          {error.message}
        </p>
      )}
      {entries && entries.length === 0 && <p className="proposals-empty">{t('proposals.log.empty')}</p>}
      {entries && entries.length > 0 && (
        <ol className="decisions">
          {entries.map((d) => (
            <li key={`${d.proposal}-${d.at}`} className={`decision outcome-${d.outcome}`} data-testid="decision" data-outcome={d.outcome} data-undone={d.undone}>
              <div className="proposal-item-top">
                <span className={`phase-tag phase-${d.outcome}`}>{t(d.outcome === 'adopted' ? 'proposals.log.adopted' : 'proposals.log.rejected')}</span>
                <span className={`kind-tag kind-${d.kind}`}>{t(`proposals.kind.${d.kind}`)}</span>
                {d.anonymous && <span className="plain-tag">{t('proposals.anonymous')}</span>}
                {d.undone && (
                  <span className="plain-tag undone-tag" title={t('proposals.log.undoneHint')} data-testid="decision-undone">
                    {t('proposals.log.undone')}
                  </span>
                )}
              </div>
              <h2 className="decision-title">{d.title}</h2>
              <p className="muted">{t('proposals.log.meta', { date: formatDay(lang, d.at), name: d.decided_by })}</p>
              <h3>{t('proposals.why')}</h3>
              <p className="prewrap">{d.rationale}</p>
              {d.goals.length > 0 && (
                <>
                  <h3>{t('proposals.goals')}</h3>
                  <ul className="goal-list">
                    {d.goals.map((g, i) => (
                      <li key={i}>{g}</li>
                    ))}
                  </ul>
                </>
              )}
              {d.reason && <p className="prewrap">{t('proposals.log.reason', { reason: d.reason })}</p>}
              {whatOf(d).length > 0 && (
                <>
                  <h3>{t('proposals.log.what')}</h3>
                  <ul className="decision-what" data-testid="decision-what">
                    {whatOf(d).map((w, i) => (
                      <li key={i}>{w}</li>
                    ))}
                  </ul>
                </>
              )}
              <h3>{t('proposals.log.tally')}</h3>
              <p className="decision-tally" data-testid="decision-tally">
                {ANSWER_KINDS.map((k) => `${t(`proposals.answer.${k}`)} ${d.tally[k]}`).join(' · ')}
              </p>
              {d.rounds.some((r) => r.amendment) && (
                <ul className="decision-rounds">
                  {d.rounds.map((r) => (
                    <li key={r.number}>
                      {t('proposals.round.line', { round: r.number, n: r.respondents })}
                      {r.amendment && ` — ${t('proposals.round.amended', { note: r.amendment })}`}
                    </li>
                  ))}
                </ul>
              )}
              {d.objections.length > 0 && (
                <>
                  <h3>{t('proposals.objections')}</h3>
                  <ul className="objection-list">
                    {d.objections.map((o) => (
                      <li key={o.id} className={`objection${o.integration ? ' integrated' : ' open'}`}>
                        <div className="objection-top">
                          <span className="muted">{t('proposals.objection.round', { n: o.round })}</span>
                          {o.by && <span className="muted">{t('proposals.objection.by', { name: o.by })}</span>}
                        </div>
                        <p className="prewrap objection-reason">{o.reason}</p>
                        {o.integration && (
                          <p className="prewrap objection-integration">
                            <span aria-hidden="true">↳ </span>
                            {o.integration}
                          </p>
                        )}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              <div className="decision-foot">
                <button type="button" className="text-button" onClick={() => props.onOpen(d.proposal)} data-testid="decision-open">
                  {t('proposals.log.open')}
                </button>
                {d.change !== null && <span className="muted">{t('proposals.log.change', { n: d.change })}</span>}
              </div>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
