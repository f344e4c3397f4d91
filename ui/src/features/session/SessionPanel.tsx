/**
 * The facilitator's session panel (the header's "Session"): start a session (on this computer or
 * open to the local network); then the join code, large enough for the back of the room, with
 * the link and its QR code; who has joined (online, role, remove); the agenda with the current
 * item and its timer; "bring everyone here", locked editing and structural changes; a round of
 * delegation poker; and ending the session. A panel beside the app, not a modal: the facilitator
 * keeps working in the chart, the board or the vision while it is open.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { Backend } from '../../api/backend';
import type { BackendError } from '../../api/backend';
import type { AgendaItem, SessionView } from '../../api/session';
import { useI18n } from '../../i18n/react';
import type { Key } from '../../i18n';
import { Dialog } from '../settings/Dialog';
import type { ShellView } from '../board/view';
import { Clock } from './Clock';
import { QrCode } from './QrCode';
import {
  AGENDA_MINUTES_MAX, AGENDA_TITLE_MAX, agendaProblem, appViewOf, currentAfterMove, moveItem, sameAgenda, sessionViewOf, spacedCode, type SessionState,
} from './model';
import type { SessionHandle } from './useSession';
import type { Names } from './useNames';
import './session.css';

const VIEW_NAME: Record<ShellView, Key> = { chart: 'board.view.chart', decisions: 'board.view.decisions', vision: 'board.view.vision', proposals: 'board.view.proposals' };

interface Props {
  backend: Backend;
  session: SessionHandle;
  /**
   * The view the facilitator has open: where "bring everyone here" brings them (in Proposals,
   * to the proposal open in the address, if any).
   */
  appView: ShellView;
  names: Names;
  message(m: { kind: 'info' | 'error'; title?: string; text: string }): void;
  onPresent(): void;
  onClose(): void;
}

export function SessionPanel(props: Props) {
  const { t } = useI18n();
  const { state } = props.session;
  const titleId = useId();
  const ref = useRef<HTMLElement>(null);

  useEffect(() => {
    ref.current?.focus();
  }, []);

  return (
    <aside
      ref={ref}
      className="session-panel"
      aria-labelledby={titleId}
      tabIndex={-1}
      data-testid="session-panel"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !document.querySelector('dialog[open]')) {
          e.stopPropagation();
          props.onClose();
        }
      }}
    >
      <div className="session-panel-top">
        <h2 id={titleId}>{t('session.title')}</h2>
        <button type="button" className="icon-button" onClick={props.onClose} aria-label={t('session.close')} title={t('session.close')} data-testid="session-panel-close">
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M6 6l12 12M18 6 6 18" />
          </svg>
        </button>
      </div>
      {state.status === 'loading' && <p className="muted">{t('session.loading')}</p>}
      {state.status === 'unavailable' && (
        <div className="session-note" role="alert">
          <p>{t('session.unavailable')}</p>
          <p className="muted">{state.reason}</p>
        </div>
      )}
      {state.status === 'none' && <StartSession {...props} />}
      {state.status === 'active' && state.view && <Running {...props} view={state.view} state={state} />}
    </aside>
  );
}

function useFail(message: Props['message']) {
  const { t } = useI18n();
  return (e: BackendError) => message({ kind: 'error', title: t('session.refused'), text: e.message });
}

function StartSession(props: Props) {
  const { t } = useI18n();
  const [lan, setLan] = useState(false);
  const [busy, setBusy] = useState(false);
  const fail = useFail(props.message);
  const start = async () => {
    setBusy(true);
    await props.session.run(() => props.backend.startSession({ lan }), fail);
    setBusy(false);
  };
  return (
    <div className="session-start" data-testid="session-start">
      <svg className="session-start-art" viewBox="0 0 96 64" aria-hidden="true">
        <rect x="22" y="6" width="52" height="34" rx="4" />
        <path d="M48 40v8M36 50h24" />
        <rect x="4" y="36" width="14" height="24" rx="3" />
        <rect x="78" y="36" width="14" height="24" rx="3" />
        <path d="M18 44l8-6M78 44l-8-6" />
      </svg>
      <h3>{t('session.start.title')}</h3>
      <p>{t('session.start.body')}</p>
      <Switch checked={lan} onChange={setLan} testid="session-lan-start" label={t('session.lan')} hint={t('session.lan.hint')} />
      <button type="button" className="button primary large" onClick={() => void start()} disabled={busy} data-testid="session-start-button">
        {busy ? t('session.start.busy') : t('session.start.button')}
      </button>
    </div>
  );
}

function Running(props: Props & { view: SessionView; state: SessionState }) {
  const { t } = useI18n();
  const { view: v } = props;
  const [confirmEnd, setConfirmEnd] = useState(false);
  const fail = useFail(props.message);
  const run = (call: () => Promise<SessionView | void | null>) => props.session.run(call, fail);
  const end = async () => {
    setConfirmEnd(false);
    if (await run(() => props.backend.endSession().then(() => null))) props.message({ kind: 'info', text: t('session.endedToast') });
  };
  return (
    <div className="session-running">
      <JoinInfo view={v} onPresent={props.onPresent} onLan={(lan) => run(() => props.backend.updateSession({ lan }))} />
      <People view={v} backend={props.backend} run={run} />
      <Agenda view={v} skew={props.state.skew} backend={props.backend} run={run} />
      <Room view={v} appView={props.appView} backend={props.backend} run={run} />
      <PokerStart view={v} names={props.names} backend={props.backend} run={run} />
      <section className="session-section session-end">
        <button type="button" className="button danger-quiet" onClick={() => setConfirmEnd(true)} data-testid="session-end">
          {t('session.end')}
        </button>
        <p className="help">{t('session.end.help')}</p>
      </section>
      <Dialog open={confirmEnd} onClose={() => setConfirmEnd(false)} labelledBy="session-end-title" testid="session-end-dialog">
        <div className="dialog-body">
          <h2 id="session-end-title">{t('session.end.title')}</h2>
          <p>{t('session.end.body', { n: v.participants.length })}</p>
          <div className="dialog-actions">
            <button type="button" className="button quiet" onClick={() => setConfirmEnd(false)} autoFocus>
              {t('confirm.cancel')}
            </button>
            <button type="button" className="button danger" onClick={() => void end()} data-testid="session-end-confirm">
              {t('session.end.confirm')}
            </button>
          </div>
        </div>
      </Dialog>
    </div>
  );
}

type Run = (call: () => Promise<SessionView | void | null>) => Promise<boolean>;

function Section(props: { title: string; count?: number; children: ReactNode; className?: string; testid?: string; aside?: ReactNode }) {
  const id = useId();
  return (
    <section className={`session-section${props.className ? ` ${props.className}` : ''}`} aria-labelledby={id} data-testid={props.testid}>
      <div className="session-section-head">
        <h3 id={id}>
          {props.title}
          {props.count !== undefined && <span className="count">{props.count}</span>}
        </h3>
        {props.aside}
      </div>
      {props.children}
    </section>
  );
}

/**
 * A checkbox drawn as a switch, with its label and an optional hint. It shows the new state at
 * once while the server is asked (`onChange`'s promise), then the server's.
 */
function Switch(props: { checked: boolean; onChange(v: boolean): unknown; label: string; hint?: string; testid: string; disabled?: boolean }) {
  const hint = useId();
  const [pending, setPending] = useState<boolean | null>(null);
  const change = async (v: boolean) => {
    setPending(v);
    try {
      await props.onChange(v);
    } finally {
      setPending(null);
    }
  };
  return (
    <label className="switch">
      <input
        type="checkbox"
        role="switch"
        checked={pending ?? props.checked}
        disabled={props.disabled}
        onChange={(e) => void change(e.target.checked)}
        aria-describedby={props.hint ? hint : undefined}
        data-testid={props.testid}
      />
      <span className="switch-track" aria-hidden="true">
        <span className="switch-thumb" />
      </span>
      <span className="switch-text">
        <span className="switch-label">{props.label}</span>
        {props.hint && (
          <span className="switch-hint" id={hint}>
            {props.hint}
          </span>
        )}
      </span>
    </label>
  );
}

function JoinInfo(props: { view: SessionView; onPresent(): void; onLan(lan: boolean): unknown }) {
  const { t } = useI18n();
  const v = props.view;
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(v.join_url);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      /* no clipboard (an insecure origin): the link is selectable text */
    }
  };
  return (
    <section className="session-join" aria-label={t('session.join')} data-testid="session-join">
      <div className="session-join-text">
        <p className="session-join-step">{t('session.join.step1')}</p>
        <p className="session-url" data-testid="session-url">
          {v.join_url}
        </p>
        <p className="session-join-step">{t('session.join.step2')}</p>
        <p className="session-code" data-testid="session-code" aria-label={t('session.codeSpoken', { code: [...v.code].join(' ') })}>
          {spacedCode(v.code)}
        </p>
      </div>
      <QrCode text={v.join_url} label={t('session.qr', { url: v.join_url })} className="session-qr" />
      <div className="session-join-actions">
        <button type="button" className="button" onClick={props.onPresent} data-testid="session-present">
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <rect x="3" y="4" width="18" height="12" rx="2" />
            <path d="M12 16v4M8 20h8" />
          </svg>
          {t('session.present')}
        </button>
        <button type="button" className="button quiet" onClick={() => void copy()} data-testid="session-copy">
          {copied ? t('session.copied') : t('session.copy')}
        </button>
      </div>
      <Switch checked={v.lan} onChange={props.onLan} testid="session-lan" label={t('session.lan')} hint={v.lan ? t('session.lan.on') : t('session.lan.off')} />
    </section>
  );
}

function People(props: { view: SessionView; backend: Backend; run: Run }) {
  const { t } = useI18n();
  const v = props.view;
  const online = v.participants.filter((p) => p.online).length;
  return (
    <Section title={t('session.people')} count={v.participants.length} testid="session-people" aside={v.participants.length > 0 ? <span className="muted">{t('session.online', { n: online })}</span> : undefined}>
      {v.participants.length === 0 ? (
        <p className="muted">{t('session.people.none')}</p>
      ) : (
        <ul className="session-people">
          {v.participants.map((p) => (
            <li key={p.id} data-testid="session-person" data-name={p.name} data-online={p.online}>
              <span className={`presence-dot${p.online ? ' on' : ''}`} title={p.online ? t('session.person.online') : t('session.person.offline')} aria-hidden="true" />
              <span className="session-person-name">
                {p.name}
                <span className="visually-hidden"> ({p.online ? t('session.person.online') : t('session.person.offline')})</span>
              </span>
              <select
                className="field session-role"
                value={p.role}
                aria-label={t('session.person.role', { name: p.name })}
                onChange={(e) => void props.run(() => props.backend.setParticipantRole(p.id, e.target.value as 'participant' | 'observer'))}
                data-testid="session-person-role"
              >
                <option value="participant">{t('session.role.participant')}</option>
                <option value="observer">{t('session.role.observer')}</option>
              </select>
              <button
                type="button"
                className="icon-button small"
                onClick={() => void props.run(() => props.backend.removeParticipant(p.id))}
                aria-label={t('session.person.remove', { name: p.name })}
                title={t('session.person.remove', { name: p.name })}
                data-testid="session-person-remove"
              >
                <svg viewBox="0 0 24 24" aria-hidden="true">
                  <path d="M6 6l12 12M18 6 6 18" />
                </svg>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function Agenda(props: { view: SessionView; skew: number; backend: Backend; run: Run }) {
  const { t } = useI18n();
  const v = props.view;
  const [draft, setDraft] = useState<AgendaItem[]>(v.agenda);
  const [current, setCurrent] = useState<number | null>(v.current);
  const [dirty, setDirty] = useState(false);
  const [tried, setTried] = useState(false);
  const listRef = useRef<HTMLOListElement>(null);
  // Someone else's change shows while this editor has none of its own.
  useEffect(() => {
    if (!dirty) {
      setDraft(v.agenda);
      setCurrent(v.current);
    }
  }, [v.agenda, v.current, dirty]);

  const edit = (next: AgendaItem[], nextCurrent = current) => {
    setDraft(next);
    setCurrent(nextCurrent);
    setDirty(!sameAgenda(next, v.agenda) || nextCurrent !== v.current);
  };
  const problem = agendaProblem(draft);
  const save = async () => {
    setTried(true);
    if (problem) return;
    const patch = current !== v.current ? { agenda: draft, current } : { agenda: draft };
    if (await props.run(() => props.backend.updateSession(patch))) {
      setDirty(false);
      setTried(false);
    }
  };
  const discard = () => {
    setDraft(v.agenda);
    setCurrent(v.current);
    setDirty(false);
    setTried(false);
  };
  const add = () => {
    edit([...draft, { title: '', minutes: 10 }]);
    requestAnimationFrame(() => listRef.current?.querySelector<HTMLInputElement>('li:last-child input')?.focus());
  };
  const move = (i: number, by: number) => {
    const j = Math.max(0, Math.min(draft.length - 1, i + by));
    edit(moveItem(draft, i, by), currentAfterMove(current, i, j));
  };
  const remove = (i: number) => edit(draft.filter((_, k) => k !== i), current === i ? null : current !== null && i < current ? current - 1 : current);

  const item = v.current !== null ? v.agenda[v.current] : undefined;
  const timer = v.timer;
  const total = draft.reduce((n, x) => n + (Number.isFinite(x.minutes) ? x.minutes : 0), 0);

  return (
    <Section title={t('session.agenda')} testid="session-agenda" aside={draft.length > 0 ? <span className="muted">{t('session.agenda.total', { n: total })}</span> : undefined}>
      {item && !dirty && (
        <div className="session-now" data-testid="session-now">
          <div className="session-now-text">
            <span className="session-now-label">{t('session.now', { n: v.current! + 1, of: v.agenda.length })}</span>
            <span className="session-now-title">{item.title}</span>
          </div>
          <Clock timer={timer} skew={props.skew} className="large" testid="session-panel-clock" />
          <div className="session-timer-actions">
            {timer?.running ? (
              <button type="button" className="button" onClick={() => void props.run(() => props.backend.updateSession({ timer: 'pause' }))} data-testid="timer-pause">
                <svg viewBox="0 0 24 24" aria-hidden="true">
                  <path d="M9 5v14M15 5v14" />
                </svg>
                {t('session.timer.pause')}
              </button>
            ) : (
              <button type="button" className="button primary" onClick={() => void props.run(() => props.backend.updateSession({ timer: 'start' }))} data-testid="timer-start">
                <svg viewBox="0 0 24 24" aria-hidden="true">
                  <path d="m7 4 13 8-13 8z" />
                </svg>
                {t('session.timer.start')}
              </button>
            )}
            <button type="button" className="button quiet" onClick={() => void props.run(() => props.backend.updateSession({ timer: 'reset' }))} data-testid="timer-reset">
              {t('session.timer.reset')}
            </button>
            {v.current! + 1 < v.agenda.length && (
              <button type="button" className="button quiet" onClick={() => void props.run(() => props.backend.updateSession({ current: v.current! + 1 }))} data-testid="agenda-next">
                {t('session.agenda.next')}
              </button>
            )}
          </div>
        </div>
      )}

      {draft.length === 0 ? (
        <p className="muted">{t('session.agenda.none')}</p>
      ) : (
        <ol className="agenda-list" ref={listRef} data-testid="agenda-list">
          {draft.map((x, i) => {
            const bad = tried && problem?.index === i ? problem.what : null;
            const isCurrent = i === current;
            return (
              <li key={i} className={isCurrent ? 'current' : undefined} data-testid="agenda-item">
                <span className="agenda-n" aria-hidden="true">
                  {i + 1}
                </span>
                <input
                  className={`field agenda-title${bad === 'title' ? ' invalid' : ''}`}
                  value={x.title}
                  maxLength={AGENDA_TITLE_MAX}
                  placeholder={t('session.agenda.titlePlaceholder')}
                  aria-label={t('session.agenda.titleLabel', { n: i + 1 })}
                  aria-invalid={bad === 'title'}
                  onChange={(e) => edit(draft.map((y, k) => (k === i ? { ...y, title: e.target.value } : y)))}
                  data-testid="agenda-title"
                />
                <label className="agenda-minutes">
                  <input
                    className={`field${bad === 'minutes' ? ' invalid' : ''}`}
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={AGENDA_MINUTES_MAX}
                    value={Number.isFinite(x.minutes) ? x.minutes : ''}
                    aria-label={t('session.agenda.minutesLabel', { n: i + 1 })}
                    aria-invalid={bad === 'minutes'}
                    onChange={(e) => edit(draft.map((y, k) => (k === i ? { ...y, minutes: e.target.value === '' ? NaN : Number(e.target.value) } : y)))}
                    data-testid="agenda-minutes"
                  />
                  <span aria-hidden="true">{t('session.agenda.min')}</span>
                </label>
                <span className="agenda-tools">
                  {isCurrent && !dirty ? (
                    <span className="agenda-tag">{t('session.agenda.current')}</span>
                  ) : (
                    !dirty && (
                      <button type="button" className="button small quiet" onClick={() => void props.run(() => props.backend.updateSession({ current: i }))} data-testid="agenda-make-current">
                        {t('session.agenda.makeCurrent')}
                      </button>
                    )
                  )}
                  <button type="button" className="icon-button small" onClick={() => move(i, -1)} disabled={i === 0} aria-label={t('session.agenda.up', { n: i + 1 })} title={t('session.agenda.up', { n: i + 1 })}>
                    <svg viewBox="0 0 24 24" aria-hidden="true">
                      <path d="m6 15 6-6 6 6" />
                    </svg>
                  </button>
                  <button type="button" className="icon-button small" onClick={() => move(i, 1)} disabled={i === draft.length - 1} aria-label={t('session.agenda.down', { n: i + 1 })} title={t('session.agenda.down', { n: i + 1 })}>
                    <svg viewBox="0 0 24 24" aria-hidden="true">
                      <path d="m6 9 6 6 6-6" />
                    </svg>
                  </button>
                  <button type="button" className="icon-button small" onClick={() => remove(i)} aria-label={t('session.agenda.remove', { n: i + 1 })} title={t('session.agenda.remove', { n: i + 1 })} data-testid="agenda-remove">
                    <svg viewBox="0 0 24 24" aria-hidden="true">
                      <path d="M5 7h14M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3" />
                    </svg>
                  </button>
                </span>
              </li>
            );
          })}
        </ol>
      )}
      {tried && problem && (
        <p className="field-problem" role="alert">
          {problem.what === 'title' ? t('session.agenda.badTitle', { n: problem.index + 1, max: AGENDA_TITLE_MAX }) : t('session.agenda.badMinutes', { n: problem.index + 1, max: AGENDA_MINUTES_MAX })}
        </p>
      )}
      <div className="agenda-actions">
        <button type="button" className="button small" onClick={add} data-testid="agenda-add">
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M12 5v14M5 12h14" />
          </svg>
          {t('session.agenda.add')}
        </button>
        {dirty && (
          <>
            <button type="button" className="button small primary" onClick={() => void save()} data-testid="agenda-save">
              {t('session.agenda.save')}
            </button>
            <button type="button" className="button small quiet" onClick={discard}>
              {t('session.agenda.discard')}
            </button>
          </>
        )}
      </div>
    </Section>
  );
}

function Room(props: { view: SessionView; appView: ShellView; backend: Backend; run: Run }) {
  const { t } = useI18n();
  const v = props.view;
  const there = v.view;
  const thereApp = appViewOf(there);
  // Every bring counts (the view's `brought` changes), even to the view everyone already has.
  // The address is read at the click: in Proposals it names the proposal open now.
  const bring = () => props.run(() => props.backend.updateSession({ view: sessionViewOf(props.appView, location.hash) }));
  const viewName = t(VIEW_NAME[props.appView]);
  return (
    <Section title={t('session.room')} testid="session-room">
      <div className="session-bring">
        <button type="button" className="button primary" onClick={() => void bring()} data-testid="session-bring">
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <circle cx="12" cy="12" r="3" />
            <path d="M12 3v3M12 18v3M3 12h3M18 12h3" />
          </svg>
          {t('session.bring', { view: viewName })}
        </button>
        <span className="muted" data-testid="session-following">
          {thereApp ? t('session.following', { view: t(VIEW_NAME[thereApp]) }) : t('session.followingNone')}
        </span>
      </div>
      <Switch checked={v.locked} onChange={(locked) => props.run(() => props.backend.updateSession({ locked }))} testid="session-lock" label={t('session.lock')} hint={t('session.lock.hint')} />
      <Switch
        checked={v.structure_allowed}
        onChange={(structure_allowed) => props.run(() => props.backend.updateSession({ structure_allowed }))}
        testid="session-structure"
        label={t('session.structure')}
        hint={t('session.structure.hint')}
      />
    </Section>
  );
}

function PokerStart(props: { view: SessionView; names: Names; backend: Backend; run: Run }) {
  const { t } = useI18n();
  const { names } = props;
  const [domain, setDomain] = useState('');
  const [team, setTeam] = useState('');
  const d = domain || names.domains[0]?.id || '';
  const tm = team || names.teams[0]?.id || '';
  const open = !!props.view.poker;
  return (
    <Section title={t('poker.title')} testid="session-poker">
      {names.domains.length === 0 || names.teams.length === 0 ? (
        <p className="muted">{t('poker.start.none')}</p>
      ) : (
        <>
          <p className="help">{t('poker.start.help')}</p>
          <div className="poker-start">
            <label className="labelled">
              <span>{t('poker.start.domain')}</span>
              <select className="field" value={d} onChange={(e) => setDomain(e.target.value)} data-testid="poker-start-domain">
                {names.domains.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="labelled">
              <span>{t('poker.start.team')}</span>
              <select className="field" value={tm} onChange={(e) => setTeam(e.target.value)} data-testid="poker-start-team">
                {names.teams.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <button type="button" className="button" onClick={() => void props.run(() => props.backend.startPoker(d, tm))} disabled={!d || !tm} data-testid="poker-start">
            {open ? t('poker.start.again') : t('poker.start')}
          </button>
        </>
      )}
    </Section>
  );
}

/** The join code and link on the whole screen, for the projector while people join. */
export function PresentJoin(props: { view: SessionView | null; open: boolean; onClose(): void }) {
  const { t } = useI18n();
  const v = props.view;
  return (
    <Dialog open={props.open && !!v} onClose={props.onClose} labelledBy="present-title" testid="session-present-dialog">
      {v && (
        <div className="present">
          <h2 id="present-title">{t('session.present.title')}</h2>
          <div className="present-grid">
            <div className="present-steps">
              <p className="present-step">
                <span className="present-n">1</span>
                {t('session.present.open')}
              </p>
              <p className="present-url">{v.join_url}</p>
              <p className="present-step">
                <span className="present-n">2</span>
                {t('session.present.enter')}
              </p>
              <p className="present-code" data-testid="present-code">
                {spacedCode(v.code)}
              </p>
            </div>
            <QrCode text={v.join_url} label={t('session.qr', { url: v.join_url })} className="present-qr" />
          </div>
          <p className="present-count" role="status">
            {t('session.present.joined', { n: v.participants.length })}
          </p>
          <button type="button" className="button large" onClick={props.onClose} data-testid="present-close">
            {t('session.present.close')}
          </button>
        </div>
      )}
    </Dialog>
  );
}
