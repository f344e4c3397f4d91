/**
 * The Vision view: the seven sections of the vision, each a rich-text editor, all bound to the
 * one Yjs document `vision` over one y-websocket connection (so one awareness: the carets in
 * every section and the people present). Loaded lazily: the editor and Yjs are their own chunk.
 */
import { useCallback, useMemo, useState } from 'react';
import type { Editor } from '@tiptap/react';
import type { Backend } from '../../api/backend';
import { useI18n } from '../../i18n/react';
import { LOCALE } from '../../i18n';
import { PILLARS, SECTIONS } from './sections';
import { SectionEditor } from './SectionEditor';
import { Toolbar } from './Toolbar';
import { useCollab } from './useCollab';
import { colorOf, dotClass, pickName, storeName, storedName, NAME_MAX, type CollabStatus, type Present } from './presence';
import './vision.css';

export interface VisionViewProps {
  backend: Backend;
  /** False for a read-only workspace (or a session's observer, or while editing is locked). */
  editable: boolean;
  /** The name others see, when it is given (a session's participant joined with it). */
  name?: string;
  /** Why the vision is not editable now, said above it (a session's lock, an observer). */
  notice?: string;
  /** The tab panel's id and its tab's id (the header's view switch). */
  panelId: string;
  tabId: string;
}

export default function VisionView(props: VisionViewProps) {
  const { t, lang } = useI18n();
  const fallbackName = t('vision.defaultName');
  // No name in the workspace's settings yet: a participant's join screen will give one later.
  const [typed, setTyped] = useState<string>(() => storedName() ?? '');
  const name = pickName(props.name ?? null, typed, fallbackName);
  const user = useMemo(() => ({ name, color: colorOf(name) }), [name]);
  const { collab, status, refusal, error, present } = useCollab(props.backend, user, t('vision.unnamed'), LOCALE[lang]);
  const [active, setActive] = useState<Editor | null>(null);
  const onFocus = useCallback((e: Editor) => setActive((prev) => (prev === e ? prev : e)), []);
  const current = active && !active.isDestroyed ? active : null;

  const rest = SECTIONS.filter((s) => !PILLARS.includes(s));

  return (
    <div className="vision" role="tabpanel" id={props.panelId} aria-labelledby={props.tabId} data-testid="vision">
      <div className="vision-top">
        <div className="vision-title">
          <h1>{t('vision.title')}</h1>
          <p className="muted">{t('vision.intro')}</p>
        </div>
        <div className="vision-people">
          {!error && <ConnectionStatus status={status} detail={refusal} />}
          <PresentList present={present} />
          {props.name === undefined && (
            <label className="vision-name">
              <span>{t('vision.name')}</span>
              <input
                className="field"
                value={typed}
                placeholder={fallbackName}
                maxLength={NAME_MAX}
                autoComplete="name"
                spellCheck={false}
                title={t('vision.nameHelp')}
                onChange={(e) => {
                  setTyped(e.target.value);
                  storeName(e.target.value);
                }}
                data-testid="vision-name"
              />
            </label>
          )}
        </div>
      </div>

      {/* A read-only workspace says so in the app's banner; its vision is shown, not edited. */}
      {props.editable && (
        <div className="vision-bar">
          <div className="vision-bar-inner">
            <Toolbar editor={current} />
          </div>
        </div>
      )}

      {props.notice && (
        <p className="vision-notice" role="status" data-testid="vision-notice">
          {props.notice}
        </p>
      )}

      {error && (
        <div className="loading vision-error" role="alert">
          <p>{t('vision.unreachable')}</p>
          <p className="muted">{error}</p>
        </div>
      )}

      {collab && (
        <div className="vision-grid">
          {rest.map((s) => (
            <SectionEditor key={s} section={s} collab={collab} user={user} editable={props.editable} onFocus={onFocus} />
          ))}
          <p className="vision-pillars">{t('vision.pillars')}</p>
          {PILLARS.map((s) => (
            <SectionEditor key={s} section={s} collab={collab} user={user} editable={props.editable} onFocus={onFocus} />
          ))}
        </div>
      )}
    </div>
  );
}

function ConnectionStatus(props: { status: CollabStatus; detail: string | null }) {
  const { t } = useI18n();
  const text = t(`vision.status.${props.status}`);
  const hint = props.status === 'offline' ? t('vision.status.offlineHint') : (props.detail ?? text);
  return (
    <span className={`vision-status ${props.status}`} role="status" title={hint} data-testid="vision-status" data-status={props.status}>
      <span className="live-dot" aria-hidden="true" />
      <span>{text}</span>
    </span>
  );
}

function PresentList(props: { present: Present[] }) {
  const { t } = useI18n();
  if (props.present.length === 0) return null;
  return (
    <div className="vision-present">
      <span className="vision-present-label">{t('vision.present')}</span>
      <ul aria-label={t('vision.present')} data-testid="vision-present">
        {props.present.map((p) => (
          <li key={p.clientId} className={p.self ? 'self' : undefined}>
            <span className={`vision-dot ${dotClass(p.colorIndex)}`} aria-hidden="true" />
            <span className="vision-present-name">{p.name}</span>
            {p.self && <span className="muted"> ({t('vision.you')})</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
