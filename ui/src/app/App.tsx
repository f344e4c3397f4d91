/**
 * The application shell: header (search, undo/redo, import, settings, language, live status),
 * the org chart, the details panel, dialogs and toasts. It holds the UI state (selection,
 * collapse, panel) and turns user intentions into operations; the workspace state lives in
 * `useWorkspace`.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { BackendError, type Backend } from '../api/backend';
import { backend as pickBackend } from '../api/select';
import type { Op, RoleDetails, SearchHit, TeamWord } from '../api/types';
import * as ops from '../api/ops';
import { I18nProvider, useI18n, type T } from '../i18n/react';
import { LOCALE, pickLanguage, type Lang } from '../i18n';
import { readOnlyBanner } from './readOnly';
import { useWorkspace, type WorkspaceState } from '../features/workspace/useWorkspace';
import { buildModel, initialCollapse, revealPath, toggle, type Collapsed } from '../features/chart/model';
import { layoutTree } from '../features/chart/layout';
import { ChartView, type ChartHandle } from '../features/chart/ChartView';
import { ChartControls, Legend } from '../features/chart/ChartControls';
import { SearchBox, type SearchHandle } from '../features/search/SearchBox';
import { DetailsPanel, type DetailsHandle, type PanelTarget } from '../features/details/DetailsPanel';
import { RemoveRoleDialog } from '../features/people/RemoveRoleDialog';
import { UnplacedPanel } from '../features/people/UnplacedPanel';
import { SettingsDialog } from '../features/settings/SettingsDialog';
import { EmptyState, useFilePicker } from '../features/importer/importer';
import { Toasts, useToasts } from '../features/toast/toasts';
import { BoardView } from '../features/board/Board';
import { ViewSwitch, panelId, tabId } from '../features/board/ViewSwitch';
import { useView } from '../features/board/view';
import { useChartLens } from '../features/lens/useLens';
import { MenuButton, MenuGroup, MenuItem, MenuSeparator } from '../features/menu/Menu';
import { Vision } from '../features/vision/Vision';
import { useSession, type SessionHandle } from '../features/session/useSession';
import { useNames } from '../features/session/useNames';
import { SessionBar } from '../features/session/SessionBar';
import { PokerDock } from '../features/session/PokerDock';
import { EndedScreen, JoinScreen } from '../features/session/JoinScreen';
import { isFacilitator, mayChangeStructure, mayEditDocuments } from '../features/session/model';
import { levelName } from '../features/board/labels';
import type { LevelN } from '../features/board/model';
import type { Applies } from '../api/session';

// The facilitator's session panel and its QR code are their own chunk: a participant's phone
// never loads them.
const SessionPanel = lazy(() => import('../features/session/SessionPanel').then((m) => ({ default: m.SessionPanel })));
const PresentJoin = lazy(() => import('../features/session/SessionPanel').then((m) => ({ default: m.PresentJoin })));
// Proposals are their own chunk too: the chart opens without them.
const ProposalsView = lazy(() => import('../features/proposals/Proposals').then((m) => ({ default: m.ProposalsView })));

/** A large org opens showing at most this many roles: the deepest levels that fit. */
export const OPEN_BUDGET = 1500;
const LANG_KEY = 'kader.lang';

export function App() {
  const [backend, setBackend] = useState<Backend | null>(null);
  useEffect(() => {
    void pickBackend().then(setBackend);
  }, []);
  // A participant whose token was revoked sees that the session ended, and nothing else: the
  // workspace and the session stop talking to the server.
  // Without a valid token (the API answers 401) the browser is shown the join form, and stops
  // asking.
  const [gone, setGone] = useState(false);
  const [locked, setLocked] = useState(false);
  const ws = useWorkspace(gone || locked ? null : backend);
  const session = useSession(gone || locked ? null : backend);
  const sv = session.state.view;
  const [participant, setParticipant] = useState(false);
  useEffect(() => {
    if (sv && !isFacilitator(sv)) setParticipant(true);
  }, [sv]);
  const unauthorized = ws.error?.code === 'unauthorized';
  useEffect(() => {
    if (unauthorized) setLocked(true);
  }, [unauthorized]);
  useEffect(() => {
    if (session.state.status === 'ended' || (participant && unauthorized)) setGone(true);
  }, [session.state.status, participant, unauthorized]);
  const [lang, setLang] = useState<Lang>(() => {
    let stored: string | null = null;
    try {
      stored = localStorage.getItem(LANG_KEY);
    } catch {
      /* storage may be unavailable */
    }
    return pickLanguage(stored, navigator.languages?.length ? navigator.languages : [navigator.language]);
  });
  useEffect(() => backend?.onLanguage?.((l) => (l === 'en' || l === 'nl') && setLang(l)), [backend]);
  useEffect(() => {
    document.documentElement.lang = LOCALE[lang];
    try {
      localStorage.setItem(LANG_KEY, lang);
    } catch {
      /* not remembered, still switched */
    }
  }, [lang]);
  return (
    <I18nProvider lang={lang} teamWord={ws.info?.team_word}>
      {gone ? <EndedScreen removed={session.state.removed} /> : unauthorized ? <JoinScreen setLang={setLang} /> : <Shell backend={backend} ws={ws} session={session} setLang={setLang} />}
    </I18nProvider>
  );
}

/** "25 roles · 25 people · 4 teams", each count in its plural form. */
function statsText(t: T, s: { roles: number; people: number; teamCount: number }): string {
  return t('app.stats', { roles: t('app.stats.roles', { n: s.roles }), people: t('app.stats.people', { n: s.people }), teamCount: t('app.stats.teams', { n: s.teamCount }) });
}

function isTyping(el: EventTarget | null): boolean {
  const e = el as HTMLElement | null;
  if (!e || !e.tagName) return false;
  return e.tagName === 'INPUT' || e.tagName === 'TEXTAREA' || e.tagName === 'SELECT' || e.isContentEditable;
}

function Shell({ backend, ws, session, setLang }: { backend: Backend | null; ws: WorkspaceState; session: SessionHandle; setLang(l: Lang): void }) {
  const { t, lang } = useI18n();
  const { toasts, push, dismiss } = useToasts();
  const chartRef = useRef<ChartHandle>(null);
  const searchRef = useRef<SearchHandle>(null);
  const detailsRef = useRef<DetailsHandle>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [panel, setPanel] = useState<PanelTarget | null>(null);
  const [userCollapsed, setCollapsed] = useState<Set<string> | null>(null);
  const [pendingCenter, setPendingCenter] = useState<string | null>(null);
  const [freshRole, setFreshRole] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<{ id: string; title: string } | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [unplacedOpen, setUnplacedOpen] = useState(false);
  const [importing, setImporting] = useState(false);
  const [view, setView] = useView();
  const [sessionOpen, setSessionOpen] = useState(false);
  const [presenting, setPresenting] = useState(false);
  const [pokerBusy, setPokerBusy] = useState(false);

  const sv = session.state.status === 'active' ? session.state.view : null;
  const facilitator = !sv || isFacilitator(sv);
  // In a session a participant's structural changes are refused unless the facilitator allows
  // them; an observer only reads. The server decides; the controls say so beforehand.
  const editable = !!ws.info && !ws.info.read_only && mayChangeStructure(sv);
  const names = useNames(backend, ws.version, sessionOpen || !!sv?.poker);

  // A participant follows when the facilitator brings everyone to a view.
  const bring = session.state.bring;
  useEffect(() => {
    if (!bring) return;
    setView(bring.view);
    // One proposal: its address, which the Proposals view follows.
    if (bring.view === 'proposals' && location.hash !== bring.hash) {
      history.pushState(null, '', `${location.pathname}${location.search}${bring.hash}`);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }
    // Only a new "bring" moves the participant, not their own navigation afterwards.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [bring?.n]);
  const model = useMemo(() => (ws.chart ? buildModel(ws.chart) : null), [ws.chart]);
  const expandAllAtOpen = useMemo(() => new URLSearchParams(location.search).get('expand') === 'all', []);
  const collapsed: Collapsed = useMemo(() => {
    if (userCollapsed) return userCollapsed;
    if (!model) return new Set<string>();
    return expandAllAtOpen ? new Set<string>() : initialCollapse(model, OPEN_BUDGET);
  }, [userCollapsed, model, expandAllAtOpen]);
  const layout = useMemo(() => (model ? layoutTree(model, collapsed) : null), [model, collapsed]);
  const lens = useChartLens(backend, ws.version, model, panel?.kind === 'figures');

  // An emptied workspace opens afresh after the next import.
  useEffect(() => {
    if (model && model.n === 0) setCollapsed(null);
  }, [model]);

  // The selection disappears with its role.
  useEffect(() => {
    if (model && selected && !model.index.has(selected)) {
      setSelected(null);
      setPanel((p) => (p?.kind === 'role' && p.id === selected ? null : p));
    }
  }, [model, selected]);

  useEffect(() => {
    if (pendingCenter && layout && model?.index.has(pendingCenter)) {
      chartRef.current?.centerOn(pendingCenter);
      setPendingCenter(null);
    }
  }, [pendingCenter, layout, model]);

  const fail = useCallback(
    (e: unknown) => {
      const err = BackendError.from(e);
      push({ kind: 'error', title: t('toast.refused'), text: err.message });
    },
    [push, t],
  );

  const apply = useCallback(
    async (op: Op): Promise<boolean> => {
      try {
        await ws.apply(op);
        return true;
      } catch (e) {
        fail(e);
        return false;
      }
    },
    [ws, fail],
  );

  const undo = useCallback(async () => {
    try {
      const seq = await ws.undo();
      if (seq === null) push({ kind: 'info', text: t('toast.nothingToUndo') });
    } catch (e) {
      fail(e);
    }
  }, [ws, push, t, fail]);

  const redo = useCallback(async () => {
    try {
      const seq = await ws.redo();
      if (seq === null) push({ kind: 'info', text: t('toast.nothingToRedo') });
    } catch (e) {
      fail(e);
    }
  }, [ws, push, t, fail]);

  const undoAction = { label: t('toast.undo'), run: () => void undo() };

  const select = useCallback((id: string | null) => {
    setSelected(id);
    setPanel(id ? { kind: 'role', id } : null);
  }, []);

  const reveal = useCallback(
    (roleId: string) => {
      if (!model) return;
      const v = model.index.get(roleId);
      if (v === undefined) return;
      setCollapsed(revealPath(model, collapsed, v));
      setSelected(roleId);
      setPendingCenter(roleId);
    },
    [model, collapsed],
  );

  const showRole = useCallback(
    (roleId: string) => {
      reveal(roleId);
      setPanel({ kind: 'role', id: roleId });
    },
    [reveal],
  );

  const onToggle = useCallback(
    (id: string) => {
      if (!model) return;
      const v = model.index.get(id);
      if (v !== undefined) setCollapsed(toggle(model, collapsed, v));
    },
    [model, collapsed],
  );

  const onMove = useCallback(
    async (roleId: string, managerId: string) => {
      if (!model) return;
      const title = (id: string) => model.chart.roles[model.index.get(id)!]?.title ?? '';
      // Keep the new manager open so the moved role stays on screen.
      const m = model.index.get(managerId)!;
      setCollapsed(revealPath(model, new Set([...collapsed].filter((c) => c !== managerId)), m));
      if (await apply(ops.moveRole(roleId, managerId))) {
        setSelected(roleId);
        setPanel({ kind: 'role', id: roleId });
        push({ kind: 'info', text: t('toast.moved', { role: title(roleId), manager: title(managerId) }), action: undoAction });
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [model, collapsed, apply, push, t],
  );

  const onAddRole = useCallback(
    async (manager: RoleDetails) => {
      if (!model) return;
      const v = model.index.get(manager.role.id);
      const team = v === undefined ? null : (model.chart.roles[v].team ?? null);
      const { op, id } = ops.addRoleUnder(manager.role.id, t('details.newRoleTitle'), team, t('details.newRoleLabel'));
      if (v !== undefined) setCollapsed(new Set([...collapsed].filter((c) => c !== manager.role.id)));
      if (await apply(op)) {
        setFreshRole(id);
        setSelected(id);
        setPanel({ kind: 'role', id });
        setPendingCenter(id);
      }
    },
    [model, collapsed, apply, t],
  );

  const askRemove = useCallback(
    (id: string) => {
      const v = model?.index.get(id);
      if (v === undefined || !model) return;
      setConfirm({ id, title: model.chart.roles[v].title });
    },
    [model],
  );

  // The plan's one operation: the reports moved, the role removed, its person unplaced or gone.
  const remove = useCallback(
    async (id: string, title: string, op: Op) => {
      // Close the details first: they would re-read a role that is gone.
      select(null);
      const ok = await apply(op);
      if (ok) push({ kind: 'info', text: t('toast.removed', { role: title }), action: undoAction });
      else select(id);
      return ok;
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [apply, select, push, t],
  );

  const onSearch = useCallback(
    (hit: SearchHit) => {
      setView('chart');
      if (hit.kind === 'team') {
        if (hit.role) reveal(hit.role);
        setPanel({ kind: 'team', id: hit.id });
        return;
      }
      const role = hit.kind === 'role' ? hit.id : hit.role;
      if (role) {
        showRole(role);
        requestAnimationFrame(() => chartRef.current?.focus());
      } else setPanel({ kind: 'person', id: hit.id });
    },
    [reveal, showRole, setView],
  );

  const picker = useFilePicker(async (bytes) => {
    if (!backend) return;
    setImporting(true);
    try {
      const r = await backend.importCsv(bytes);
      push({
        kind: 'info',
        text: t('import.done', { rows: t('import.rows', { n: r.rows }), added: r.added_count, moved: r.moved.length, updated: r.updated.length, removed: r.removed.length }),
      });
      await ws.reload();
    } catch (e) {
      push({ kind: 'error', title: t('import.failed'), text: BackendError.from(e).message });
    } finally {
      setImporting(false);
    }
  });

  const saveTeamWord = async (word: TeamWord) => {
    if (!backend) return false;
    try {
      ws.setInfo(await backend.setTeamWord(word));
      push({ kind: 'info', text: t('settings.saved') });
      return true;
    } catch (e) {
      fail(e);
      return false;
    }
  };

  // Keyboard: `/` searches, Ctrl+Z undoes, Ctrl+Shift+Z or Ctrl+Y redoes (not while typing, and
  // not in the vision, whose sections have their own undo).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (document.querySelector('dialog[open]')) return;
      const typing = isTyping(e.target);
      if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        searchRef.current?.focus();
        return;
      }
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !typing && editable && view !== 'vision') {
        const k = e.key.toLowerCase();
        if (k === 'z' && !e.shiftKey) {
          e.preventDefault();
          void undo();
        } else if ((k === 'z' && e.shiftKey) || k === 'y') {
          e.preventDefault();
          void redo();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo, editable, view]);

  const stats = useMemo(() => {
    if (!ws.chart) return null;
    const people = new Set<string>();
    for (const r of ws.chart.roles) for (const p of r.people) people.add(p.id);
    // People without a role are people of the organization too (as in a proposal's preview).
    for (const p of ws.chart.unplaced) people.add(p.id);
    return { roles: ws.chart.roles.length, people: people.size, teamCount: ws.chart.teams.length };
  }, [ws.chart]);

  const empty = !!model && model.n === 0;

  const sessionFail = useCallback((e: BackendError) => push({ kind: 'error', title: t('session.refused'), text: e.message }), [push, t]);
  const poker = useCallback(
    async (call: () => Promise<unknown>) => {
      setPokerBusy(true);
      const ok = await session.run(call as () => Promise<never>, sessionFail);
      setPokerBusy(false);
      return ok;
    },
    [session, sessionFail],
  );
  const startPoker = useCallback(
    (domain: string, team: string) => {
      if (!backend) return;
      void poker(() => backend.startPoker(domain, team));
    },
    [backend, poker],
  );
  // Recording ends the round on the server: the dock leaves every screen, the facilitator is told what was recorded.
  const recordPoker = useCallback(
    async (level: number, applies: Applies) => {
      const round = sv?.poker;
      if (!backend || !round) return;
      if (!(await poker(() => backend.recordPoker(level, applies)))) return;
      const params = { domain: names.domain(round.domain) ?? t('poker.someDomain'), name: names.team(round.team) ?? t('poker.someTeam'), level, levelName: levelName(t, level as LevelN) };
      push({ kind: 'info', text: t(applies === 'now' ? 'poker.recorded.now' : 'poker.recorded.desired', params) });
    },
    [backend, sv?.poker, poker, names, t, push],
  );
  const showPoker = !!sv?.poker;

  return (
    <div className={`app${panel ? ' with-details' : ''}${sessionOpen ? ' with-session-panel' : ''}`}>
      <header className="header">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            <svg viewBox="0 0 32 32">
              <rect x="3" y="3" width="26" height="26" rx="7" />
              <path d="M11 9v14M11 16l9-7M14 14l7 9" />
            </svg>
          </span>
          <div className="brand-text">
            <span className="brand-name">{t('app.name')}</span>
            {ws.info && <span className="brand-workspace" data-testid="workspace-name">{ws.info.name}</span>}
          </div>
        </div>
        <ViewSwitch view={view} onChange={setView} />
        {backend && !empty && <SearchBox ref={searchRef} backend={backend} onChoose={onSearch} />}
        <div className="header-actions">
          {stats && !empty && <span className="stats" data-testid="stats">{statsText(t, stats)}</span>}
          {/* The workspace's history; the vision has its own undo, per section, in its toolbar. */}
          {view !== 'vision' && (
            <div className="button-group" role="group">
              <button type="button" className="icon-button" onClick={() => void undo()} disabled={!editable} title={t('toolbar.undoHint')} aria-label={t('toolbar.undo')} data-testid="undo">
                <svg viewBox="0 0 24 24" aria-hidden="true">
                  <path d="M9 14 4 9l5-5" />
                  <path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />
                </svg>
              </button>
              <button type="button" className="icon-button" onClick={() => void redo()} disabled={!editable} title={t('toolbar.redoHint')} aria-label={t('toolbar.redo')} data-testid="redo">
                <svg viewBox="0 0 24 24" aria-hidden="true">
                  <path d="m15 14 5-5-5-5" />
                  <path d="M20 9H9.5a5.5 5.5 0 0 0 0 11H13" />
                </svg>
              </button>
            </div>
          )}
          {backend && facilitator && session.state.status !== 'loading' && (
            <button
              type="button"
              className={`button session-button wide-only${sv ? ' on' : ''}`}
              onClick={() => setSessionOpen((o) => !o)}
              aria-expanded={sessionOpen}
              title={t('session.buttonHint')}
              data-testid="session-button"
            >
              <SessionIcon />
              <span className="session-button-text">{t('session.button')}</span>
              {sv && <span className="session-button-dot" aria-hidden="true" />}
            </button>
          )}
          {!empty && facilitator && (
            <button type="button" className="button quiet wide-only" onClick={picker.open} disabled={!editable || importing} title={t('toolbar.importHint')} data-testid="import">
              {importing ? t('import.busy') : t('toolbar.import')}
            </button>
          )}
          <div className="segmented compact wide-only" role="group" aria-label={t('lang.label')}>
            {(['nl', 'en'] as const).map((l) => (
              <button key={l} type="button" className={l === lang ? 'on' : undefined} aria-pressed={l === lang} onClick={() => setLang(l)} data-testid={`lang-${l}`} lang={LOCALE[l]} title={t(`lang.${l}`)}>
                {l.toUpperCase()}
              </button>
            ))}
          </div>
          <button type="button" className="icon-button wide-only" onClick={() => setSettingsOpen(true)} aria-label={t('toolbar.settings')} title={t('toolbar.settings')} data-testid="settings">
            <SettingsIcon />
          </button>
          <HeaderMenu
            info={ws.info?.name ?? null}
            stats={stats && !empty ? statsText(t, stats) : null}
            canImport={!empty && facilitator}
            importDisabled={!editable || importing}
            importing={importing}
            onImport={picker.open}
            onLang={setLang}
            onSettings={() => setSettingsOpen(true)}
            onSession={backend && facilitator && session.state.status !== 'loading' ? () => setSessionOpen(true) : undefined}
            sessionRunning={!!sv}
          />
          <span className={`live ${ws.status}`} role="status" data-testid="live-status" title={t(`live.${ws.status}`)}>
            <span className="live-dot" aria-hidden="true" />
            <span className="live-text">{t(`live.${ws.status}`)}</span>
          </span>
        </div>
      </header>

      {ws.info?.read_only && (
        <div className="banner" role="status" data-testid="read-only-banner">
          {readOnlyBanner(lang, ws.info)}
        </div>
      )}
      {sv && <SessionBar view={sv} skew={session.state.skew} onOpen={() => setSessionOpen(true)} />}

      <main className="main">
        {view !== 'vision' && view !== 'proposals' && !ws.chart && !ws.error && <div className="loading">{t('app.loading')}</div>}
        {view !== 'vision' && view !== 'proposals' && !ws.chart && ws.error && (
          <div className="loading" role="alert">
            <p>{t('app.unreachable')}</p>
            <p className="muted">{ws.error.message}</p>
            <button type="button" className="button" onClick={() => void ws.reload()}>
              {t('app.retry')}
            </button>
          </div>
        )}
        {view === 'decisions' && backend && ws.chart && (
          <BoardView
            backend={backend}
            version={ws.version}
            lastEvent={ws.lastEvent}
            editable={editable}
            apply={apply}
            notify={(text) => push({ kind: 'info', text, action: undoAction })}
            message={push}
            undo={() => void undo()}
            onPoker={sv && facilitator ? startPoker : undefined}
            pokerCell={sv?.poker ? `${sv.poker.domain}|${sv.poker.team}` : null}
            readOnlyNote={sv && !facilitator && !ws.info?.read_only ? t(sv.me.role === 'observer' ? 'session.observer' : 'session.structureOff') : undefined}
          />
        )}
        {view === 'vision' && backend && (
          <Vision
            backend={backend}
            editable={!ws.info?.read_only && mayEditDocuments(sv)}
            name={sv && !facilitator ? sv.me.name : undefined}
            notice={sv && !facilitator && !mayEditDocuments(sv) ? t(sv.me.role === 'observer' ? 'session.observer' : 'session.visionLocked') : undefined}
            panelId={panelId('vision')}
            tabId={tabId('vision')}
          />
        )}
        {view === 'proposals' && backend && (
          <Suspense fallback={<div className="loading">{t('app.loading')}</div>}>
            <ProposalsView
              backend={backend}
              chart={ws.chart}
              lastEvent={ws.lastEvent}
              version={ws.version}
              facilitator={facilitator}
              canWrite={!ws.info?.read_only && (!sv || sv.me.role !== 'observer')}
              teamChoice={
                sv && sv.me.role === 'participant'
                  ? {
                      team: sv.me.team,
                      teams: ws.chart?.teams ?? [],
                      onChoose: async (team) => {
                        const ok = await session.run(() => backend.setMyTeam(team), sessionFail);
                        const name = ws.chart?.teams.find((x) => x.id === team)?.name;
                        if (ok) push({ kind: 'info', text: name ? t('session.team.saved', { team: name }) : t('session.team.cleared') });
                        return ok;
                      },
                    }
                  : undefined
              }
              message={push}
              panelId={panelId('proposals')}
              tabId={tabId('proposals')}
            />
          </Suspense>
        )}
        {view === 'chart' && empty && <EmptyState onImport={picker.open} busy={importing} editable={editable} />}
        {view === 'chart' && model && layout && !empty && (
          <div className="stage" role="tabpanel" id={panelId('chart')} aria-labelledby={tabId('chart')}>
            <ChartView
              ref={chartRef}
              model={model}
              layout={layout}
              collapsed={collapsed}
              selected={selected}
              editable={editable}
              onSelect={select}
              onToggle={onToggle}
              onOpen={(id) => {
                select(id);
                requestAnimationFrame(() => detailsRef.current?.focus());
              }}
              onMove={(r, m) => void onMove(r, m)}
              onRemove={askRemove}
              lens={lens.classOf ? { classOf: lens.classOf } : null}
              selectedLine={panel?.kind === 'line' ? panel.id : null}
              onSelectLine={(id) => setPanel({ kind: 'line', id })}
            />
            <ChartControls
              onZoom={(f) => chartRef.current?.zoom(f)}
              onFit={() => chartRef.current?.fit()}
              onExpandAll={() => setCollapsed(new Set())}
              onOverview={() => {
                setCollapsed(initialCollapse(model, OPEN_BUDGET));
                requestAnimationFrame(() => chartRef.current?.fit());
              }}
              unplaced={{ count: ws.chart?.unplaced.length ?? 0, onOpen: () => setUnplacedOpen(true) }}
              lens={{
                on: lens.on,
                onToggle: () => lens.setOn(!lens.on),
                figuresOpen: panel?.kind === 'figures',
                onFigures: () => setPanel((p) => (p?.kind === 'figures' ? null : { kind: 'figures', id: '' })),
              }}
            />
            <Legend lens={lens.on ? (lens.view?.figures.hierarchy ?? null) : null} />
          </div>
        )}
        {view === 'chart' && panel && backend && !empty && (
          <DetailsPanel
            ref={detailsRef}
            backend={backend}
            target={panel}
            version={ws.version}
            editable={editable}
            freshRole={freshRole}
            apply={async (op) => {
              const ok = await apply(op);
              if (ok) setFreshRole(null);
              return ok;
            }}
            onNavigate={setPanel}
            onShowRole={showRole}
            onAddRole={(d) => void onAddRole(d)}
            onRemoveRole={(d) => askRemove(d.role.id)}
            lens={lens.view}
            onSelectRole={reveal}
            onOpenDecisions={() => setView('decisions')}
            roleInfo={(id) => {
              const r = model?.chart.roles[model.index.get(id) ?? -1];
              return r ? { title: r.title, people: r.people.map((p) => p.name) } : null;
            }}
            onClose={() => {
              setPanel(null);
              requestAnimationFrame(() => chartRef.current?.focus());
            }}
          />
        )}
      </main>

      {picker.element}
      <Suspense fallback={null}>
        {sessionOpen && backend && facilitator && (
          <SessionPanel
            backend={backend}
            session={session}
            appView={view}
            names={names}
            message={push}
            onPresent={() => setPresenting(true)}
            onClose={() => setSessionOpen(false)}
          />
        )}
        {presenting && <PresentJoin view={sv} open={presenting} onClose={() => setPresenting(false)} />}
      </Suspense>
      {showPoker && sv && backend && (
        <PokerDock
          view={sv}
          names={names}
          busy={pokerBusy}
          onPick={(level) => void poker(() => backend.pickCard(level))}
          onReveal={() => void poker(() => backend.revealPoker())}
          onAgain={() => void poker(() => backend.againPoker())}
          onRecord={(level, applies) => void recordPoker(level, applies)}
          foldKey={facilitator ? undefined : bring?.n}
        />
      )}
      <SettingsDialog
        open={settingsOpen}
        teamWord={ws.info?.team_word ?? { singular: 'team', plural: 'teams' }}
        editable={editable}
        onSave={saveTeamWord}
        onLang={setLang}
        onClose={() => setSettingsOpen(false)}
      />
      <RemoveRoleDialog backend={backend} role={confirm} onRemove={(op) => (confirm ? remove(confirm.id, confirm.title, op) : Promise.resolve(false))} onClose={() => setConfirm(null)} />
      <UnplacedPanel
        open={unplacedOpen}
        chart={ws.chart}
        editable={editable}
        apply={apply}
        onPlaced={(person, role) => push({ kind: 'info', text: t('people.unplaced.placed', { person, role }), action: undoAction })}
        onClose={() => setUnplacedOpen(false)}
      />
      <Toasts toasts={toasts} dismiss={dismiss} />
    </div>
  );
}

/**
 * Below 900 px the header has no room for import, language and settings: they move into this
 * menu (the wide header's own buttons are hidden there, and this one is hidden on wider screens).
 * It also names the workspace and its figures, which the narrow header leaves out.
 */
function HeaderMenu(props: {
  info: string | null;
  stats: string | null;
  canImport: boolean;
  importDisabled: boolean;
  importing: boolean;
  onImport(): void;
  onLang(l: Lang): void;
  onSettings(): void;
  /** The facilitator's session panel (on a phone the header has no room for its button). */
  onSession?(): void;
  sessionRunning?: boolean;
}) {
  const { t, lang } = useI18n();
  return (
    <div className="narrow-only">
      <MenuButton
        label={t('toolbar.more')}
        className="icon-button"
        testid="header-more"
        menuTestid="header-menu"
        header={
          props.info || props.stats ? (
            <div className="menu-about" role="presentation">
              {props.info && <span className="menu-about-name">{props.info}</span>}
              {props.stats && <span className="menu-about-stats">{props.stats}</span>}
            </div>
          ) : null
        }
        items={() => (
          <>
            {props.canImport && (
              <MenuItem onSelect={props.onImport} disabled={props.importDisabled} testid="menu-import" hint={t('toolbar.importHint')} icon={<ImportIcon />}>
                {props.importing ? t('import.busy') : t('toolbar.import')}
              </MenuItem>
            )}
            {props.onSession && (
              <MenuItem onSelect={props.onSession} testid="menu-session" hint={props.sessionRunning ? t('session.running') : t('session.buttonHint')} icon={<SessionIcon />}>
                {t('session.button')}
              </MenuItem>
            )}
            <MenuItem onSelect={props.onSettings} testid="menu-settings" icon={<SettingsIcon />}>
              {t('toolbar.settings')}
            </MenuItem>
            <MenuSeparator />
            <MenuGroup label={t('lang.label')}>
              {(['nl', 'en'] as const).map((l) => (
                <MenuItem key={l} checked={l === lang} onSelect={() => props.onLang(l)} testid={`menu-lang-${l}`} lang={LOCALE[l]}>
                  {t(`lang.${l}`)}
                </MenuItem>
              ))}
            </MenuGroup>
          </>
        )}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <circle cx="5" cy="12" r="1.4" />
          <circle cx="12" cy="12" r="1.4" />
          <circle cx="19" cy="12" r="1.4" />
        </svg>
      </MenuButton>
    </div>
  );
}

function ImportIcon() {
  return (
    <svg viewBox="0 0 24 24">
      <path d="M12 3v12M7 10l5 5 5-5M4 17v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2" />
    </svg>
  );
}

function SessionIcon() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true">
      <circle cx="9" cy="8" r="3.5" />
      <path d="M3 20c0-3.3 2.7-6 6-6s6 2.7 6 6M16 4.5a3.5 3.5 0 0 1 0 7M18 14c2 .6 3 2.9 3 6" />
    </svg>
  );
}

function SettingsIcon() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true">
      <circle cx="12" cy="12" r="3" />
      <path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1Z" />
    </svg>
  );
}
