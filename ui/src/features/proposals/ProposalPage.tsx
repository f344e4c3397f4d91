/**
 * One proposal: what and why, the state and its deadline, the facilitator's steps, the consent
 * round (answer and outcome), the preview (figures before and after, what changes, or the text
 * diff), the discussion, and the exports.
 */
import { useMemo, useRef, useState } from 'react';
import type { Anchor, ProposalView } from '../../api/types';
import type { ExportFormat } from '../../api/proposals';
import { useI18n } from '../../i18n/react';
import { anchorKey, phaseOf } from './model';
import { badgeKey, formatDay, slug, stateLine, whatChanged } from './words';
import { useProposal } from './useProposals';
import type { Fail, ProposalsProps } from './Proposals';
import { Consent, Outcome, Objections } from './Consent';
import { PreviewView } from './Preview';
import { Comments, type ComposerHandle } from './Comments';
import { Lifecycle } from './Lifecycle';
import { DraftEditor } from './DraftEditor';

export function ProposalPage(props: ProposalsProps & { id: string; fail: Fail; onBack(): void; onEdited(): void }) {
  const { t, lang } = useI18n();
  const open = useProposal(props.backend, props.id, props.lastEvent, props.version);
  const composer = useRef<ComposerHandle>(null);
  const [editing, setEditing] = useState(false);
  const v = open.view;

  // Comments per anchor, for the counts on the preview's nodes.
  const perAnchor = useMemo(() => {
    const m = new Map<string, number>();
    for (const c of open.comments ?? []) if (!c.deleted && !c.hidden) m.set(anchorKey(c.anchor), (m.get(anchorKey(c.anchor)) ?? 0) + 1);
    return m;
  }, [open.comments]);

  const onAnchor = (a: Anchor) => composer.current?.startOn(a);

  const updated = (next: ProposalView) => {
    open.setView(next);
    props.onEdited();
  };

  const exportAs = async (format: ExportFormat) => {
    if (!v) return;
    try {
      const text = await props.backend.exportProposal(v.proposal.id, format);
      const name = `${slug(v.proposal.title)}.${format === 'markdown' ? 'md' : 'html'}`;
      const saved = await props.backend.saveText(name, text, format === 'markdown' ? 'text/markdown' : 'text/html', t('app.saveAs', { file: name }));
      if (saved) props.message({ kind: 'info', text: t('proposals.export.done', { file: saved }) });
    } catch (e) {
      props.fail(e);
    }
  };

  const back = (
    <button type="button" className="back-link" onClick={props.onBack} data-testid="proposal-back">
      <svg viewBox="0 0 24 24" aria-hidden="true">
        <path d="m15 18-6-6 6-6" />
      </svg>
      {t('proposals.back')}
    </button>
  );

  if (!v)
    return (
      <>
        {back}
        {open.error ? (
          <div className="proposals-empty" role="alert">
            <p>{t('proposals.notFound', { message: open.error.message })}</p>
            <button type="button" className="button" onClick={open.reload}>
              {t('proposals.retry')}
            </button>
          </div>
        ) : (
          <p className="muted proposals-loading">{t('proposals.loading')}</p>
        )}
      </>
    );

  const p = v.proposal;
  const phase = phaseOf(p.state, v.now);
  const nameOf = (id: string) => props.chart?.roles.find((r) => r.id === id)?.title ?? props.chart?.teams.find((x) => x.id === id)?.name ?? null;

  if (editing && props.facilitator && phase === 'draft')
    return (
      <DraftEditor
        backend={props.backend}
        chart={props.chart}
        fail={props.fail}
        existing={v}
        onCancel={() => setEditing(false)}
        onSaved={(next) => {
          setEditing(false);
          updated(next);
          props.message({ kind: 'info', text: t('proposals.draft.saved') });
        }}
      />
    );

  return (
    <article className="proposal-page" data-testid="proposal-page" data-state={phase}>
      {back}
      <header className="proposal-header">
        <div className="proposal-item-top">
          <span className={`kind-tag kind-${p.proposed.kind}`}>{t(`proposals.kind.${p.proposed.kind}`)}</span>
          <span className={`phase-tag phase-${phase}`} data-testid="proposal-phase">
            {t(badgeKey(phase))}
          </span>
          {p.privacy.anonymous && <span className="plain-tag">{t('proposals.anonymous')}</span>}
          {p.privacy.hidden_results && <span className="plain-tag">{t('proposals.secret')}</span>}
        </div>
        <h1 className="proposal-title" data-testid="proposal-title">
          {p.title}
        </h1>
        <p className="proposal-state" data-testid="proposal-state">
          {stateLine(t, lang, p.state, v.now)}
        </p>
        <p className="muted proposal-by">{t('proposals.by', { name: p.author.name, date: formatDay(lang, p.created, v.now) })}</p>
      </header>

      <section className="proposal-section proposal-why" aria-labelledby="proposal-why-h">
        <h2 id="proposal-why-h">{t('proposals.why')}</h2>
        <p className="prewrap" data-testid="proposal-why">
          {p.rationale}
        </p>
        {p.goals.length > 0 && (
          <>
            <h3>{t('proposals.goals')}</h3>
            <ul className="goal-list">
              {p.goals.map((g, i) => (
                <li key={i}>{g}</li>
              ))}
            </ul>
          </>
        )}
      </section>

      {props.facilitator && (
        <Lifecycle
          backend={props.backend}
          view={v}
          chart={props.chart}
          fail={props.fail}
          message={props.message}
          onChanged={(next) => {
            updated(next);
            open.reload();
          }}
          onEdit={() => setEditing(true)}
        />
      )}

      {p.state.state === 'consent' && (
        <Consent backend={props.backend} view={v} canWrite={props.canWrite} fail={props.fail} message={props.message} onAnswered={updated} teamChoice={props.teamChoice} />
      )}
      {p.state.state === 'comments' && <p className="proposal-note">{t('proposals.answer.notYet')}</p>}
      {v.outcome && <Outcome view={v} teams={props.chart?.teams ?? []} />}
      {v.objections.length > 0 && <Objections view={v} />}

      {phase === 'adopted' && p.proposed.kind !== 'vision' ? (
        // Its operations are in the organization now: a preview against it would compare the
        // organization with itself. What it changed, in words.
        <section className="proposal-section" aria-labelledby="adopted-h" data-testid="adopted-changes">
          <h2 id="adopted-h">{t('proposals.adopted.title')}</h2>
          <p className="muted">{t('proposals.adopted.help')}</p>
          <ul className="decision-what">
            {whatChanged(t, p.proposed, nameOf).map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </section>
      ) : (
        <PreviewView view={v} preview={open.preview} error={open.previewError} chart={props.chart} perAnchor={perAnchor} onAnchor={onAnchor} />
      )}

      <Comments
        ref={composer}
        backend={props.backend}
        view={v}
        comments={open.comments}
        error={open.commentsError}
        chart={props.chart}
        preview={open.preview}
        facilitator={props.facilitator}
        canWrite={props.canWrite}
        fail={props.fail}
        setComments={open.setComments}
        reload={open.reload}
      />

      <footer className="proposal-export">
        <span className="muted">{t('proposals.export')}</span>
        <button type="button" className="button small" onClick={() => void exportAs('markdown')} data-testid="proposal-export-markdown">
          {t('proposals.export.markdown')}
        </button>
        <button type="button" className="button small" onClick={() => void exportAs('html')} data-testid="proposal-export-html">
          {t('proposals.export.html')}
        </button>
      </footer>
    </article>
  );
}
