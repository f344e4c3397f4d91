/**
 * The proposals' logic, pure and tested: what the state allows (steps, answers, comments, why
 * adoption waits), the figures before and after with their differences, threads from `parent`
 * links, reactions, anchors, the ops a facilitator stages for a structural or a decision-framework
 * draft, and the framework's changes as the preview shows them.
 */
import type { Anchor, CellChange, ChartRole, Comment, DecisionDomain, DomainId, Figures, News, NodeRef, Objection, Op, Preview, ProposalView, RoleId, State, Step, Tally, TeamId, Unit } from '../../api/types';
import { uuidV7 } from '../../api/ids';

export type StepKind = Step['step'];
export const STEP_KINDS: readonly StepKind[] = ['open', 'consent', 'close', 'amend', 'adopt', 'reject', 'withdraw'];

export type AnswerKind = 'consent' | 'concern' | 'objection' | 'stand_aside';
export const ANSWER_KINDS: readonly AnswerKind[] = ['consent', 'concern', 'objection', 'stand_aside'];

/** The phase of a proposal at `now`: a consent round past its deadline counts as closed. */
export type Phase = 'draft' | 'comments' | 'round_open' | 'round_closed' | 'adopted' | 'rejected' | 'withdrawn';

export function phaseOf(state: State, now: number): Phase {
  switch (state.state) {
    case 'consent':
      return state.closed === null && now < state.until ? 'round_open' : 'round_closed';
    default:
      return state.state;
  }
}

export function isFinal(phase: Phase): boolean {
  return phase === 'adopted' || phase === 'rejected' || phase === 'withdrawn';
}

/** Objections of the current round that no amendment has integrated yet. */
export function openObjections(v: ProposalView): Objection[] {
  const s = v.proposal.state;
  if (s.state !== 'consent') return [];
  return v.objections.filter((o) => o.round === s.round && o.integration === null);
}

/** Why a step is not possible now (a key of `proposals.why.*`), or `null` when it is. */
export type Blocked = 'roundOpen' | 'objectionsOpen' | 'secretOpen' | null;

export interface StepOption {
  step: StepKind;
  /** Shown but disabled, with the reason. */
  blocked: Blocked;
}

/**
 * The lifecycle steps the state allows, in the order a facilitator takes them. Adoption is
 * offered in a round, disabled with the reason while the round is open or an objection is open;
 * amending a round with secret results waits for the round to close (the objections are secret).
 */
export function stepsFor(v: ProposalView): StepOption[] {
  const phase = phaseOf(v.proposal.state, v.now);
  const open = openObjections(v).length > 0;
  const secret = v.proposal.privacy.hidden_results;
  switch (phase) {
    case 'draft':
      return [
        { step: 'open', blocked: null },
        { step: 'withdraw', blocked: null },
      ];
    case 'comments':
      return [
        { step: 'consent', blocked: null },
        { step: 'reject', blocked: null },
        { step: 'withdraw', blocked: null },
      ];
    case 'round_open':
      return [
        { step: 'close', blocked: null },
        { step: 'adopt', blocked: 'roundOpen' },
        { step: 'amend', blocked: secret ? 'secretOpen' : null },
        { step: 'reject', blocked: null },
        { step: 'withdraw', blocked: null },
      ];
    case 'round_closed':
      return [
        { step: 'adopt', blocked: open ? 'objectionsOpen' : null },
        { step: 'amend', blocked: null },
        { step: 'reject', blocked: null },
        { step: 'withdraw', blocked: null },
      ];
    default:
      return [];
  }
}

/** Whether the caller can answer the round now (observers are refused by the server too). */
export function mayAnswer(v: ProposalView, canWrite: boolean): boolean {
  return canWrite && !v.answered && phaseOf(v.proposal.state, v.now) === 'round_open';
}

/** Comments and reactions are taken while the proposal is open for comments or in consent. */
export function mayDiscuss(state: State): boolean {
  return state.state === 'comments' || state.state === 'consent';
}

/** The deadline the state runs to, if any. */
export function deadlineOf(state: State): number | null {
  return state.state === 'comments' || state.state === 'consent' ? state.until : null;
}

/** A problem with an answer before it is sent (an objection needs its reason). */
export function answerProblem(kind: AnswerKind, text: string): 'reasonRequired' | null {
  return kind === 'objection' && !text.trim() ? 'reasonRequired' : null;
}

/** The `Answer` body for a kind and its text (a concern's note is optional). */
export function answerOf(kind: AnswerKind, text: string) {
  const t = text.trim();
  switch (kind) {
    case 'consent':
      return { answer: 'consent' } as const;
    case 'stand_aside':
      return { answer: 'stand_aside' } as const;
    case 'concern':
      return { answer: 'concern', note: t || null } as const;
    case 'objection':
      return { answer: 'objection', reason: t } as const;
  }
}

export function tallyTotal(t: Tally): number {
  return t.consent + t.concern + t.objection + t.stand_aside;
}

// ---- deadlines ---------------------------------------------------------------------------------

/** A deadline `days` from `now`, at 17:00 local time (the end of a working day). */
export function defaultDeadline(now: number, days: number): number {
  const d = new Date(now);
  d.setDate(d.getDate() + days);
  d.setHours(17, 0, 0, 0);
  return d.getTime();
}

/** `YYYY-MM-DDTHH:MM` in local time, for `<input type="datetime-local">`. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The time of a `datetime-local` value, or `null` when it is not one. */
export function fromLocalInput(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const d = new Date(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  return Number.isNaN(d.getTime()) ? null : d.getTime();
}

// ---- figures before and after ------------------------------------------------------------------

export type FigureKey = 'layers' | 'span_mean' | 'span_max' | 'managers' | 'pass_through' | 'support' | 'coordination' | 'control' | 'unclassified' | 'autonomy' | 'roles' | 'people';

/** `share` figures are fractions (0–1) shown as percentages; the rest are counts. */
export interface FigureRow {
  key: FigureKey;
  before: number | null;
  after: number | null;
  /** after − before, rounded for its unit; `null` when either side is unknown. */
  delta: number | null;
  share: boolean;
  changed: boolean;
}

function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

function lines(f: Figures): number {
  const h = f.hierarchy;
  return h.support + h.coordination + h.control + h.unclassified;
}

function valueOf(f: Figures, key: FigureKey): number | null {
  switch (key) {
    case 'layers':
      return f.layers;
    case 'span_mean':
      return f.span_of_control.mean;
    case 'span_max':
      return f.span_of_control.max;
    case 'managers':
      return f.span_of_control.managers;
    case 'pass_through':
      return f.pass_through_managers.length;
    case 'support':
    case 'coordination':
    case 'control':
    case 'unclassified':
      return share(f.hierarchy[key], lines(f));
    case 'autonomy':
      return f.autonomy;
    case 'roles':
      return f.roles;
    case 'people':
      return f.people;
  }
}

const SHARES: ReadonlySet<FigureKey> = new Set(['support', 'coordination', 'control', 'unclassified', 'autonomy']);
export const FIGURE_KEYS: readonly FigureKey[] = ['layers', 'span_mean', 'span_max', 'managers', 'pass_through', 'support', 'coordination', 'control', 'unclassified', 'autonomy', 'roles', 'people'];

/**
 * The figures side by side with their differences. Shares are compared in whole percentage
 * points (what is shown), means to two decimals, so a change is marked exactly when the shown
 * numbers differ.
 */
export function figureRows(before: Figures, after: Figures): FigureRow[] {
  return FIGURE_KEYS.map((key) => {
    const isShare = SHARES.has(key);
    const round = (x: number | null) => (x === null ? null : isShare ? Math.round(x * 100) : Math.round(x * 100) / 100);
    const b = round(valueOf(before, key));
    const a = round(valueOf(after, key));
    const delta = a === null || b === null ? null : Math.round((a - b) * 100) / 100;
    return { key, before: b, after: a, delta, share: isShare, changed: a !== b };
  });
}

// ---- what changes ------------------------------------------------------------------------------

/** A node of the preview people can comment on: added, removed, changed, or moved (new manager). */
export interface ChangedNode {
  node: NodeRef;
  /** The preview's name; `null` for a moved role (the caller names it from the chart). */
  name: string | null;
  change: 'added' | 'removed' | 'changed' | 'moved';
  /** A moved role's managers before and after (`null`: none, at the top). */
  from?: RoleId | null;
  to?: RoleId | null;
}

/**
 * The preview's nodes, plus every existing role whose solid line changes: the engine reports a
 * move as a line removed and a line added, but people talk about "the moved role".
 */
export function changedNodes(p: Extract<Preview, { kind: 'organization' }>): ChangedNode[] {
  const out: ChangedNode[] = p.nodes.map((n) => ({ node: n.node, name: n.name, change: n.change }));
  const listed = new Set(p.nodes.map((n) => nodeKey(n.node)));
  const moves = new Map<string, { from: RoleId | null; to: RoleId | null }>();
  for (const r of p.relations_removed) if (r.kind === 'reports_to') moves.set(r.role, { from: r.manager, to: moves.get(r.role)?.to ?? null });
  for (const r of p.relations_added) if (r.kind === 'reports_to') moves.set(r.role, { from: moves.get(r.role)?.from ?? null, to: r.manager });
  for (const [role, m] of moves) {
    const node: NodeRef = { kind: 'role', id: role };
    if (listed.has(nodeKey(node))) continue;
    out.push({ node, name: null, change: 'moved', from: m.from, to: m.to });
  }
  return out;
}

// ---- comments ----------------------------------------------------------------------------------

export interface ThreadNode {
  comment: Comment;
  replies: ThreadNode[];
  depth: number;
}

/**
 * Threads from `parent` links, in posting order at every level. A reply whose parent is unknown
 * (not sent to this viewer) is shown as a thread of its own rather than lost.
 */
export function buildThreads(comments: readonly Comment[]): ThreadNode[] {
  const nodes = new Map<string, ThreadNode>();
  for (const c of comments) nodes.set(c.id, { comment: c, replies: [], depth: 0 });
  const roots: ThreadNode[] = [];
  for (const c of comments) {
    const node = nodes.get(c.id)!;
    const parent = c.parent ? nodes.get(c.parent) : undefined;
    if (parent && parent !== node) parent.replies.push(node);
    else roots.push(node);
  }
  // Depth, iteratively (a long reply chain must not exhaust the stack); a cycle cannot form
  // from posting order, but a visited set keeps a broken answer from looping.
  const seen = new Set<ThreadNode>();
  const stack = roots.map((r) => ({ n: r, d: 0 }));
  while (stack.length) {
    const { n, d } = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    n.depth = d;
    for (const r of n.replies) stack.push({ n: r, d: d + 1 });
  }
  return roots;
}

/** Every comment of a thread, depth first, for counting and flat rendering. */
export function flatten(roots: readonly ThreadNode[]): ThreadNode[] {
  const out: ThreadNode[] = [];
  const stack = [...roots].reverse();
  const seen = new Set<ThreadNode>();
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    out.push(n);
    for (let i = n.replies.length - 1; i >= 0; i--) stack.push(n.replies[i]);
  }
  return out;
}

/** The reactions offered: a short code (what the server stores) and its emoji (for other clients). */
export const REACTIONS: readonly { key: string; emoji: string }[] = [
  { key: '+1', emoji: '👍' },
  { key: 'heart', emoji: '❤️' },
  { key: 'thinking', emoji: '🤔' },
];

/** A comment's count and own reaction per offered key (others' keys are kept at the end). */
export function reactionsOf(c: Comment): { key: string; emoji: string; count: number; mine: boolean }[] {
  const by = new Map(c.reactions.map(([k, n, mine]) => [k, { n, mine }]));
  const out = REACTIONS.map((r) => ({ ...r, count: by.get(r.key)?.n ?? 0, mine: by.get(r.key)?.mine ?? false }));
  for (const [k, n, mine] of c.reactions) if (!REACTIONS.some((r) => r.key === k)) out.push({ key: k, emoji: k, count: n, mine });
  return out;
}

/** The comment's reactions after toggling `key` (shown before the server's answer arrives). */
export function toggleReaction(c: Comment, key: string): Comment {
  const has = c.reactions.find(([k]) => k === key);
  let reactions: Comment['reactions'];
  if (!has) reactions = [...c.reactions, [key, 1, true]];
  else {
    const [, n, mine] = has;
    const next = mine ? n - 1 : n + 1;
    reactions = c.reactions.map((r) => (r[0] === key ? ([key, next, !mine] as [string, number, boolean]) : r)).filter((r) => r[1] > 0);
  }
  return { ...c, reactions };
}

/** A stable key for an anchor (to group and to match the node clicked in the preview). */
export function anchorKey(a: Anchor): string {
  switch (a.on) {
    case 'proposal':
      return 'proposal';
    case 'node':
      return `node:${a.node.kind}:${a.node.id}`;
    case 'passage':
      return `passage:${a.section}:${a.quote}`;
  }
}

export function nodeKey(n: NodeRef): string {
  return `node:${n.kind}:${n.id}`;
}

/** A quote for a passage anchor: trimmed, at most `max` characters (cut at a word). */
export function quoteOf(text: string, max = 280): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The first lines of the why, for the list: at most `max` characters, cut at a word. */
export function excerpt(text: string, max = 180): string {
  return quoteOf(text, max);
}

// ---- staging a structural draft ----------------------------------------------------------------

/** A staged change, as the facilitator sees it (the ops are built from it when saving). */
export type StagedChange =
  | { kind: 'move'; role: RoleId; manager: RoleId | null }
  | { kind: 'add'; id: RoleId; title: string; manager: RoleId; team: TeamId | null }
  /** `op`: the planned removal (`planRemoveRole`: reports to the manager above, the person
   * unplaced), one batch; without it a bare `remove_role`. */
  | { kind: 'remove'; role: RoleId; op?: Op };

/** The ops of the staged changes, in order (a new role is added, then connected). */
export function opsOf(staged: readonly StagedChange[]): Op[] {
  const out: Op[] = [];
  for (const s of staged) {
    if (s.kind === 'move') out.push({ op: 'move_role', role: s.role, manager: s.manager });
    else if (s.kind === 'remove') out.push(s.op ?? { op: 'remove_role', id: s.role });
    else {
      out.push({ op: 'add_role', role: { id: s.id, external_id: null, title: s.title.trim(), purpose: '', accountabilities: [] } });
      out.push({ op: 'connect', relation: { kind: 'reports_to', role: s.id, manager: s.manager } });
      if (s.team) out.push({ op: 'connect', relation: { kind: 'member_of', role: s.id, team: s.team } });
    }
  }
  return out;
}

/**
 * The role a planned removal removes: a batch of moves followed by one `remove_role` (and the
 * people who leave with it); `null` for any other batch.
 */
export function plannedRemoval(op: Op): RoleId | null {
  if (op.op !== 'batch') return null;
  const removed = op.ops.filter((o) => o.op === 'remove_role');
  const rest = op.ops.every((o) => o.op === 'move_role' || o.op === 'remove_role' || o.op === 'remove_person');
  return removed.length === 1 && rest && removed[0].op === 'remove_role' ? removed[0].id : null;
}

/** Reads ops back into staged changes (editing a draft); ops it does not stage are kept aside. */
export function stagedOf(ops: readonly Op[]): { staged: StagedChange[]; other: Op[] } {
  const staged: StagedChange[] = [];
  const other: Op[] = [];
  const added = new Map<string, Extract<StagedChange, { kind: 'add' }>>();
  for (const op of ops) {
    if (op.op === 'move_role') staged.push({ kind: 'move', role: op.role, manager: op.manager });
    else if (op.op === 'remove_role') staged.push({ kind: 'remove', role: op.id });
    else if (op.op === 'batch' && plannedRemoval(op) !== null) staged.push({ kind: 'remove', role: plannedRemoval(op)!, op });
    else if (op.op === 'add_role') {
      const s = { kind: 'add' as const, id: op.role.id, title: op.role.title, manager: '', team: null as TeamId | null };
      added.set(op.role.id, s);
      staged.push(s);
    } else if (op.op === 'connect' && op.relation.kind === 'reports_to' && added.has(op.relation.role)) added.get(op.relation.role)!.manager = op.relation.manager;
    else if (op.op === 'connect' && op.relation.kind === 'member_of' && added.has(op.relation.role)) added.get(op.relation.role)!.team = op.relation.team;
    else other.push(op);
  }
  return { staged: staged.filter((s) => s.kind !== 'add' || s.manager), other };
}

/** A new role below `manager`, in the manager's team. */
export function stageAdd(manager: ChartRole, title: string, id: string = uuidV7()): StagedChange {
  return { kind: 'add', id, title, manager: manager.id, team: manager.team };
}

/** The roles the draft removes. */
export function removedRoles(staged: readonly StagedChange[]): Set<RoleId> {
  return new Set(staged.flatMap((s) => (s.kind === 'remove' ? [s.role] : [])));
}

/** The roles the move and add pickers offer: every role of the chart the draft does not remove. */
export function stillThere<R extends { id: RoleId }>(roles: readonly R[], staged: readonly StagedChange[]): R[] {
  const gone = removedRoles(staged);
  return roles.filter((r) => !gone.has(r.id));
}

/**
 * The roles the draft may remove: not one already removed, moved, or that a staged move or new
 * role reports to (a removed role cannot also be moved, nor be someone's new manager).
 */
export function removableRoles<R extends { id: RoleId }>(roles: readonly R[], staged: readonly StagedChange[]): R[] {
  const busy = new Set<RoleId>();
  for (const s of staged) {
    if (s.kind === 'remove') busy.add(s.role);
    else if (s.kind === 'move') {
      busy.add(s.role);
      if (s.manager) busy.add(s.manager);
    } else busy.add(s.manager);
  }
  return roles.filter((r) => !busy.has(r.id));
}

/**
 * The roles a role may move under: not itself and none of its own reports (that would be a
 * cycle), computed on the chart as it is.
 */
export function managersFor(roles: readonly ChartRole[], role: RoleId): ChartRole[] {
  const children = new Map<string, string[]>();
  for (const r of roles) if (r.manager) (children.get(r.manager) ?? children.set(r.manager, []).get(r.manager)!).push(r.id);
  const below = new Set<string>([role]);
  const stack = [role];
  while (stack.length) for (const c of children.get(stack.pop()!) ?? []) if (!below.has(c)) below.add(c), stack.push(c);
  return roles.filter((r) => !below.has(r.id));
}

// ---- staging a decision-framework draft ----------------------------------------------------------

/**
 * A staged change of the decision framework: a cell's agreed (`current`) and desired levels for
 * a team or role in one domain, or a domain's new guardrails.
 */
export type FrameworkChange =
  | { kind: 'level'; domain: DomainId; subject: Unit; current: number | null; desired: number | null }
  | { kind: 'guardrails'; domain: DomainId; guardrails: string[] };

/** A cell's two levels. */
export interface Levels {
  current: number | null;
  desired: number | null;
}

/**
 * The ops a framework proposal may hold — decision domains and delegation levels — as the
 * engine checks them (`is_framework_op` in src/proposals/mod.rs): it refuses any other.
 */
export function isFrameworkOp(op: Op): boolean {
  switch (op.op) {
    case 'add_domain':
    case 'update_domain':
    case 'remove_domain':
    case 'set_delegation':
      return true;
    case 'batch':
      return op.ops.every(isFrameworkOp);
    default:
      return false;
  }
}

export const sameUnit = (a: Unit, b: Unit) => a.kind === b.kind && a.id === b.id;

/** `team:<id>` or `role:<id>`, the value of a subject picker. */
export const unitKey = (u: Unit) => `${u.kind}:${u.id}`;

export function unitOfKey(key: string): Unit | null {
  const i = key.indexOf(':');
  const kind = key.slice(0, i);
  const id = key.slice(i + 1);
  if (!id) return null;
  return kind === 'team' ? { kind: 'team', id } : kind === 'role' ? { kind: 'role', id } : null;
}

/** Guardrails as they are saved: trimmed, empty lines dropped. */
export function normalizeGuardrails(lines: readonly string[]): string[] {
  return lines.map((l) => l.trim()).filter(Boolean);
}

const sameLines = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** A cell's levels on the live board; none when the domain has no entry for the subject. */
export function liveLevels(domains: readonly DecisionDomain[], domain: DomainId, subject: Unit): Levels {
  const e = domains.find((d) => d.id === domain)?.delegations.find((x) => sameUnit(x.subject, subject));
  return { current: e?.current ?? null, desired: e?.desired ?? null };
}

/** A cell's levels as the draft would leave them: its staged levels, or the live ones. */
export function draftLevels(staged: readonly FrameworkChange[], domains: readonly DecisionDomain[], domain: DomainId, subject: Unit): Levels {
  const s = staged.find((c): c is Extract<FrameworkChange, { kind: 'level' }> => c.kind === 'level' && c.domain === domain && sameUnit(c.subject, subject));
  return s ? { current: s.current, desired: s.desired } : liveLevels(domains, domain, subject);
}

/** A domain's guardrails as the draft would leave them: its staged lines, or the live ones. */
export function draftGuardrails(staged: readonly FrameworkChange[], domains: readonly DecisionDomain[], domain: DomainId): string[] {
  const s = staged.find((c): c is Extract<FrameworkChange, { kind: 'guardrails' }> => c.kind === 'guardrails' && c.domain === domain);
  return (s ? s.guardrails : (domains.find((d) => d.id === domain)?.guardrails ?? [])).slice();
}

/**
 * `staged` with `change` in: it replaces a staged change of the same cell (or of the same
 * domain's guardrails), in place; a change that leaves the live board as it is takes the staged
 * one out instead.
 */
export function stageFramework(staged: readonly FrameworkChange[], change: FrameworkChange, domains: readonly DecisionDomain[]): FrameworkChange[] {
  const same = (c: FrameworkChange) =>
    c.kind === change.kind && c.domain === change.domain && (c.kind !== 'level' || change.kind !== 'level' || sameUnit(c.subject, change.subject));
  let next: FrameworkChange;
  let noop: boolean;
  if (change.kind === 'guardrails') {
    next = { ...change, guardrails: normalizeGuardrails(change.guardrails) };
    noop = sameLines(next.guardrails, domains.find((d) => d.id === change.domain)?.guardrails ?? []);
  } else {
    next = change;
    const live = liveLevels(domains, change.domain, change.subject);
    noop = live.current === change.current && live.desired === change.desired;
  }
  const i = staged.findIndex(same);
  if (noop) return staged.filter((_, j) => j !== i);
  if (i < 0) return [...staged, next];
  return staged.map((c, j) => (j === i ? next : c));
}

/**
 * The ops of a framework draft. Each domain whose guardrails change becomes `update_domain`,
 * built from the domain as it is live now — `update_domain` replaces the whole domain, so its
 * name, driver, owner and entries must be the live ones —, then each cell becomes
 * `set_delegation`. Guardrails go first, so a domain's replacement can never undo a level the same
 * draft sets. A staged change on a domain that no longer exists is left out.
 */
export function frameworkOpsOf(staged: readonly FrameworkChange[], domains: readonly DecisionDomain[]): Op[] {
  const byId = new Map(domains.map((d) => [d.id, d]));
  const rails: Op[] = [];
  const levels: Op[] = [];
  for (const s of staged) {
    const live = byId.get(s.domain);
    if (!live) continue;
    if (s.kind === 'guardrails') rails.push({ op: 'update_domain', domain: { ...live, guardrails: normalizeGuardrails(s.guardrails) } });
    else levels.push({ op: 'set_delegation', domain: s.domain, subject: s.subject, current: s.current, desired: s.desired });
  }
  return [...rails, ...levels];
}

/** The levels of a domain's entries, in a stable order, for comparing two versions of it. */
function levelsKey(d: DecisionDomain): string {
  return d.delegations
    .map((e) => `${unitKey(e.subject)}=${e.current ?? '-'}>${e.desired ?? '-'}`)
    .sort()
    .join(' ');
}

/**
 * Reads a framework draft's ops back: `set_delegation` as a cell's levels; `update_domain` as new
 * guardrails when it changes nothing else of the live domain (name, driver, owner, review date,
 * levels) — otherwise rebuilding it from the live domain would change what the draft says. Every
 * other op is kept aside, as it is.
 */
export function frameworkStagedOf(ops: readonly Op[], domains: readonly DecisionDomain[]): { staged: FrameworkChange[]; other: Op[] } {
  const byId = new Map(domains.map((d) => [d.id, d]));
  const staged: FrameworkChange[] = [];
  const other: Op[] = [];
  for (const op of ops) {
    if (op.op === 'set_delegation') staged.push({ kind: 'level', domain: op.domain, subject: op.subject, current: op.current, desired: op.desired });
    else if (op.op === 'update_domain') {
      const live = byId.get(op.domain.id);
      const d = op.domain;
      const onlyRails =
        live && live.name === d.name && live.driver === d.driver && live.owner_team === d.owner_team && live.review_date === d.review_date && levelsKey(live) === levelsKey(d);
      if (onlyRails) staged.push({ kind: 'guardrails', domain: d.id, guardrails: d.guardrails.slice() });
      else other.push(op);
    } else other.push(op);
  }
  return { staged, other };
}

/** A staged level change as the preview shows a cell: before (live) and after. */
export function cellStep(staged: Extract<FrameworkChange, { kind: 'level' }>, domains: readonly DecisionDomain[]): Omit<CellChange, 'subject' | 'name'> {
  const live = liveLevels(domains, staged.domain, staged.subject);
  return { current_before: live.current, current_after: staged.current, desired_before: live.desired, desired_after: staged.desired };
}

/** One team or role a level can be set for. */
export interface SubjectOption {
  unit: Unit;
  name: string;
}

/**
 * Whom a domain's level can be set for: first the cells the board has for it (they hold a level),
 * then every other team, then every other role, each by name.
 */
export function subjectOptions(
  domain: DecisionDomain | undefined,
  teams: readonly { id: string; name: string }[],
  roles: readonly { id: string; name: string }[],
  locale?: string,
): { cells: SubjectOption[]; teams: SubjectOption[]; roles: SubjectOption[] } {
  const names = new Map<string, string>();
  for (const x of teams) names.set(`team:${x.id}`, x.name);
  for (const x of roles) names.set(`role:${x.id}`, x.name);
  const byName = (a: SubjectOption, b: SubjectOption) => a.name.localeCompare(b.name, locale);
  const cells: SubjectOption[] = [];
  for (const e of domain?.delegations ?? []) {
    if (e.current === null && e.desired === null) continue;
    const name = names.get(unitKey(e.subject));
    if (name !== undefined) cells.push({ unit: e.subject, name });
  }
  const onBoard = new Set(cells.map((c) => unitKey(c.unit)));
  return {
    cells: cells.sort(byName),
    teams: teams
      .filter((x) => !onBoard.has(`team:${x.id}`))
      .map((x): SubjectOption => ({ unit: { kind: 'team', id: x.id }, name: x.name }))
      .sort(byName),
    roles: roles
      .filter((x) => !onBoard.has(`role:${x.id}`))
      .map((x): SubjectOption => ({ unit: { kind: 'role', id: x.id }, name: x.name }))
      .sort(byName),
  };
}

// ---- the framework's changes in the preview -------------------------------------------------------

export type LineChange = { line: string; change: 'same' | 'added' | 'removed' };

/**
 * Two lists of lines as kept, removed and added lines, in reading order (a longest common
 * subsequence; guardrails are few). A changed line reads as the old one removed, the new added.
 */
export function lineDiff(before: readonly string[], after: readonly string[]): LineChange[] {
  const n = before.length;
  const m = after.length;
  // lcs[i][j]: the longest common subsequence of before[i..] and after[j..].
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = before[i] === after[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: LineChange[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) out.push({ line: before[i++], change: 'same' }), j++;
    else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) out.push({ line: before[i++], change: 'removed' });
    else out.push({ line: after[j++], change: 'added' });
  }
  return out;
}

/** Which of a cell's levels change. */
export function cellChanged(c: Omit<CellChange, 'subject' | 'name'>): { current: boolean; desired: boolean } {
  return { current: c.current_before !== c.current_after, desired: c.desired_before !== c.desired_after };
}

// ---- what is new since the last visit -------------------------------------------------------------

export interface ProposalNews {
  /** Opened for comments since then. */
  opened: boolean;
  /** Lifecycle steps since then (rounds started or closed, amendments, adoption…). */
  steps: number;
  /** Comments by others since then. */
  comments: number;
}

/** `News` per proposal; proposals with nothing new are left out. */
export function newsByProposal(news: News): Map<string, ProposalNews> {
  const out = new Map<string, ProposalNews>();
  const of = (id: string) => out.get(id) ?? out.set(id, { opened: false, steps: 0, comments: 0 }).get(id)!;
  for (const id of news.opened) of(id).opened = true;
  for (const e of news.events) of(e.proposal).steps++;
  for (const [id] of news.comments) of(id).comments++;
  return out;
}

// ---- routes inside the view ---------------------------------------------------------------------

/** Where the Proposals view is: the list, one proposal, a new draft, or the decision log. */
export type ProposalRoute = { at: 'list' } | { at: 'new' } | { at: 'log' } | { at: 'proposal'; id: string };

export function routeOf(hash: string): ProposalRoute {
  const h = hash.replace(/^#/, '');
  if (!h.startsWith('proposals')) return { at: 'list' };
  const rest = h.slice('proposals'.length).replace(/^\//, '');
  if (!rest) return { at: 'list' };
  if (rest === 'new') return { at: 'new' };
  if (rest === 'log') return { at: 'log' };
  return { at: 'proposal', id: decodeURIComponent(rest) };
}

export function hashOfRoute(r: ProposalRoute): string {
  switch (r.at) {
    case 'list':
      return '#proposals';
    case 'new':
      return '#proposals/new';
    case 'log':
      return '#proposals/log';
    case 'proposal':
      return `#proposals/${encodeURIComponent(r.id)}`;
  }
}
