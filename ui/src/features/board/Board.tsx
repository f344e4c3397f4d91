/**
 * The delegation board: decision domains in rows, teams (and roles) in columns, and in each cell
 * who decides now and who should decide, on the seven levels. A card opens the level picker; a
 * row header opens the domain editor. Every change is one `Op` sent through `apply`.
 */
import { memo, useCallback, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';
import { BackendError, type Backend } from '../../api/backend';
import type { DecisionDomain, Delegation, Event, Op } from '../../api/types';
import { LOCALE, type Lang } from '../../i18n';
import { useI18n } from '../../i18n/react';
import { cellLabel, gapBadge, gapText, levelMeaning, levelName } from './labels';
import { DomainEditor } from './DomainEditor';
import { LevelPicker } from './LevelPicker';
import {
  GAP_FILTERS, LEVELS, addableTeams, boardView, formatIsoDate, gapOf, isLevel, matchesGap, subjectKey, todayIso, type Column, type GapFilter,
  type View as BoardModelView,
} from './model';
import { useBoard } from './useBoard';
import { useFilePicker } from '../importer/importer';
import { MenuButton, MenuGroup, MenuItem } from '../menu/Menu';
import { exportFileName, exportFileText, exportLangs } from './matrix';
import { MatrixDialog, type MatrixOutcome } from './MatrixDialog';
import { panelId, tabId } from './ViewSwitch';

interface Props {
  backend: Backend;
  version: number;
  lastEvent: Event | null;
  editable: boolean;
  apply(op: Op): Promise<boolean>;
  /** A short message after a change, with an undo. */
  notify(text: string): void;
  /** A message without an undo (an export, a failure). */
  message(m: { kind: 'info' | 'error'; title?: string; text: string }): void;
  /** Undoes the last change (an import is one change). */
  undo(): void;
  /** In a session, the facilitator starts a round of delegation poker on a cell (a team's). */
  onPoker?(domain: string, team: string): void;
  /** The cell of the open poker round, marked on the board: `domain|team`. */
  pokerCell?: string | null;
  /** Why the levels cannot be set here (a session's participant), said in the level picker. */
  readOnlyNote?: string;
}

type Editor = { mode: 'new' } | { mode: 'edit'; id: string };
type Picking = { domain: string; column: Column; anchor: HTMLElement | null };
/** The card that holds the board's one tab stop: row, and column (-1: the row header). */
type Pos = { r: number; c: number };

export function BoardView(props: Props) {
  const { t, lang } = useI18n();
  const locale = LOCALE[lang];
  const { board, error, reload, patch } = useBoard(props.backend, props.version, props.lastEvent);
  const [added, setAdded] = useState<ReadonlySet<string>>(new Set());
  const [query, setQuery] = useState('');
  const [gap, setGap] = useState<GapFilter>('all');
  const [editor, setEditor] = useState<Editor | null>(null);
  const [picking, setPicking] = useState<Picking | null>(null);
  const [active, setActive] = useState<Pos>({ r: 0, c: -1 });
  const [openRails, setOpenRails] = useState<ReadonlySet<string>>(new Set());
  const table = useRef<HTMLTableElement>(null);
  const [importing, setImporting] = useState(false);
  const [outcome, setOutcome] = useState<MatrixOutcome | null>(null);

  // The decision matrix: a CSV file in, the board's levels out as a download.
  const matrixPicker = useFilePicker(
    async (bytes, file) => {
      setImporting(true);
      try {
        setOutcome({ kind: 'done', file, report: await props.backend.importDecisions(bytes, file) });
      } catch (e) {
        setOutcome({ kind: 'refused', file, message: BackendError.from(e).message });
      } finally {
        setImporting(false);
      }
    },
    { accept: '.csv,text/csv', testid: 'matrix-file' },
  );
  const exportMatrix = async (l: Lang) => {
    const file = exportFileName(l);
    try {
      const saved = await props.backend.saveText(file, exportFileText(await props.backend.exportDecisions(l), l), 'text/csv', t('app.saveAs', { file }));
      if (saved) props.message({ kind: 'info', text: t('board.matrix.exported', { file: saved }) });
    } catch (e) {
      props.message({ kind: 'error', title: t('board.matrix.exportFailed'), text: BackendError.from(e).message });
    }
  };

  const columnCache = useRef(new Map<string, Column>());
  const view = useMemo(() => (board ? boardView(board, { added, query, gap }, undefined, columnCache.current) : null), [board, added, query, gap]);
  const addable = useMemo(() => (board && view ? addableTeams(board, view.allColumns) : []), [board, view]);
  const today = useMemo(() => todayIso(), []);
  const owners = useMemo(() => new Map((board?.teams ?? []).map((x) => [x.id, x.name])), [board]);

  // Stable callbacks, so a change in one cell (focus, a level) re-renders only that cell.
  const onFocusCell = useCallback((r: number, c: number) => setActive((a) => (a.r === r && a.c === c ? a : { r, c })), []);
  const onOpenCell = useCallback((domain: string, column: Column, anchor: HTMLElement) => setPicking({ domain, column, anchor }), []);
  const onEdit = useCallback((id: string) => setEditor({ mode: 'edit', id }), []);
  const onRails = useCallback(
    (id: string) =>
      setOpenRails((s) => {
        const n = new Set(s);
        if (!n.delete(id)) n.add(id);
        return n;
      }),
    [],
  );

  const apply = useCallback(
    async (op: Op) => {
      const ok = await props.apply(op);
      if (ok) patch(op);
      return ok;
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [props.apply, patch],
  );

  const viewRef = useRef(view);
  viewRef.current = view;

  // Arrow keys move between the cards (and the row headers): the board is one tab stop.
  const onGridKey = useCallback((e: KeyboardEvent) => {
    const view = viewRef.current;
    if (!view) return;
    const el = e.target as HTMLElement;
    const r = Number(el.dataset.r);
    const c = Number(el.dataset.c);
    if (Number.isNaN(r) || Number.isNaN(c)) return;
    const last = { r: view.rows.length - 1, c: view.columns.length - 1 };
    const next: Record<string, Pos> = {
      ArrowUp: { r: Math.max(0, r - 1), c },
      ArrowDown: { r: Math.min(last.r, r + 1), c },
      ArrowLeft: { r, c: Math.max(-1, c - 1) },
      ArrowRight: { r, c: Math.min(last.c, c + 1) },
      Home: e.ctrlKey ? { r: 0, c: -1 } : { r, c: -1 },
      End: e.ctrlKey ? last : { r, c: last.c },
    };
    const p = next[e.key];
    if (!p) return;
    e.preventDefault();
    const target = table.current?.querySelector<HTMLElement>(`[data-r="${p.r}"][data-c="${p.c}"]`);
    if (target) {
      setActive(p);
      target.focus();
    }
  }, []);

  if (!board || !view) {
    return (
      <section className="board" role="tabpanel" id={panelId('decisions')} aria-labelledby={tabId('decisions')} data-testid="board">
        <div className="loading" role={error ? 'alert' : undefined}>
          {error ? (
            <>
              <p>{t('app.unreachable')}</p>
              <p className="muted">{error.message}</p>
              <button type="button" className="button" onClick={reload}>
                {t('app.retry')}
              </button>
            </>
          ) : (
            t('board.loading')
          )}
        </div>
      </section>
    );
  }

  const editing = editor?.mode === 'edit' ? (board.domains.find((d) => d.id === editor.id) ?? null) : null;
  const pickDomain = picking ? board.domains.find((d) => d.id === picking.domain) : undefined;
  const filtered = query.trim() !== '' || gap !== 'all';
  const safeActive = { r: Math.min(active.r, view.rows.length - 1), c: Math.min(active.c, view.columns.length - 1) };

  return (
    <>
      <section className="board" role="tabpanel" id={panelId('decisions')} aria-labelledby={tabId('decisions')} data-testid="board">
        {board.domains.length === 0 ? (
          <BoardEmpty editable={props.editable} importing={importing} onNew={() => setEditor({ mode: 'new' })} onImport={matrixPicker.open} />
        ) : (
          <>
            <div className="board-toolbar">
              <div className="board-heading">
                <h1>{t('board.title')}</h1>
                <span className="muted" data-testid="board-count">
                  {filtered
                    ? t('board.shown', { shown: view.rows.length, n: board.domains.length })
                    : t('board.total', { n: board.domains.length })}
                </span>
              </div>
              <MatrixActions editable={props.editable} importing={importing} onImport={matrixPicker.open} onExport={(l) => void exportMatrix(l)} />
              <button type="button" className="button primary board-new" onClick={() => setEditor({ mode: 'new' })} disabled={!props.editable} data-testid="board-new-domain">
                <svg viewBox="0 0 24 24" aria-hidden="true">
                  <path d="M12 5v14M5 12h14" />
                </svg>
                <span className="board-new-text">{t('board.newDomain')}</span>
              </button>
              <div className="board-filters">
                <label className="board-search">
                  <span className="visually-hidden">{t('board.filterColumns')}</span>
                  <svg viewBox="0 0 24 24" aria-hidden="true">
                    <circle cx="11" cy="11" r="7" />
                    <path d="m20 20-3.5-3.5" />
                  </svg>
                  <input type="search" className="field" value={query} placeholder={t('board.filterPlaceholder')} onChange={(e) => setQuery(e.target.value)} data-testid="board-filter-columns" />
                </label>
                <div className="segmented board-gap" role="radiogroup" aria-label={t('board.gapFilter')} data-testid="board-gap-filter">
                  {GAP_FILTERS.map((g) => (
                    <label key={g} className={g === gap ? 'on' : undefined}>
                      <input type="radio" name="board-gap" value={g} checked={g === gap} onChange={() => setGap(g)} data-testid={`board-gap-${g}`} />
                      {t(`board.gapFilter.${g}`)}
                    </label>
                  ))}
                </div>
                <label className="board-add-column">
                  <span className="visually-hidden">{t('board.addColumn')}</span>
                  <select
                    className="field"
                    value=""
                    disabled={addable.length === 0}
                    onChange={(e) => {
                      const id = e.target.value;
                      if (!id) return;
                      setAdded((s) => new Set([...s, id]));
                      setQuery('');
                      setGap('all');
                    }}
                    data-testid="board-add-column"
                  >
                    <option value="">{addable.length ? t('board.addColumnPrompt') : board.teams.length ? t('board.addColumnNone') : t('board.noTeams')}</option>
                    {addable.map((team) => (
                      <option key={team.id} value={team.id}>
                        {team.name}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
            </div>
            <Scale />
            {view.columns.length === 0 || view.rows.length === 0 ? (
              <div className="board-note" role="status" data-testid="board-note">
                <p>{filtered ? t('board.noMatch') : t('board.noColumns')}</p>
                {filtered && (
                  <button
                    type="button"
                    className="button"
                    onClick={() => {
                      setQuery('');
                      setGap('all');
                    }}
                  >
                    {t('board.clearFilters')}
                  </button>
                )}
              </div>
            ) : null}
            {view.rows.length > 0 && (
              <Grid
                view={view}
                owners={owners}
                today={today}
                locale={locale}
                gap={gap}
                activeR={safeActive.r}
                activeC={safeActive.c}
                editingId={editor?.mode === 'edit' ? editor.id : null}
                openRails={openRails}
                tableRef={table}
                onKey={onGridKey}
                onFocusCell={onFocusCell}
                onOpenCell={onOpenCell}
                onEdit={onEdit}
                onRails={onRails}
                pokerCell={props.pokerCell ?? null}
              />
            )}
          </>
        )}
      </section>
      {matrixPicker.element}
      <MatrixDialog outcome={outcome} onUndo={props.undo} onClose={() => setOutcome(null)} />
      {editor && (editor.mode === 'new' || editing) && (
        <DomainEditor
          key={editor.mode === 'new' ? 'new' : editor.id}
          domain={editing}
          teams={board.teams}
          editable={props.editable}
          apply={apply}
          notify={props.notify}
          onClose={() => setEditor(null)}
        />
      )}
      <LevelPicker
        open={!!picking && !!pickDomain}
        domain={pickDomain ?? null}
        column={picking?.column ?? null}
        entry={pickDomain && picking ? pickDomain.delegations.find((x) => subjectKey(x.subject) === subjectKey(picking.column)) : undefined}
        anchor={picking?.anchor ?? null}
        editable={props.editable}
        readOnlyNote={props.readOnlyNote}
        apply={apply}
        onPoker={
          props.onPoker && picking?.column.kind === 'team'
            ? () => {
                const p = picking;
                setPicking(null);
                props.onPoker!(p.domain, p.column.id);
              }
            : undefined
        }
        onClose={() => {
          const anchor = picking?.anchor;
          setPicking(null);
          if (anchor?.isConnected) requestAnimationFrame(() => anchor.focus());
        }}
      />
    </>
  );
}

/** The scale from "manager decides" to "team decides", with every level's number and name. */
function Scale() {
  const { t } = useI18n();
  return (
    <div className="board-scale" aria-label={t('board.scale')} role="group">
      <span className="board-scale-end">{t('board.scale.manager')}</span>
      <ol>
        {LEVELS.map((n) => (
          <li key={n} title={levelMeaning(t, n)}>
            <span className={`chip lvl-${n}`} aria-hidden="true">
              {n}
            </span>
            <span className="board-scale-name">{levelName(t, n)}</span>
          </li>
        ))}
      </ol>
      <span className="board-scale-end">{t('board.scale.team')}</span>
      <span className="board-scale-arrow muted">
        <span className="chip lvl-3" aria-hidden="true">
          3
        </span>
        <Arrow />
        <span className="chip outline lvl-5" aria-hidden="true">
          5
        </span>
        <span>{t('board.scale.arrow')}</span>
      </span>
    </div>
  );
}

function Arrow() {
  return (
    <svg className="arrow" viewBox="0 0 24 24" aria-hidden="true">
      <path d="M4 12h15M13 6l6 6-6 6" />
    </svg>
  );
}

interface GridProps {
  view: BoardModelView;
  owners: Map<string, string>;
  today: string;
  locale: string;
  gap: GapFilter;
  /** The card holding the board's one tab stop. */
  activeR: number;
  activeC: number;
  editingId: string | null;
  openRails: ReadonlySet<string>;
  tableRef: RefObject<HTMLTableElement | null>;
  onKey(e: KeyboardEvent): void;
  onFocusCell(r: number, c: number): void;
  onOpenCell(domain: string, column: Column, anchor: HTMLElement): void;
  onEdit(id: string): void;
  onRails(id: string): void;
  pokerCell: string | null;
}

/** The table: sticky column headers and domain names, one card per domain and column. */
const Grid = memo(function Grid(props: GridProps) {
  const { t } = useI18n();
  const { view } = props;
  return (
    <div className="board-scroll" data-testid="board-scroll">
      <table className="board-grid" ref={props.tableRef} onKeyDown={props.onKey} aria-describedby="board-help">
        <caption className="visually-hidden">
          {t('board.caption')} <span id="board-help">{t('board.keys')}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col" className="board-corner">
              {t('board.domainColumn')}
            </th>
            {view.columns.map((c) => (
              <th scope="col" key={subjectKey(c)} className="board-col" data-testid="board-column" data-subject={c.id}>
                {c.kind === 'role' && <span className="board-col-kind">{t('board.roleTag')}</span>}
                <span className="board-col-name">{c.name}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {view.rows.map((d, r) => {
            const row = view.entries.get(d.id);
            return (
              <tr key={d.id} data-testid="board-row" data-domain={d.id}>
                <DomainHead
                  domain={d}
                  owner={d.owner_team ? (props.owners.get(d.owner_team) ?? null) : null}
                  today={props.today}
                  locale={props.locale}
                  r={r}
                  tabbable={props.activeR === r && props.activeC === -1}
                  activeRow={props.activeR === r}
                  editing={props.editingId === d.id}
                  railsOpen={props.openRails.has(d.id)}
                  onRails={props.onRails}
                  onEdit={props.onEdit}
                  onFocusCell={props.onFocusCell}
                />
                {view.columns.map((c, ci) => {
                  const entry = row?.get(subjectKey(c));
                  return (
                    <td key={subjectKey(c)} className="board-cell-slot">
                      <Cell
                        domain={d}
                        column={c}
                        entry={entry}
                        locale={props.locale}
                        dim={!matchesGap(entry, props.gap)}
                        r={r}
                        c={ci}
                        tabbable={props.activeR === r && props.activeC === ci}
                        onFocusCell={props.onFocusCell}
                        onOpenCell={props.onOpenCell}
                        poker={c.kind === 'team' && props.pokerCell === `${d.id}|${c.id}`}
                      />
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
});

function GapBadge({ gap }: { gap: number }) {
  const { t } = useI18n();
  const cls = gap > 0 ? 'up' : gap < 0 ? 'down' : 'none';
  return (
    <span className={`gap-badge ${cls}`} title={gapText(t, gap)} data-testid="gap-badge">
      <svg viewBox="0 0 24 24" aria-hidden="true">
        {gap > 0 ? <path d="M12 19V5M6 11l6-6 6 6" /> : gap < 0 ? <path d="M12 5v14M6 13l6 6 6-6" /> : <path d="m5 12 5 5 9-10" />}
      </svg>
      <span>{gap === 0 ? t('board.gap.badgeNone') : gapBadge(gap)}</span>
    </span>
  );
}

const Cell = memo(function Cell(props: {
  domain: DecisionDomain;
  column: Column;
  entry: Delegation | undefined;
  locale: string;
  dim: boolean;
  r: number;
  c: number;
  tabbable: boolean;
  onFocusCell(r: number, c: number): void;
  onOpenCell(domain: string, column: Column, anchor: HTMLElement): void;
  /** The open poker round is about this cell. */
  poker?: boolean;
}) {
  const { t } = useI18n();
  const { entry } = props;
  const current = entry && isLevel(entry.current) ? entry.current : null;
  const desired = entry && isLevel(entry.desired) ? entry.desired : null;
  const empty = current === null && desired === null;
  const gap = gapOf(entry);
  const common = {
    type: 'button' as const,
    'data-testid': 'board-cell',
    'data-domain': props.domain.id,
    'data-subject': props.column.id,
    'data-subject-kind': props.column.kind,
    'data-r': props.r,
    'data-c': props.c,
    tabIndex: props.tabbable ? 0 : -1,
    'aria-label': cellLabel(t, props.locale, props.domain.name, props.column.name, entry),
    'aria-haspopup': 'dialog' as const,
    onFocus: () => props.onFocusCell(props.r, props.c),
    onClick: (e: MouseEvent<HTMLButtonElement>) => props.onOpenCell(props.domain.id, props.column, e.currentTarget),
    'data-poker': props.poker || undefined,
  };
  const poker = props.poker ? ' in-poker' : '';
  if (empty) {
    return (
      <button {...common} className={`cell-card empty${props.dim ? ' dim' : ''}${poker}`} data-empty="true">
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 6v12M6 12h12" />
        </svg>
      </button>
    );
  }
  return (
    <button {...common} className={`cell-card${current ? ` lvl-${current}` : ''}${props.dim ? ' dim' : ''}${poker}`} data-current={current ?? ''} data-desired={desired ?? ''}>
      <span className="cell-now" aria-hidden="true">
        {current ? <span className={`chip lvl-${current}`}>{current}</span> : <span className="chip unset">?</span>}
        <span className="cell-name">{current ? levelName(t, current) : t('board.notSetShort')}</span>
        {gap !== null && <GapBadge gap={gap} />}
      </span>
      {desired !== null && desired !== current && (
        <span className="cell-next" aria-hidden="true">
          <Arrow />
          <span className={`chip outline lvl-${desired}`}>{desired}</span>
          <span className="cell-name">{levelName(t, desired)}</span>
        </span>
      )}
    </button>
  );
});

const DomainHead = memo(function DomainHead(props: {
  domain: DecisionDomain;
  owner: string | null;
  today: string;
  locale: string;
  r: number;
  tabbable: boolean;
  /** The row that holds the board's tab stop: its guardrails button is a tab stop too. */
  activeRow: boolean;
  /** Open in the editor. */
  editing: boolean;
  railsOpen: boolean;
  onRails(id: string): void;
  onEdit(id: string): void;
  onFocusCell(r: number, c: number): void;
}) {
  const { t } = useI18n();
  const d = props.domain;
  const due = !!d.review_date && d.review_date <= props.today;
  const railsId = `rails-${d.id}`;
  return (
    <th
      scope="row"
      className={`domain-head${props.editing ? ' editing' : ''}`}
      onClick={(e) => {
        // The whole header opens the editor; its own buttons do their own thing.
        if (!(e.target as HTMLElement).closest('button')) props.onEdit(d.id);
      }}
    >
      <button
        type="button"
        className="domain-name"
        data-r={props.r}
        data-c={-1}
        tabIndex={props.tabbable ? 0 : -1}
        onFocus={() => props.onFocusCell(props.r, -1)}
        onClick={() => props.onEdit(d.id)}
        title={t('board.editDomain', { name: d.name })}
        data-testid="domain-edit"
      >
        {d.name}
      </button>
      {d.driver && (
        <p className="domain-driver" title={d.driver}>
          {d.driver}
        </p>
      )}
      <p className="domain-meta">
        {props.owner && (
          <span title={t('board.owner', { name: props.owner })}>
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <circle cx="9" cy="8" r="3.5" />
              <path d="M3 20c0-3.3 2.7-6 6-6s6 2.7 6 6M16 4.5a3.5 3.5 0 0 1 0 7M18 14c2 .6 3 2.9 3 6" />
            </svg>
            <span className="visually-hidden">{t('board.ownerLabel')} </span>
            {props.owner}
          </span>
        )}
        {d.review_date && (
          <span className={due ? 'due' : undefined}>
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <rect x="3" y="5" width="18" height="16" rx="2" />
              <path d="M3 10h18M8 3v4M16 3v4" />
            </svg>
            {t(due ? 'board.reviewDue' : 'board.review', { date: formatIsoDate(d.review_date, props.locale) })}
          </span>
        )}
        {d.guardrails.length > 0 && (
          <button type="button" className="rails-toggle" tabIndex={props.activeRow ? 0 : -1} aria-expanded={props.railsOpen} aria-controls={railsId} onClick={() => props.onRails(d.id)} data-testid="guardrails-toggle">
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d={props.railsOpen ? 'm6 15 6-6 6 6' : 'm6 9 6 6 6-6'} />
            </svg>
            {t('board.guardrailsCount', { n: d.guardrails.length })}
          </button>
        )}
      </p>
      {d.guardrails.length > 0 && (
        <ul className="rails" id={railsId} hidden={!props.railsOpen} data-testid="guardrails">
          {d.guardrails.map((g, i) => (
            <li key={i}>{g}</li>
          ))}
        </ul>
      )}
    </th>
  );
});

function BoardEmpty(props: { editable: boolean; importing: boolean; onNew(): void; onImport(): void }) {
  const { t } = useI18n();
  return (
    <div className="empty board-empty" data-testid="board-empty">
      <div className="empty-card">
        <svg className="empty-art" viewBox="0 0 120 80" aria-hidden="true">
          <rect x="6" y="8" width="34" height="64" rx="4" />
          <rect x="48" y="8" width="30" height="18" rx="4" />
          <rect x="84" y="8" width="30" height="18" rx="4" />
          <rect x="48" y="32" width="30" height="18" rx="4" />
          <rect x="84" y="32" width="30" height="18" rx="4" />
          <rect x="48" y="56" width="30" height="16" rx="4" />
          <path d="M12 20h20M12 44h16" />
        </svg>
        <h1>{t('board.empty.title')}</h1>
        <p>{t('board.empty.body')}</p>
        <button type="button" className="button primary large" onClick={props.onNew} disabled={!props.editable} data-testid="board-empty-new">
          {t('board.newDomain')}
        </button>
        <div>
          <button type="button" className="link board-empty-import" onClick={props.onImport} disabled={!props.editable || props.importing} data-testid="board-empty-import">
            {props.importing ? t('board.matrix.importing') : t('board.matrix.emptyImport')}
          </button>
        </div>
        <p className="help">{t('board.empty.help')}</p>
      </div>
    </div>
  );
}

/**
 * The decision matrix as a file: import (a CSV in English or Dutch) and, in a browser, export in
 * either language, the UI's first. The desktop window says how to export with the command line
 * instead (a browser download is not offered there).
 */
function MatrixActions(props: { editable: boolean; importing: boolean; onImport(): void; onExport(l: Lang): void }) {
  const { t, lang } = useI18n();
  return (
    <div className="board-matrix">
      <button type="button" className="button board-matrix-button" onClick={props.onImport} disabled={!props.editable || props.importing} title={t('board.matrix.importHint')} data-testid="matrix-import">
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 3v12M7 10l5 5 5-5M4 17v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2" />
        </svg>
        <span className="board-matrix-text">{props.importing ? t('board.matrix.importing') : t('board.matrix.import')}</span>
      </button>
      <MenuButton
          label={t('board.matrix.export')}
          title={t('board.matrix.exportHint')}
          className="button board-matrix-button"
          testid="matrix-export"
          menuTestid="matrix-export-menu"
          items={() => (
            <MenuGroup label={t('board.matrix.exportLang')}>
              {exportLangs(lang).map((l) => (
                <MenuItem key={l} onSelect={() => props.onExport(l)} testid={`matrix-export-${l}`} lang={LOCALE[l]} hint={exportFileName(l)} icon={<ExportIcon />}>
                  {t(`lang.${l}`)}
                </MenuItem>
              ))}
            </MenuGroup>
          )}
        >
          <ExportIcon />
          <span className="board-matrix-text">{t('board.matrix.export')}</span>
          <svg className="board-matrix-chevron" viewBox="0 0 24 24" aria-hidden="true">
            <path d="m6 9 6 6 6-6" />
          </svg>
        </MenuButton>
    </div>
  );
}

/** Out of the workspace: the arrow leaves the tray (import's arrow goes into it). */
function ExportIcon() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true">
      <path d="M12 15V3M7 8l5-5 5 5M4 17v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2" />
    </svg>
  );
}
