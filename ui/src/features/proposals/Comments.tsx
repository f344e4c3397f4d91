/**
 * The discussion: threaded comments (reply), on the proposal or anchored to a node of the
 * preview or a passage of a revised text, reactions, editing and deleting one's own (with the
 * kept edit key on an anonymous proposal), and hiding with a reason (the facilitator). Every
 * text people wrote is rendered as a React text node.
 */
import { forwardRef, useId, useImperativeHandle, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Backend } from '../../api/backend';
import type { BackendError } from '../../api/backend';
import type { Anchor, Chart, Comment, Preview, ProposalView } from '../../api/types';
import { useI18n } from '../../i18n/react';
import { SECTIONS, titleKey, type VisionSection } from '../vision/sections';
import { buildThreads, flatten, mayDiscuss, reactionsOf, toggleReaction } from './model';
import { myComments } from './mine';
import { useNames } from './Preview';
import { formatWhen } from './words';
import type { Fail } from './Proposals';

export interface ComposerHandle {
  /** Starts a comment on `anchor`: the composer shows it, scrolls into view and takes focus. */
  startOn(anchor: Anchor): void;
}

interface Props {
  backend: Backend;
  view: ProposalView;
  comments: Comment[] | null;
  error: BackendError | null;
  chart: Chart | null;
  preview: Preview | null;
  facilitator: boolean;
  canWrite: boolean;
  fail: Fail;
  setComments(f: (c: Comment[] | null) => Comment[] | null): void;
  reload(): void;
}

const REACTION_NAME = { '+1': 'proposals.reaction.+1', heart: 'proposals.reaction.heart', thinking: 'proposals.reaction.thinking' } as const;

/** Drawn, not emoji: a projector's or a kiosk's system may have no emoji font. */
const REACTION_ICON: Record<string, ReactNode> = {
  '+1': (
    <svg viewBox="0 0 24 24" aria-hidden="true">
      <path d="M7 10v11H4V10zM7 10l4-7a2 2 0 0 1 3 2l-1 5h6a2 2 0 0 1 2 2.3l-1.4 7A2 2 0 0 1 17.6 21H7" />
    </svg>
  ),
  heart: (
    <svg viewBox="0 0 24 24" aria-hidden="true" className="reaction-heart">
      <path d="M12 20s-7.5-4.6-9.2-9.3C1.6 7.2 4 4 7.2 4c2 0 3.6 1.1 4.8 2.8C13.2 5.1 14.8 4 16.8 4 20 4 22.4 7.2 21.2 10.7 19.5 15.4 12 20 12 20z" />
    </svg>
  ),
  thinking: (
    <svg viewBox="0 0 24 24" aria-hidden="true">
      <circle cx="12" cy="12" r="9" />
      <path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6v.6M12 17.2v.1" />
    </svg>
  ),
};

export const Comments = forwardRef<ComposerHandle, Props>(function Comments(props, ref) {
  const { t } = useI18n();
  const mine = useMemo(() => myComments(), []);
  const names = useNames(props.chart, props.preview, props.view);
  const [anchor, setAnchor] = useState<Anchor>({ on: 'proposal' });
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [empty, setEmpty] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const section = useRef<HTMLElement>(null);
  const inputId = useId();
  const p = props.view.proposal;
  const open = mayDiscuss(p.state);
  const write = open && props.canWrite;

  useImperativeHandle(ref, () => ({
    startOn(a) {
      setAnchor(a);
      section.current?.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
      requestAnimationFrame(() => input.current?.focus());
    },
  }));

  const threads = useMemo(() => flatten(buildThreads(props.comments ?? [])), [props.comments]);

  const post = async (body: string, a: Anchor, parent?: string): Promise<boolean> => {
    try {
      const posted = await props.backend.postComment(p.id, { body, ...(parent ? { parent } : { anchor: a }) });
      mine.remember(posted.id, posted.edit_key);
      props.reload();
      return true;
    } catch (e) {
      props.fail(e);
      return false;
    }
  };

  const submit = async () => {
    if (!text.trim()) {
      setEmpty(true);
      input.current?.focus();
      return;
    }
    setBusy(true);
    if (await post(text.trim(), anchor)) {
      setText('');
      setAnchor({ on: 'proposal' });
    }
    setBusy(false);
  };

  const anchorLabel = (a: Anchor): string | null => {
    if (a.on === 'node') return t('proposals.comment.onNode', { name: names(a.node.id) ?? t('proposals.unnamed') });
    if (a.on === 'passage') {
      const s = (SECTIONS as readonly string[]).includes(a.section) ? t(titleKey(a.section as VisionSection)) : a.section;
      return `${s} · ${t('proposals.comment.onPassage', { quote: a.quote })}`;
    }
    return null;
  };

  // Named: the server says whose it is (two people may share a display name); anonymous: this
  // browser holds its edit key.
  const isMine = (c: Comment) => c.mine || mine.has(c.id);

  return (
    <section className="proposal-section discussion" aria-labelledby="discussion-h" ref={section} data-testid="discussion">
      <h2 id="discussion-h">
        {t('proposals.discussion')} <span className="count">{threads.filter((n) => !n.comment.deleted).length}</span>
      </h2>
      {p.state.state === 'draft' && <p className="muted">{t('proposals.comment.draft')}</p>}
      {!open && p.state.state !== 'draft' && <p className="muted">{t('proposals.comment.closed')}</p>}
      {write && (
        <div className="composer">
          <label htmlFor={inputId} className="visually-hidden">
            {t('proposals.comment.label')}
          </label>
          {anchor.on !== 'proposal' && (
            <div className="anchor-chip" data-testid="comment-anchor">
              <span className="anchor-text">{anchorLabel(anchor)}</span>
              <button type="button" className="text-button" onClick={() => setAnchor({ on: 'proposal' })} data-testid="comment-anchor-clear">
                {t('proposals.comment.anchorClear')}
              </button>
            </div>
          )}
          <textarea
            id={inputId}
            ref={input}
            className="field"
            rows={3}
            maxLength={20000}
            placeholder={t('proposals.comment.placeholder')}
            value={text}
            aria-invalid={empty}
            onChange={(e) => {
              setText(e.target.value);
              setEmpty(false);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
            }}
            data-testid="comment-input"
          />
          {empty && <p className="field-problem">{t('proposals.comment.empty')}</p>}
          <div className="composer-foot">
            {p.privacy.anonymous && <p className="muted small-note">{t('proposals.comment.anonNote')}</p>}
            <button type="button" className="button primary" onClick={() => void submit()} disabled={busy} data-testid="comment-submit">
              {t('proposals.comment.send')}
            </button>
          </div>
        </div>
      )}
      {props.error && !props.comments && (
        <p className="muted" role="alert">
          {props.error.message}
        </p>
      )}
      {props.comments && props.comments.length === 0 && open && <p className="muted">{t('proposals.comment.none')}</p>}
      <ol className="comments" data-testid="comments">
        {threads.map((n) => (
          <CommentItem
            key={n.comment.id}
            comment={n.comment}
            depth={n.depth}
            anchorLabel={anchorLabel(n.comment.anchor)}
            mine={isMine(n.comment)}
            editKey={mine.key(n.comment.id)}
            canWrite={write}
            facilitator={props.facilitator}
            backend={props.backend}
            fail={props.fail}
            onReply={(body) => post(body, n.comment.anchor, n.comment.id)}
            setComments={props.setComments}
            reload={props.reload}
            forget={() => mine.forget(n.comment.id)}
          />
        ))}
      </ol>
    </section>
  );
});

function CommentItem(props: {
  comment: Comment;
  depth: number;
  anchorLabel: string | null;
  mine: boolean;
  editKey: string | null;
  canWrite: boolean;
  facilitator: boolean;
  backend: Backend;
  fail: Fail;
  onReply(body: string): Promise<boolean>;
  setComments(f: (c: Comment[] | null) => Comment[] | null): void;
  reload(): void;
  forget(): void;
}) {
  const { t, lang } = useI18n();
  const c = props.comment;
  const [mode, setMode] = useState<'read' | 'reply' | 'edit' | 'hide' | 'delete'>('read');
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const gone = c.deleted || c.hidden !== null;
  const replace = (next: Comment) => props.setComments((all) => all?.map((x) => (x.id === next.id ? next : x)) ?? all);

  const run = async (f: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await f();
      setMode('read');
      setDraft('');
      props.reload();
    } catch (e) {
      props.fail(e);
    } finally {
      setBusy(false);
    }
  };

  const react = async (key: string, on: boolean) => {
    replace(toggleReaction(c, key));
    try {
      await props.backend.reactToComment(c.id, key, on);
    } catch (e) {
      props.fail(e);
    }
    props.reload();
  };

  const depth = Math.min(props.depth, 4);
  return (
    <li className={`comment depth-${depth}${gone ? ' gone' : ''}${props.mine ? ' mine' : ''}`} data-testid="comment" data-depth={props.depth} data-id={c.id}>
      <div className="comment-top">
        <span className="comment-author">{c.author ?? t('proposals.comment.anonymous')}</span>
        {props.mine && <span className="plain-tag">{t('proposals.comment.you')}</span>}
        <span className="muted comment-when">
          {formatWhen(lang, c.created)}
          {c.edited !== null && ` · ${t('proposals.comment.edited')}`}
        </span>
      </div>
      {props.anchorLabel && props.depth === 0 && (
        <p className="comment-anchor" data-testid="comment-anchor-label">
          {props.anchorLabel}
        </p>
      )}
      {c.deleted ? (
        <p className="comment-body muted" data-testid="comment-deleted">
          {t('proposals.comment.deleted')}
        </p>
      ) : c.hidden !== null ? (
        <>
          <p className="comment-body muted" data-testid="comment-hidden">
            {t('proposals.comment.hidden', { reason: c.hidden })}
          </p>
          {c.body && <p className="comment-body prewrap hidden-text">{c.body}</p>}
        </>
      ) : mode === 'edit' ? (
        <div className="comment-form">
          <textarea className="field" rows={3} value={draft} onChange={(e) => setDraft(e.target.value)} aria-label={t('proposals.comment.edit')} data-testid="comment-edit-input" />
          <div className="comment-form-actions">
            <button type="button" className="button small primary" disabled={busy || !draft.trim()} onClick={() => void run(() => props.backend.editComment(c.id, draft.trim(), props.editKey))} data-testid="comment-edit-save">
              {t('proposals.comment.save')}
            </button>
            <button type="button" className="button small quiet" onClick={() => setMode('read')}>
              {t('proposals.comment.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <p className="comment-body prewrap" data-testid="comment-body">
          {c.body}
        </p>
      )}
      {!gone && (
        <div className="comment-actions">
          {reactionsOf(c).map((r) => (
            <button
              key={r.key}
              type="button"
              className={`reaction${r.mine ? ' on' : ''}`}
              aria-pressed={r.mine}
              disabled={!props.canWrite}
              onClick={() => void react(r.key, !r.mine)}
              title={r.key in REACTION_NAME ? t(REACTION_NAME[r.key as keyof typeof REACTION_NAME]) : r.key}
              aria-label={t('proposals.reaction.label', { name: r.key in REACTION_NAME ? t(REACTION_NAME[r.key as keyof typeof REACTION_NAME]) : r.key, n: r.count })}
              data-testid={`reaction-${r.key}`}
              data-count={r.count}
            >
              {REACTION_ICON[r.key] ?? <span aria-hidden="true">{r.emoji}</span>}
              {r.count > 0 && <span className="reaction-count">{r.count}</span>}
            </button>
          ))}
          {props.canWrite && (
            <button type="button" className="text-button" onClick={() => setMode(mode === 'reply' ? 'read' : 'reply')} data-testid="comment-reply">
              {t('proposals.comment.reply')}
            </button>
          )}
          {props.canWrite && props.mine && (
            <>
              <button
                type="button"
                className="text-button"
                onClick={() => {
                  setDraft(c.body ?? '');
                  setMode('edit');
                }}
                data-testid="comment-edit"
              >
                {t('proposals.comment.edit')}
              </button>
              <button type="button" className="text-button" onClick={() => setMode('delete')} data-testid="comment-delete">
                {t('proposals.comment.delete')}
              </button>
            </>
          )}
          {props.facilitator && (
            <button type="button" className="text-button danger-text" onClick={() => setMode('hide')} data-testid="comment-hide">
              {t('proposals.comment.hide')}
            </button>
          )}
        </div>
      )}
      {mode === 'delete' && (
        <div className="comment-form" role="group">
          <p>{t('proposals.comment.deleteConfirm')}</p>
          <div className="comment-form-actions">
            <button
              type="button"
              className="button small danger"
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  await props.backend.deleteComment(c.id, props.editKey);
                  props.forget();
                })
              }
              data-testid="comment-delete-confirm"
            >
              {t('proposals.comment.delete')}
            </button>
            <button type="button" className="button small quiet" onClick={() => setMode('read')}>
              {t('proposals.comment.cancel')}
            </button>
          </div>
        </div>
      )}
      {mode === 'hide' && (
        <div className="comment-form">
          <textarea className="field" rows={2} value={draft} onChange={(e) => setDraft(e.target.value)} placeholder={t('proposals.comment.hideReason')} aria-label={t('proposals.comment.hideReason')} data-testid="comment-hide-reason" />
          <div className="comment-form-actions">
            <button type="button" className="button small danger" disabled={busy || !draft.trim()} onClick={() => void run(() => props.backend.hideComment(c.id, draft.trim()))} data-testid="comment-hide-confirm">
              {t('proposals.comment.hideConfirm')}
            </button>
            <button type="button" className="button small quiet" onClick={() => setMode('read')}>
              {t('proposals.comment.cancel')}
            </button>
          </div>
        </div>
      )}
      {mode === 'reply' && (
        <div className="comment-form">
          <textarea
            className="field"
            rows={2}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder={t('proposals.comment.replyPlaceholder')}
            aria-label={t('proposals.comment.reply')}
            autoFocus
            data-testid="reply-input"
          />
          <div className="comment-form-actions">
            <button
              type="button"
              className="button small primary"
              disabled={busy || !draft.trim()}
              onClick={async () => {
                setBusy(true);
                if (await props.onReply(draft.trim())) {
                  setDraft('');
                  setMode('read');
                }
                setBusy(false);
              }}
              data-testid="reply-submit"
            >
              {t('proposals.comment.reply')}
            </button>
            <button type="button" className="button small quiet" onClick={() => setMode('read')}>
              {t('proposals.comment.cancel')}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
