/**
 * The delegation board's pure logic: which columns (teams and roles) the board shows, which
 * rows and cells a filter keeps, the operations the board sends, and the board patched with an
 * operation before the server's answer arrives. No React, no I/O: everything here is tested in
 * `model.test.ts`.
 */
import type { Board, DecisionDomain, Delegation, Op, Unit } from '../../api/types';
import { uuidV7 } from '../../api/ids';

/** A level of the Management 3.0 delegation board: 1 (tell) … 7 (delegate). */
export type LevelN = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export const LEVELS: readonly LevelN[] = [1, 2, 3, 4, 5, 6, 7];

export function isLevel(n: unknown): n is LevelN {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 7;
}

/** Which of a cell's two levels a change sets. */
export type Which = 'current' | 'desired';

export interface Column {
  kind: Unit['kind'];
  id: string;
  name: string;
}

/** One key per team or role: ids of teams and roles never collide, but the kind keeps it plain. */
export const subjectKey = (u: { kind: string; id: string }) => `${u.kind}:${u.id}`;

export const unitOf = (c: Column): Unit => (c.kind === 'team' ? { kind: 'team', id: c.id } : { kind: 'role', id: c.id });

/** An entry counts when it holds a level; an entry cleared with a note stays only for its history. */
export const hasLevel = (d: Pick<Delegation, 'current' | 'desired'> | undefined) => !!d && (d.current !== null || d.desired !== null);

/** Each domain's entries by subject key, so a cell is found in constant time. */
export type Entries = Map<string, Map<string, Delegation>>;

export function indexEntries(domains: readonly DecisionDomain[]): Entries {
  const all: Entries = new Map();
  for (const d of domains) {
    const m = new Map<string, Delegation>();
    for (const x of d.delegations) m.set(subjectKey(x.subject), x);
    all.set(d.id, m);
  }
  return all;
}

/**
 * The board's columns: every team that holds a level in any domain, owns a domain or that the
 * user added, in the board's order (by name), then every role that holds a level.
 */
export function columnsOf(board: Board, added: ReadonlySet<string> = new Set()): Column[] {
  const used = new Set<string>();
  for (const d of board.domains) {
    if (d.owner_team) used.add(subjectKey({ kind: 'team', id: d.owner_team }));
    for (const x of d.delegations) if (hasLevel(x)) used.add(subjectKey(x.subject));
  }
  const teams = board.teams.filter((t) => used.has(subjectKey({ kind: 'team', id: t.id })) || added.has(t.id));
  const roles = board.roles.filter((r) => used.has(subjectKey({ kind: 'role', id: r.id })));
  return [...teams.map((t) => ({ kind: 'team' as const, id: t.id, name: t.name })), ...roles.map((r) => ({ kind: 'role' as const, id: r.id, name: r.name }))];
}

/**
 * `next` with every domain that did not change replaced by the object already on screen, so a
 * re-read after one change re-renders one row, not the whole board.
 */
export function stabilize(prev: Board | null, next: Board): Board {
  if (!prev) return next;
  const old = new Map(prev.domains.map((d) => [d.id, d]));
  const same = <X>(a: X, b: X) => JSON.stringify(a) === JSON.stringify(b);
  return {
    ...next,
    domains: next.domains.map((d) => {
      const o = old.get(d.id);
      return o && same(o, d) ? o : d;
    }),
    teams: same(prev.teams, next.teams) ? prev.teams : next.teams,
    roles: same(prev.roles, next.roles) ? prev.roles : next.roles,
  };
}

/** The same column objects as last time where nothing changed (`cache` is kept by the caller). */
export function reuseColumns(columns: Column[], cache: Map<string, Column>): Column[] {
  return columns.map((c) => {
    const key = subjectKey(c);
    const o = cache.get(key);
    if (o && o.name === c.name) return o;
    cache.set(key, c);
    return c;
  });
}

/** The teams that could still become a column. */
export function addableTeams(board: Board, columns: readonly Column[]): Board['teams'] {
  const shown = new Set(columns.filter((c) => c.kind === 'team').map((c) => c.id));
  return board.teams.filter((t) => !shown.has(t.id));
}

/** Lower case without accents: "Françoise" matches "francoise". */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/** Columns whose name contains every word of `query`, in any order (accent- and case-insensitive). */
export function filterColumns(columns: readonly Column[], query: string): Column[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return columns.slice();
  return columns.filter((c) => {
    const name = fold(c.name);
    return words.every((w) => name.includes(w));
  });
}

/** Which cells the gap filter keeps: all, those whose desired level differs, those that want more autonomy. */
export type GapFilter = 'all' | 'gap' | 'up';
export const GAP_FILTERS: readonly GapFilter[] = ['all', 'gap', 'up'];

/** Desired minus current; `null` unless both are set. */
export function gapOf(d: Pick<Delegation, 'current' | 'desired'> | undefined): number | null {
  if (!d || d.current === null || d.desired === null) return null;
  return d.desired - d.current;
}

export function matchesGap(d: Pick<Delegation, 'current' | 'desired'> | undefined, filter: GapFilter): boolean {
  if (filter === 'all') return true;
  const gap = gapOf(d);
  if (gap === null) return false;
  return filter === 'gap' ? gap !== 0 : gap > 0;
}

export interface View {
  rows: DecisionDomain[];
  columns: Column[];
  entries: Entries;
  /** Every column before the filters: the name filter and the "add a column" list need them. */
  allColumns: Column[];
}

export interface Filters {
  added: ReadonlySet<string>;
  query: string;
  gap: GapFilter;
}

/**
 * What the board shows. The name filter picks columns; the gap filter keeps the rows and columns
 * that have at least one matching cell (the other cells of a kept row show dimmed).
 */
export function boardView(board: Board, filters: Filters, entries: Entries = indexEntries(board.domains), cache?: Map<string, Column>): View {
  const allColumns = cache ? reuseColumns(columnsOf(board, filters.added), cache) : columnsOf(board, filters.added);
  let columns = filterColumns(allColumns, filters.query);
  let rows = board.domains.slice();
  if (filters.gap !== 'all') {
    const hit = (d: DecisionDomain, c: Column) => matchesGap(entries.get(d.id)?.get(subjectKey(c)), filters.gap);
    rows = rows.filter((d) => columns.some((c) => hit(d, c)));
    columns = columns.filter((c) => rows.some((d) => hit(d, c)));
  }
  return { rows, columns, entries, allColumns };
}

// ---- operations ------------------------------------------------------------------------------

/** What the domain editor edits; delegations are changed cell by cell, never here. */
export interface DomainFields {
  name: string;
  driver: string;
  guardrails: string[];
  owner_team: string | null;
  review_date: string | null;
}

export function fieldsOf(d: DecisionDomain): DomainFields {
  return { name: d.name, driver: d.driver, guardrails: d.guardrails.slice(), owner_team: d.owner_team, review_date: d.review_date };
}

export const emptyFields = (): DomainFields => ({ name: '', driver: '', guardrails: [], owner_team: null, review_date: null });

/** Trimmed, empty guardrails dropped, an empty date or owner as none. */
export function normalize(f: DomainFields): DomainFields {
  return {
    name: f.name.trim(),
    driver: f.driver.trim(),
    guardrails: f.guardrails.map((g) => g.trim()).filter(Boolean),
    owner_team: f.owner_team || null,
    review_date: f.review_date && /^\d{4}-\d{2}-\d{2}$/.test(f.review_date) ? f.review_date : null,
  };
}

/** The problem with the fields, as a message key, or `null` when they can be saved. */
export function problemOf(f: DomainFields): 'board.nameRequired' | null {
  return f.name.trim() === '' ? 'board.nameRequired' : null;
}

export function addDomain(fields: DomainFields, id: string = uuidV7()): { op: Op; id: string } {
  return { op: { op: 'add_domain', domain: { id, ...normalize(fields), delegations: [] } }, id };
}

/**
 * The edited fields over the domain as the board has it now: its delegations are the newest the
 * client knows, so a level someone set while the editor was open is not sent back stale.
 */
export function updateDomain(latest: DecisionDomain, fields: DomainFields): Op {
  return { op: 'update_domain', domain: { ...latest, ...normalize(fields) } };
}

export function removeDomain(id: string): Op {
  return { op: 'remove_domain', id };
}

/**
 * Sets one of a cell's levels (or clears it with `null`), keeping the other; the note carries
 * the user's reason (the server fills in who and when).
 */
export function setLevel(domain: string, subject: Unit, entry: Pick<Delegation, 'current' | 'desired'> | undefined, which: Which, level: LevelN | null, why = ''): Op {
  const current = which === 'current' ? level : (entry?.current ?? null);
  const desired = which === 'desired' ? level : (entry?.desired ?? null);
  return { op: 'set_delegation', domain, subject, current, desired, note: { by: '', at: 0, why: why.trim() } };
}

// ---- the board before the server answers ------------------------------------------------------

const byName = (a: DecisionDomain, b: DecisionDomain) => {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
};

/**
 * The board with `op` applied as the server will apply it, for an immediate answer on screen;
 * the board read after the change replaces it (with the history's who and when). Returns `null`
 * for an operation the board cannot follow (the caller re-reads).
 */
export function patchBoard(board: Board, op: Op): Board | null {
  switch (op.op) {
    case 'add_domain':
      return { ...board, domains: [...board.domains.filter((d) => d.id !== op.domain.id), op.domain].sort(byName) };
    case 'update_domain':
      return { ...board, domains: board.domains.map((d) => (d.id === op.domain.id ? op.domain : d)).sort(byName) };
    case 'remove_domain':
      return { ...board, domains: board.domains.filter((d) => d.id !== op.id) };
    case 'set_delegation': {
      // A role the board does not list yet: its title is unknown here.
      if (op.subject.kind === 'role' && !board.roles.some((r) => r.id === op.subject.id)) return null;
      const key = subjectKey(op.subject);
      const domains = board.domains.map((d) => {
        if (d.id !== op.domain) return d;
        const i = d.delegations.findIndex((x) => subjectKey(x.subject) === key);
        const delegations = d.delegations.slice();
        if (i >= 0) delegations[i] = { ...delegations[i], current: op.current, desired: op.desired };
        else delegations.push({ subject: op.subject, current: op.current, desired: op.desired, history: [] });
        return { ...d, delegations };
      });
      return { ...board, domains };
    }
    default:
      return null;
  }
}

/** Whether an event's operation can change the board (a batch may hold one). */
export function touchesBoard(op: Op | null): boolean {
  if (!op) return true;
  switch (op.op) {
    case 'add_domain':
    case 'update_domain':
    case 'remove_domain':
    case 'set_delegation':
    case 'add_team':
    case 'update_team':
    case 'remove_team':
    case 'update_role':
    case 'remove_role':
    case 'load':
    case 'unload':
      return true;
    case 'batch':
      return op.ops.some(touchesBoard);
    default:
      return false;
  }
}

// ---- dates -----------------------------------------------------------------------------------

/** An ISO calendar date (`2027-01-15`) in the UI's locale: "15 Jan 2027", "15 jan 2027". */
export function formatIsoDate(iso: string, locale: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** A moment (ms) as a date in the UI's locale and time zone. */
export function formatMoment(ms: number, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', ...(timeZone ? { timeZone } : {}) }).format(new Date(ms));
}

/** Today as an ISO date in the local time zone (the UI's boundary: the clock is read here). */
export function todayIso(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
