/**
 * The consent round: four clear choices (an objection's reason is required, and said so), one
 * answer per round; the outcome (counts per kind, per team from 5 answers, or "hidden until the
 * round closes"); the objections and how they were integrated.
 */
import { useId, useState } from 'react';
import type { Backend } from '../../api/backend';
import type { ChartTeam, ProposalView, Tally } from '../../api/types';
import { useI18n } from '../../i18n/react';
import type { Toast } from '../toast/toasts';
import { ANSWER_KINDS, answerOf, answerProblem, mayAnswer, phaseOf, tallyTotal, type AnswerKind } from './model';
import type { Fail } from './Proposals';
import { TeamChoice, type TeamChoiceProps } from '../session/TeamChoice';

const ICON: Record<AnswerKind, string> = { consent: '✓', concern: '!', objection: '✕', stand_aside: '–' };

export function Consent(props: {
  backend: Backend;
  view: ProposalView;
  canWrite: boolean;
  fail: Fail;
  message(t: Omit<Toast, 'id'>): void;
  onAnswered(v: ProposalView): void;
  /** A participant may say their team before answering (it goes with the answer). */
  teamChoice?: TeamChoiceProps;
}) {
  const { t } = useI18n();
  const v = props.view;
  const [kind, setKind] = useState<AnswerKind | null>(null);
  const [text, setText] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const textId = useId();
  const problemId = useId();
  const open = phaseOf(v.proposal.state, v.now) === 'round_open';
  if (!open && !v.answered) return null;

  if (v.answered)
    return (
      <section className="proposal-section consent done" data-testid="consent-done">
        <p className="consent-done-text">
          <span aria-hidden="true">✓ </span>
          {t('proposals.answer.done')}
        </p>
      </section>
    );
  if (!mayAnswer(v, props.canWrite))
    return (
      <section className="proposal-section consent">
        <p className="muted">{t('proposals.answer.readOnly')}</p>
      </section>
    );

  const problem = kind ? answerProblem(kind, text) : null;
  const send = async () => {
    if (!kind) return;
    setTried(true);
    if (problem) return;
    setBusy(true);
    try {
      const next = await props.backend.answerProposal(v.proposal.id, answerOf(kind, text));
      props.onAnswered(next);
    } catch (e) {
      props.fail(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="proposal-section consent" aria-labelledby="consent-h" data-testid="consent">
      <h2 id="consent-h">{t('proposals.consent')}</h2>
      <p className="muted">{t('proposals.consent.help')}</p>
      <div className="consent-choices" role="radiogroup" aria-labelledby="consent-h">
        {ANSWER_KINDS.map((k) => (
          <button
            key={k}
            type="button"
            role="radio"
            aria-checked={kind === k}
            className={`consent-choice answer-${k}${kind === k ? ' on' : ''}`}
            onClick={() => {
              setKind(k);
              setTried(false);
            }}
            data-testid={`consent-${k}`}
          >
            <span className="consent-icon" aria-hidden="true">
              {ICON[k]}
            </span>
            <span className="consent-label">{t(`proposals.answer.${k}`)}</span>
            <span className="consent-hint">{t(`proposals.answer.${k}.hint`)}</span>
          </button>
        ))}
      </div>
      {(kind === 'concern' || kind === 'objection') && (
        <div className="consent-text">
          <label htmlFor={textId}>{t(kind === 'objection' ? 'proposals.answer.reason' : 'proposals.answer.note')}</label>
          <textarea
            id={textId}
            className="field"
            rows={3}
            value={text}
            maxLength={20000}
            required={kind === 'objection'}
            aria-invalid={tried && !!problem}
            aria-describedby={tried && problem ? problemId : undefined}
            onChange={(e) => setText(e.target.value)}
            data-testid={kind === 'objection' ? 'objection-reason' : 'concern-note'}
          />
          {tried && problem && (
            <p className="field-problem" id={problemId} role="alert" data-testid="objection-reason-required">
              {t('proposals.answer.reasonRequired')}
            </p>
          )}
        </div>
      )}
      {kind && props.teamChoice && <TeamChoice {...props.teamChoice} compact />}
      {kind && (
        <div className="consent-send">
          <button type="button" className="button primary large" onClick={() => void send()} disabled={busy} data-testid="consent-send">
            {t('proposals.answer.send')}
          </button>
          <p className="muted">
            {t('proposals.answer.once')}
            {v.proposal.privacy.anonymous ? ` ${t('proposals.answer.anonymous')}` : ''}
          </p>
        </div>
      )}
    </section>
  );
}

function TallyBars({ tally, testid }: { tally: Tally; testid?: string }) {
  const { t } = useI18n();
  const total = tallyTotal(tally);
  return (
    <ul className="tally" data-testid={testid}>
      {ANSWER_KINDS.map((k) => (
        <li key={k} className={`tally-row answer-${k}`} data-testid={testid ? `${testid}-${k}` : undefined} data-count={tally[k]}>
          <span className="tally-label">
            <span className="consent-icon small" aria-hidden="true">
              {ICON[k]}
            </span>
            {t(`proposals.answer.${k}`)}
          </span>
          <span className="tally-bar" aria-hidden="true">
            <meter min={0} max={Math.max(total, 1)} value={tally[k]} />
          </span>
          <span className="tally-count">{tally[k]}</span>
        </li>
      ))}
    </ul>
  );
}

export function Outcome(props: { view: ProposalView; teams: readonly ChartTeam[] }) {
  const { t } = useI18n();
  const o = props.view.outcome;
  if (!o) return null;
  const teamName = (id: string) => props.teams.find((x) => x.id === id)?.name ?? id;
  return (
    <section className="proposal-section outcome" aria-labelledby="outcome-h" data-testid="outcome">
      <h2 id="outcome-h">{t('proposals.outcome', { n: o.round })}</h2>
      <p className="outcome-respondents" data-testid="outcome-respondents">
        {t('proposals.outcome.respondents', { n: o.respondents })}
      </p>
      {o.tally ? (
        <TallyBars tally={o.tally} testid="tally" />
      ) : (
        <p className="outcome-hidden" data-testid="outcome-hidden">
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <rect x="5" y="11" width="14" height="9" rx="2" />
            <path d="M8 11V8a4 4 0 0 1 8 0v3" />
          </svg>
          {t('proposals.outcome.hidden')}
        </p>
      )}
      {o.tally && o.teams.length > 0 && (
        <div className="outcome-teams">
          {o.teams.map((tt) => (
            <div key={tt.team} className="outcome-team">
              <h3>{teamName(tt.team)}</h3>
              <TallyBars tally={tt.tally} />
            </div>
          ))}
          <p className="muted small-note">{t('proposals.outcome.teamsNote')}</p>
        </div>
      )}
    </section>
  );
}

export function Objections(props: { view: ProposalView }) {
  const { t } = useI18n();
  return (
    <section className="proposal-section" aria-labelledby="objections-h" data-testid="objections">
      <h2 id="objections-h">{t('proposals.objections')}</h2>
      <ul className="objection-list">
        {props.view.objections.map((o) => (
          <li key={o.id} className={`objection${o.integration ? ' integrated' : ' open'}`} data-testid="objection">
            <div className="objection-top">
              <span className="muted">{t('proposals.objection.round', { n: o.round })}</span>
              <span className={`phase-tag ${o.integration ? 'phase-adopted' : 'phase-objection'}`}>{t(o.integration ? 'proposals.objection.integrated' : 'proposals.objection.open')}</span>
              {o.by && <span className="muted">{t('proposals.objection.by', { name: o.by })}</span>}
            </div>
            <p className="prewrap objection-reason">{o.reason}</p>
            {o.integration && (
              <p className="prewrap objection-integration" data-testid="objection-integration">
                <span aria-hidden="true">↳ </span>
                {o.integration}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
