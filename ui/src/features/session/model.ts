/**
 * The workshop session's pure logic: the join code as people type it, the timer's clock, the
 * poker round's spread, median and histogram, the agenda editor's moves, who may edit what, and
 * the reducer that turns what the server sends into the UI's session state. No React, no I/O:
 * tested in `model.test.ts`.
 */
import type { AgendaItem, SessionView, Timer } from '../../api/session';
import { hashOf, type ShellView } from '../board/view';

// ---- the join code ------------------------------------------------------------------------------

export const CODE_LENGTH = 6;
/** The server's alphabet: letters and digits without look-alikes (no 0/O, 1/I/L). */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A code as typed: upper case, letters and digits only (spaces and dashes dropped), 6 at most. */
export function normalizeCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .slice(0, CODE_LENGTH);
}

/** What is wrong with a code before it is sent: too short, or a character no code has. */
export function codeProblem(code: string): 'short' | 'lookalike' | null {
  if ([...code].some((c) => !CODE_ALPHABET.includes(c))) return 'lookalike';
  return code.length < CODE_LENGTH ? 'short' : null;
}

/** "K7M 2QX": a code read out in two groups of three. */
export function spacedCode(code: string): string {
  return code.length === CODE_LENGTH ? `${code.slice(0, 3)} ${code.slice(3)}` : code;
}

/** The 1–40 characters of a display name after trimming, as the server counts them. */
export const NAME_MAX = 40;
export function nameProblem(name: string): 'empty' | 'long' | null {
  const n = [...name.trim()].length;
  return n === 0 ? 'empty' : n > NAME_MAX ? 'long' : null;
}

// ---- the timer ----------------------------------------------------------------------------------

/**
 * The server's clock minus this one's, estimated when a view arrives: a running timer's
 * `remaining_ms` was computed at the server's `now`, so `ends_at - remaining_ms` is that moment.
 * `null` when the view cannot tell (no running timer, or one already at zero, which the server
 * clamps).
 */
export function skewOf(timer: Timer | null, receivedAt: number): number | null {
  if (!timer?.running || timer.ends_at === null || timer.remaining_ms <= 0) return null;
  return timer.ends_at - timer.remaining_ms - receivedAt;
}

/**
 * What is left at `now` (this clock), ticking locally from `ends_at` corrected by `skew`;
 * negative once the time is up (the server keeps the timer running past zero). `null`: no timer.
 */
export function remainingMs(timer: Timer | null, now: number, skew = 0): number | null {
  if (!timer) return null;
  if (timer.running && timer.ends_at !== null) return timer.ends_at - (now + skew);
  return timer.remaining_ms;
}

/**
 * "4:05", "0:00", "−0:42", "1:02:03": seconds rounded up while counting down (it shows 0:01
 * until it reaches zero), and the overtime after zero with a minus sign.
 */
export function formatClock(ms: number): string {
  const over = ms < 0;
  const total = over ? Math.floor(-ms / 1000) : Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  const text = h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
  return over && total > 0 ? `\u2212${text}` : text;
}

/** The warning colour in the last minute, another at zero and after. */
export type TimerPhase = 'normal' | 'warning' | 'over';
export const WARNING_MS = 60_000;

export function timerPhase(ms: number): TimerPhase {
  if (ms <= 0) return 'over';
  return ms <= WARNING_MS ? 'warning' : 'normal';
}

// ---- delegation poker ---------------------------------------------------------------------------

export interface PokerStats {
  count: number;
  min: number;
  max: number;
  /** The middle card; with an even count the mean of the two middle ones, a half rounded up. */
  median: number;
  /** How many cards of each level: index 0 is level 1 … index 6 level 7. */
  histogram: number[];
  /** The highest count in the histogram (the bars' scale). */
  peak: number;
}

export function median(levels: readonly number[]): number | null {
  if (levels.length === 0) return null;
  const s = [...levels].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : Math.round((s[mid - 1] + s[mid]) / 2);
}

/** The spread of revealed cards; `null` for none. Levels outside 1–7 are ignored. */
export function pokerStats(levels: readonly number[]): PokerStats | null {
  const valid = levels.filter((l) => Number.isInteger(l) && l >= 1 && l <= 7);
  if (valid.length === 0) return null;
  const histogram = [0, 0, 0, 0, 0, 0, 0];
  for (const l of valid) histogram[l - 1]++;
  return {
    count: valid.length,
    min: Math.min(...valid),
    max: Math.max(...valid),
    median: median(valid)!,
    histogram,
    peak: Math.max(...histogram),
  };
}

/** The people who have picked, by name (`facilitator` is the facilitator's card). */
export function pickedNames(view: SessionView, facilitator: string): string[] {
  const names = new Map(view.participants.map((p) => [p.id, p.name]));
  return (view.poker?.picked ?? []).map((id) => (id === 'facilitator' ? facilitator : (names.get(id) ?? '?')));
}

/** Who is in this round: the participants (not observers) who are online or have picked. */
export function voters(view: SessionView): SessionView['participants'] {
  const picked = new Set(view.poker?.picked ?? []);
  return view.participants.filter((p) => p.role === 'participant' && (p.online || picked.has(p.id)));
}

/** A round's identity for the UI (the API has no round id): its cell and its number. */
export function roundKey(view: SessionView | null): string | null {
  const p = view?.poker;
  return p ? `${p.domain}|${p.team}|${p.round}` : null;
}

/** Whether the caller gets the cards to pick from: anyone but an observer (the facilitator too), until the reveal. */
export function mayPick(view: SessionView | null): boolean {
  return !!view?.poker && !view.poker.revealed && view.me.role !== 'observer';
}

// ---- the agenda ---------------------------------------------------------------------------------

export const AGENDA_TITLE_MAX = 120;
export const AGENDA_MINUTES_MAX = 600;

/** The list with item `i` moved by `by` places (kept within the list). */
export function moveItem<T>(list: readonly T[], i: number, by: number): T[] {
  const j = Math.max(0, Math.min(list.length - 1, i + by));
  if (i < 0 || i >= list.length || i === j) return [...list];
  const next = [...list];
  const [item] = next.splice(i, 1);
  next.splice(j, 0, item);
  return next;
}

/** Where the current item is after a move of `i` to `j` (it follows its item). */
export function currentAfterMove(current: number | null, i: number, j: number): number | null {
  if (current === null) return null;
  if (current === i) return j;
  if (i < current && j >= current) return current - 1;
  if (i > current && j <= current) return current + 1;
  return current;
}

/** The first problem of a draft agenda, as (item index, what), or null when the server will take it. */
export function agendaProblem(items: readonly AgendaItem[]): { index: number; what: 'title' | 'minutes' } | null {
  for (let i = 0; i < items.length; i++) {
    const title = [...items[i].title.trim()].length;
    if (title === 0 || title > AGENDA_TITLE_MAX) return { index: i, what: 'title' };
    const m = items[i].minutes;
    if (!Number.isInteger(m) || m < 1 || m > AGENDA_MINUTES_MAX) return { index: i, what: 'minutes' };
  }
  return null;
}

export const sameAgenda = (a: readonly AgendaItem[], b: readonly AgendaItem[]) =>
  a.length === b.length && a.every((x, i) => x.title === b[i].title && x.minutes === b[i].minutes);

// ---- views and rights ---------------------------------------------------------------------------

const PROPOSAL = /^proposals\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * The shell's view of a session's place: the session names the Decisions view `board`, and
 * `proposals/<id>` is one proposal in the Proposals view.
 */
export function appViewOf(view: string | null | undefined): ShellView | null {
  if (view === 'chart' || view === 'vision' || view === 'proposals') return view;
  if (view === 'board') return 'decisions';
  return view && PROPOSAL.test(view) ? 'proposals' : null;
}

/** The address (hash) of a session's place: where a participant is brought. */
export function hashOfPlace(view: string): string | null {
  const app = appViewOf(view);
  if (!app) return null;
  const one = PROPOSAL.exec(view);
  return one ? `#proposals/${one[1]}` : hashOf(app);
}

/**
 * The session's place for the facilitator's view and address: one proposal when one is open
 * (`#proposals/<id>`), otherwise the view.
 */
export function sessionViewOf(view: ShellView, hash = ''): string {
  if (view === 'proposals') {
    const one = PROPOSAL.exec(hash.replace(/^#/, ''));
    return one ? `proposals/${one[1]}` : 'proposals';
  }
  return view === 'decisions' ? 'board' : view;
}

export const isFacilitator = (v: SessionView | null) => v?.me.role === 'facilitator';

/** Whether this person may write in the vision: not an observer, not a participant while locked. */
export function mayEditDocuments(v: SessionView | null): boolean {
  if (!v || v.me.role === 'facilitator') return true;
  return v.me.role === 'participant' && !v.locked;
}

/** Whether this person's structural changes are taken (`POST /api/ops`). */
export function mayChangeStructure(v: SessionView | null): boolean {
  if (!v || v.me.role === 'facilitator') return true;
  return v.me.role === 'participant' && v.structure_allowed;
}

// ---- the session state --------------------------------------------------------------------------

export interface SessionState {
  /**
   * `loading` until the first answer; `none`: no session is running (a facilitator); `active`;
   * `ended`: this participant's token was revoked (the session ended or they were removed);
   * `unavailable`: the session controls cannot be reached (say, the desktop's server is down).
   */
  status: 'loading' | 'none' | 'active' | 'ended' | 'unavailable';
  view: SessionView | null;
  /** The server's clock minus this one's (see `skewOf`). */
  skew: number;
  /**
   * The latest "bring everyone here" a participant follows: set when the session's `view`
   * changes to a view (or is one when the participant arrives); `n` counts them.
   */
  bring: { view: ShellView; hash: string; n: number } | null;
  reason: string | null;
  /** Ended because the facilitator removed this participant (the session goes on without them). */
  removed: boolean;
}

export type SessionAction =
  | { type: 'view'; view: SessionView | null; at: number }
  | { type: 'ended'; reason: string; removed?: boolean }
  | { type: 'unavailable'; reason: string }
  /** An answer 401: a participant's token was revoked; anyone else has no session to see. */
  | { type: 'unauthorized'; reason: string };

export const initialSession: SessionState = { status: 'loading', view: null, skew: 0, bring: null, reason: null, removed: false };

export function sessionReducer(state: SessionState, action: SessionAction): SessionState {
  // An ended session stays ended: nothing after the revocation counts.
  if (state.status === 'ended') return state;
  switch (action.type) {
    case 'ended':
      return { ...state, status: 'ended', reason: action.reason, removed: action.removed ?? false };
    case 'unavailable':
      return state.status === 'loading' ? { ...state, status: 'unavailable', reason: action.reason } : state;
    case 'unauthorized':
      if (state.view && state.view.me.role !== 'facilitator') return { ...state, status: 'ended', reason: action.reason };
      return state.status === 'loading' ? { ...state, status: 'unavailable', reason: action.reason } : state;
    case 'view': {
      const next = action.view;
      if (!next) {
        // A participant has no session without one: theirs ended.
        if (state.view && state.view.me.role !== 'facilitator') return { ...state, status: 'ended', reason: null };
        return { ...state, status: 'none', view: null, bring: null, reason: null, removed: false };
      }
      const skew = skewOf(next.timer, action.at) ?? state.skew;
      let bring = state.bring;
      const target = appViewOf(next.view);
      if (next.me.role !== 'facilitator' && target && next.view && (state.view === null || next.brought !== state.view.brought)) {
        bring = { view: target, hash: hashOfPlace(next.view) ?? '', n: (bring?.n ?? 0) + 1 };
      }
      return { status: 'active', view: next, skew, bring, reason: null, removed: false };
    }
  }
}
