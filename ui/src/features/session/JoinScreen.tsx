/**
 * What a browser without a valid token sees: the join form (the code on the facilitator's screen
 * and a display name → `POST /session/join`; the server sets the cookie, the page reloads `/`),
 * and, for a participant whose token was revoked, that the session has ended — nothing else.
 * Touch first: one column, large fields, the code typed in capitals whatever the keyboard does.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { JoinError, joinSession } from '../../api/session';
import { LOCALE, type Lang } from '../../i18n';
import { useI18n } from '../../i18n/react';
import { storeName, storedName } from '../vision/presence';
import { CODE_LENGTH, codeProblem, nameProblem, NAME_MAX, normalizeCode } from './model';
import './session.css';

function Logo() {
  return (
    <span className="logo" aria-hidden="true">
      <svg viewBox="0 0 32 32">
        <rect x="3" y="3" width="26" height="26" rx="7" />
        <path d="M11 9v14M11 16l9-7M14 14l7 9" />
      </svg>
    </span>
  );
}

function LangSwitch(props: { setLang(l: Lang): void }) {
  const { t, lang } = useI18n();
  return (
    <div className="segmented compact" role="group" aria-label={t('lang.label')}>
      {(['nl', 'en'] as const).map((l) => (
        <button key={l} type="button" className={l === lang ? 'on' : undefined} aria-pressed={l === lang} onClick={() => props.setLang(l)} lang={LOCALE[l]} title={t(`lang.${l}`)} data-testid={`join-lang-${l}`}>
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}

interface Failure {
  title: string;
  message: string;
}

export function JoinScreen(props: { setLang(l: Lang): void; reload?: () => void }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [name, setName] = useState(() => storedName() ?? '');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [touched, setTouched] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const ids = { code: useId(), codeHelp: useId(), name: useId(), nameHelp: useId(), error: useId() };

  const cp = codeProblem(code);
  const np = nameProblem(name);
  const codeHint = cp === 'lookalike' ? t('join.code.lookalike') : t('join.code.help');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (cp) return codeRef.current?.focus();
    if (np) return nameRef.current?.focus();
    setBusy(true);
    setFailure(null);
    try {
      await joinSession(code, name.trim());
      storeName(name);
      (props.reload ?? (() => location.assign('/')))();
    } catch (err) {
      const j = err instanceof JoinError ? err : new JoinError(0, 'internal', String(err), null);
      const title =
        j.status === 429
          ? j.retryAfter
            ? t('join.error.lockedFor', { minutes: Math.max(1, Math.ceil(j.retryAfter / 60)) })
            : t('join.error.locked')
          : j.status === 403
            ? t('join.error.code')
            : j.status === 404
              ? t('join.error.none')
              : j.status === 400
                ? t('join.error.name')
                : t('join.error.other');
      setFailure({ title, message: j.message });
      setBusy(false);
      if (j.status === 403) {
        codeRef.current?.focus();
        codeRef.current?.select();
      } else if (j.status === 400) nameRef.current?.focus();
    }
  };

  return (
    <div className="join-page" data-testid="join-screen">
      <div className="join-top">
        <span className="join-brand">
          <Logo />
          <span className="brand-name">{t('app.name')}</span>
        </span>
        <LangSwitch setLang={props.setLang} />
      </div>
      <main className="join-card">
        <h1>{t('join.title')}</h1>
        <p className="join-intro">{t('join.intro')}</p>
        <form onSubmit={(e) => void submit(e)} noValidate aria-describedby={failure ? ids.error : undefined}>
          <label className="join-field" htmlFor={ids.code}>
            <span className="join-label">{t('join.code')}</span>
          </label>
          <input
            ref={codeRef}
            id={ids.code}
            className={`field join-code${touched && cp ? ' invalid' : ''}`}
            value={code}
            onChange={(e) => {
              setCode(normalizeCode(e.target.value));
              setFailure(null);
            }}
            inputMode="text"
            autoCapitalize="characters"
            autoComplete="off"
            autoCorrect="off"
            spellCheck={false}
            enterKeyHint="next"
            maxLength={CODE_LENGTH + 4}
            placeholder="K7M2QX"
            aria-invalid={touched && !!cp}
            aria-describedby={ids.codeHelp}
            autoFocus
            data-testid="join-code"
          />
          <p id={ids.codeHelp} className={`join-help${cp === 'lookalike' ? ' problem' : ''}`}>
            {codeHint}
          </p>

          <label className="join-field" htmlFor={ids.name}>
            <span className="join-label">{t('join.name')}</span>
          </label>
          <input
            ref={nameRef}
            id={ids.name}
            className={`field join-name${touched && np ? ' invalid' : ''}`}
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setFailure(null);
            }}
            autoComplete="name"
            enterKeyHint="go"
            maxLength={NAME_MAX + 10}
            aria-invalid={touched && !!np}
            aria-describedby={ids.nameHelp}
            data-testid="join-name"
          />
          <p id={ids.nameHelp} className={`join-help${touched && np ? ' problem' : ''}`}>
            {touched && np === 'empty' ? t('join.name.empty') : touched && np === 'long' ? t('join.name.long', { max: NAME_MAX }) : t('join.name.help')}
          </p>

          {failure && (
            <div className="join-error" role="alert" id={ids.error} data-testid="join-error">
              <strong>{failure.title}</strong>
              <span>{failure.message}</span>
            </div>
          )}

          <button type="submit" className="button primary large join-submit" disabled={busy} data-testid="join-submit">
            {busy ? t('join.busy') : t('join.submit')}
          </button>
        </form>
      </main>
      <p className="join-foot">{t('join.foot')}</p>
    </div>
  );
}

/**
 * A participant whose token was revoked: the session has ended, or the facilitator removed them
 * from it; the page shows nothing else.
 */
export function EndedScreen(props: { removed?: boolean }) {
  const { t } = useI18n();
  return (
    <div className="join-page ended" data-testid="session-ended">
      <div className="join-top">
        <span className="join-brand">
          <Logo />
          <span className="brand-name">{t('app.name')}</span>
        </span>
      </div>
      <main className="join-card ended-card" role="status">
        <svg className="ended-art" viewBox="0 0 48 48" aria-hidden="true">
          <circle cx="24" cy="24" r="19" />
          {props.removed ? <path d="M30 24H15m0 0 5-5m-5 5 5 5" /> : <path d="m16 24 6 6 10-12" />}
        </svg>
        <h1>{t(props.removed ? 'session.removed' : 'session.ended')}</h1>
        <p className="join-intro">{t(props.removed ? 'session.removedBody' : 'session.endedThanks')}</p>
      </main>
    </div>
  );
}
