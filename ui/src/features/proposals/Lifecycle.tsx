/**
 * The facilitator's lifecycle controls: only the steps the state allows, a disabled step with
 * its reason in words, and for each step what it needs (a deadline, a reason, an amendment note
 * and how each objection is integrated). A refusal from the server is shown as a message.
 */
import { useId, useState } from 'react';
import type { Backend } from '../../api/backend';
import type { Chart, ProposalView, Revision, Step } from '../../api/types';
import { useI18n } from '../../i18n/react';
import type { Toast } from '../toast/toasts';
import { defaultDeadline, fromLocalInput, openObjections, phaseOf, stepsFor, toLocalInput, type StepKind } from './model';
import type { Fail } from './Proposals';
import { DraftEditor } from './DraftEditor';

const NEEDS_DEADLINE: ReadonlySet<StepKind> = new Set(['open', 'consent', 'amend']);

export function Lifecycle(props: {
  backend: Backend;
  view: ProposalView;
  chart: Chart | null;
  fail: Fail;
  message(t: Omit<Toast, 'id'>): void;
  onChanged(v: ProposalView): void;
  onEdit(): void;
}) {
  const { t } = useI18n();
  const v = props.view;
  const options = stepsFor(v);
  const phase = phaseOf(v.proposal.state, v.now);
  const [step, setStep] = useState<StepKind | null>(null);
  const [until, setUntil] = useState('');
  const [text, setText] = useState('');
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  // Amending may change what the proposal changes too: the revision edited for the amendment.
  const [revision, setRevision] = useState<Revision | null>(null);
  const [editingChanges, setEditingChanges] = useState(false);
  const [busy, setBusy] = useState(false);
  const untilId = useId();
  const textId = useId();
  if (options.length === 0 && phase !== 'draft') return null;

  const choose = (s: StepKind) => {
    setStep(s === step ? null : s);
    setProblem(null);
    setText('');
    setNotes({});
    setRevision(null);
    setEditingChanges(false);
    // Comments for a week, a round for a week; both end at 17:00.
    setUntil(toLocalInput(defaultDeadline(Date.now(), 7)));
  };

  const objections = step === 'amend' ? openObjections(v) : [];

  const go = async () => {
    if (!step) return;
    let body: Step;
    const deadline = fromLocalInput(until);
    if (NEEDS_DEADLINE.has(step) && (deadline === null || deadline <= Date.now())) {
      setProblem(t('proposals.step.pastDeadline'));
      return;
    }
    switch (step) {
      case 'open':
        body = { step: 'open', until: deadline! };
        break;
      case 'consent':
        body = { step: 'consent', until: deadline! };
        break;
      case 'amend':
        if (!text.trim() || objections.some((o) => !(notes[o.id] ?? '').trim())) {
          setProblem(t('proposals.step.needNote'));
          return;
        }
        body = {
          step: 'amend',
          ...(revision ? { revision } : {}),
          note: text.trim(),
          integrations: objections.map((o) => ({ objection: o.id, note: notes[o.id].trim() })),
          until: deadline!,
        };
        break;
      case 'reject':
        if (!text.trim()) {
          setProblem(t('proposals.step.needReason'));
          return;
        }
        body = { step: 'reject', reason: text.trim() };
        break;
      default:
        body = { step } as Step;
    }
    setBusy(true);
    try {
      const next = await props.backend.stepProposal(v.proposal.id, body);
      props.onChanged(next);
      setStep(null);
    } catch (e) {
      props.fail(e);
    } finally {
      setBusy(false);
    }
  };

  const blockedWhy = options.filter((o) => o.blocked);

  return (
    <section className="proposal-section lifecycle" aria-labelledby="lifecycle-h" data-testid="lifecycle">
      <h2 id="lifecycle-h">{t('proposals.steps')}</h2>
      <div className="step-buttons">
        {phase === 'draft' && (
          <button type="button" className="button" onClick={props.onEdit} data-testid="proposal-edit">
            {t('proposals.draft.edit')}
          </button>
        )}
        {options.map((o) => (
          <button
            key={o.step}
            type="button"
            className={`button${o.step === 'adopt' && !o.blocked ? ' primary' : ''}${o.step === 'reject' || o.step === 'withdraw' ? ' danger-quiet' : ''}${step === o.step ? ' selected' : ''}`}
            disabled={!!o.blocked}
            aria-expanded={step === o.step}
            aria-describedby={o.blocked ? `why-${o.step}` : undefined}
            onClick={() => choose(o.step)}
            data-testid={`proposal-step-${o.step}`}
          >
            {t(`proposals.step.${o.step}`)}
          </button>
        ))}
      </div>
      {blockedWhy.map((o) => (
        <p key={o.step} id={`why-${o.step}`} className="step-why" data-testid={`proposal-step-${o.step}-why`}>
          <strong>{t(`proposals.step.${o.step}`)}: </strong>
          {t(`proposals.why.${o.blocked!}`)}
        </p>
      ))}
      {step && (
        <div className="step-form" data-testid="step-form">
          {step === 'adopt' && <p>{t(v.proposal.proposed.kind === 'vision' ? 'proposals.step.adoptVisionHelp' : 'proposals.step.adoptHelp')}</p>}
          {step === 'withdraw' && <p>{t('proposals.step.withdrawHelp')}</p>}
          {(step === 'reject' || step === 'amend') && (
            <div className="form-row">
              <label htmlFor={textId}>{t(step === 'reject' ? 'proposals.step.reason' : 'proposals.step.amendNote')}</label>
              <textarea id={textId} className="field" rows={3} value={text} onChange={(e) => setText(e.target.value)} data-testid={step === 'reject' ? 'step-reason' : 'step-note'} />
            </div>
          )}
          {step === 'amend' &&
            (objections.length === 0 ? (
              <p className="muted">{t('proposals.step.noObjections')}</p>
            ) : (
              objections.map((o) => (
                <div key={o.id} className="form-row integration">
                  <blockquote className="prewrap">{o.reason}</blockquote>
                  <label htmlFor={`int-${o.id}`}>{t('proposals.step.integration')}</label>
                  <textarea
                    id={`int-${o.id}`}
                    className="field"
                    rows={2}
                    value={notes[o.id] ?? ''}
                    onChange={(e) => setNotes((n) => ({ ...n, [o.id]: e.target.value }))}
                    data-testid="step-integration"
                  />
                </div>
              ))
            ))}
          {step === 'amend' &&
            (editingChanges ? (
              <DraftEditor
                backend={props.backend}
                chart={props.chart}
                fail={props.fail}
                existing={revision ? { ...v, proposal: { ...v.proposal, proposed: staged(v, revision) } } : v}
                onCancel={() => setEditingChanges(false)}
                onRevision={(r) => {
                  setRevision(r);
                  setEditingChanges(false);
                }}
              />
            ) : (
              <div className="form-row amend-changes">
                {revision && (
                  <p className="amend-changed" data-testid="amend-changed">
                    {t('proposals.amend.changed')}
                  </p>
                )}
                <button type="button" className="button" onClick={() => setEditingChanges(true)} data-testid="amend-edit-changes">
                  {t(revision ? 'proposals.amend.editAgain' : 'proposals.amend.edit')}
                </button>
              </div>
            ))}
          {NEEDS_DEADLINE.has(step) && (
            <div className="form-row">
              <label htmlFor={untilId}>{t('proposals.step.until')}</label>
              <input id={untilId} type="datetime-local" className="field until" value={until} onChange={(e) => setUntil(e.target.value)} data-testid="step-until" />
            </div>
          )}
          {problem && (
            <p className="field-problem" role="alert">
              {problem}
            </p>
          )}
          <div className="step-form-actions">
            <button type="button" className={`button ${step === 'reject' || step === 'withdraw' ? 'danger' : 'primary'}`} onClick={() => void go()} disabled={busy} data-testid="proposal-step-go">
              {t('proposals.step.go', { step: t(`proposals.step.${step}`) })}
            </button>
            <button type="button" className="button quiet" onClick={() => setStep(null)}>
              {t('proposals.step.cancel')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

/**
 * The revision as the proposal would hold it, for editing it again: operations as they are; a
 * vision text against the base the proposal has (the server sets the base when it amends).
 */
function staged(v: ProposalView, r: Revision): ProposalView['proposal']['proposed'] {
  if (r.kind !== 'vision') return r;
  const bases = v.proposal.proposed.kind === 'vision' ? v.proposal.proposed.sections : [];
  return { kind: 'vision', sections: r.sections.map((s) => ({ section: s.section, base: bases.find((b) => b.section === s.section)?.base ?? '', proposed: s.text })) };
}
