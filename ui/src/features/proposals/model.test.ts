import { describe, expect, it } from 'vitest';
import type { ChartRole, Comment, DecisionDomain, Figures, Objection, Op, ProposalView, State } from '../../api/types';
import {
  answerOf, answerProblem, buildThreads, cellChanged, cellStep, changedNodes, draftGuardrails, draftLevels, frameworkOpsOf, frameworkStagedOf, isFrameworkOp, lineDiff, newsByProposal,
  figureRows, flatten, hashOfRoute, managersFor, mayAnswer, mayDiscuss, openObjections, opsOf, phaseOf, quoteOf, reactionsOf, removableRoles, removedRoles, routeOf, stageFramework,
  stagedOf, stepsFor, stillThere, subjectOptions, toggleReaction, fromLocalInput, toLocalInput, unitOfKey, type FrameworkChange, type StagedChange,
} from './model';

const NOW = 1_000_000;

function view(state: State, extra: Partial<ProposalView> = {}, hidden = false): ProposalView {
  return {
    proposal: {
      id: 'p1', title: 'T', rationale: 'why', author: { name: 'F', participant: null }, goals: [],
      proposed: { kind: 'structure', ops: [] }, state, privacy: { anonymous: false, hidden_results: hidden }, rounds: [], created: 0, updated: 0,
    },
    outcome: null, objections: [], answered: false, comments: 0, now: NOW, ...extra,
  };
}
const objection = (round: number, integration: string | null): Objection => ({ id: `o${round}${integration ?? ''}`, round, by: null, reason: 'no', integration });
const steps = (v: ProposalView) => stepsFor(v).map((s) => (s.blocked ? `${s.step}!${s.blocked}` : s.step));

describe('the lifecycle as the UI offers it', () => {
  it('a round past its deadline counts as closed', () => {
    expect(phaseOf({ state: 'consent', round: 1, until: NOW + 1, closed: null }, NOW)).toBe('round_open');
    expect(phaseOf({ state: 'consent', round: 1, until: NOW, closed: null }, NOW)).toBe('round_closed');
    expect(phaseOf({ state: 'consent', round: 1, until: NOW + 5, closed: NOW - 1 }, NOW)).toBe('round_closed');
  });
  it('offers the steps each state allows', () => {
    expect(steps(view({ state: 'draft' }))).toEqual(['open', 'withdraw']);
    expect(steps(view({ state: 'comments', until: NOW + 9 }))).toEqual(['consent', 'reject', 'withdraw']);
    expect(steps(view({ state: 'consent', round: 1, until: NOW + 9, closed: null }))).toEqual(['close', 'adopt!roundOpen', 'amend', 'reject', 'withdraw']);
    expect(steps(view({ state: 'consent', round: 1, until: NOW + 9, closed: null }, {}, true))).toEqual(['close', 'adopt!roundOpen', 'amend!secretOpen', 'reject', 'withdraw']);
    expect(steps(view({ state: 'consent', round: 1, until: NOW + 9, closed: NOW }))).toEqual(['adopt', 'amend', 'reject', 'withdraw']);
    for (const s of ['adopted', 'rejected', 'withdrawn'] as const) expect(steps(view({ state: s, at: 1 }))).toEqual([]);
  });
  it('refuses adoption while an objection of the current round is open, not one integrated or of an earlier round', () => {
    const closed: State = { state: 'consent', round: 2, until: NOW + 9, closed: NOW };
    expect(steps(view(closed, { objections: [objection(2, null)] }))[0]).toBe('adopt!objectionsOpen');
    expect(steps(view(closed, { objections: [objection(1, null), objection(2, 'split the role')] }))[0]).toBe('adopt');
    expect(openObjections(view(closed, { objections: [objection(1, null), objection(2, null)] }))).toHaveLength(1);
  });
  it('takes one answer per round, while it is open, from someone who may write', () => {
    const open: State = { state: 'consent', round: 1, until: NOW + 9, closed: null };
    expect(mayAnswer(view(open), true)).toBe(true);
    expect(mayAnswer(view(open, { answered: true }), true)).toBe(false);
    expect(mayAnswer(view(open), false)).toBe(false);
    expect(mayAnswer(view({ state: 'comments', until: NOW + 9 }), true)).toBe(false);
    expect(mayAnswer(view({ ...open, until: NOW }), true)).toBe(false);
    expect(mayDiscuss({ state: 'draft' })).toBe(false);
    expect(mayDiscuss(open)).toBe(true);
    expect(mayDiscuss({ state: 'adopted', at: 1 })).toBe(false);
  });
  it('an objection needs its reason; a concern’s note is optional', () => {
    expect(answerProblem('objection', '   ')).toBe('reasonRequired');
    expect(answerProblem('objection', 'it splits the team')).toBeNull();
    expect(answerProblem('concern', '')).toBeNull();
    expect(answerOf('concern', '  ')).toEqual({ answer: 'concern', note: null });
    expect(answerOf('objection', ' it splits the team ')).toEqual({ answer: 'objection', reason: 'it splits the team' });
    expect(answerOf('stand_aside', 'x')).toEqual({ answer: 'stand_aside' });
  });
});

function figures(p: Partial<Figures> & { h?: [number, number, number, number] } = {}): Figures {
  const [support, coordination, control, unclassified] = p.h ?? [2, 1, 1, 0];
  return {
    people: 10, roles: 10, teams: 2, layers: 3, span_of_control: { managers: 3, mean: 3, median: 3, max: 4, histogram: {} },
    pass_through_managers: [], hierarchy: { support, coordination, control, unclassified }, autonomy: 0.5, decision_distance: { mean: null, max: null }, bottlenecks: [], ...p,
  };
}

describe('figures before and after', () => {
  it('marks exactly the figures whose shown value changes, with shares in percentage points', () => {
    const rows = figureRows(figures(), figures({ layers: 2, h: [3, 1, 0, 0], span_of_control: { managers: 2, mean: 4.5, median: 4, max: 6, histogram: {} } }));
    const by = Object.fromEntries(rows.map((r) => [r.key, r]));
    expect(by.layers).toMatchObject({ before: 3, after: 2, delta: -1, changed: true });
    expect(by.support).toMatchObject({ before: 50, after: 75, delta: 25, share: true, changed: true });
    expect(by.control).toMatchObject({ before: 25, after: 0, changed: true });
    expect(by.coordination).toMatchObject({ before: 25, after: 25, delta: 0, changed: false });
    expect(by.span_mean).toMatchObject({ before: 3, after: 4.5, delta: 1.5 });
    expect(by.roles.changed).toBe(false);
  });
  it('says unknown rather than zero without decision data or lines', () => {
    const rows = figureRows(figures({ autonomy: null, h: [0, 0, 0, 0] }), figures({ autonomy: 0.25 }));
    const by = Object.fromEntries(rows.map((r) => [r.key, r]));
    expect(by.autonomy).toMatchObject({ before: null, after: 25, delta: null, changed: true });
    expect(by.support).toMatchObject({ before: null, after: 50 });
    const fewer = figureRows(figures({ pass_through_managers: [{ id: 'r', external_id: null, name: 'Lead' }] }), figures());
    expect(fewer.find((r) => r.key === 'pass_through')).toMatchObject({ before: 1, after: 0, delta: -1, changed: true });
  });
});

const comment = (id: string, parent: string | null, reactions: Comment['reactions'] = []): Comment => ({
  id, parent, anchor: { on: 'proposal' }, body: id, author: null, created: 0, edited: null, deleted: false, hidden: null, reactions, mine: false,
});

describe('threads', () => {
  it('nests replies under their parent in posting order, at any depth', () => {
    const roots = buildThreads([comment('a', null), comment('b', null), comment('a1', 'a'), comment('a1x', 'a1'), comment('a2', 'a')]);
    expect(roots.map((r) => r.comment.id)).toEqual(['a', 'b']);
    expect(roots[0].replies.map((r) => r.comment.id)).toEqual(['a1', 'a2']);
    expect(flatten(roots).map((n) => `${n.comment.id}:${n.depth}`)).toEqual(['a:0', 'a1:1', 'a1x:2', 'a2:1', 'b:0']);
  });
  it('keeps a reply whose parent it cannot see as a thread of its own', () => {
    const roots = buildThreads([comment('x', 'gone'), comment('y', null)]);
    expect(roots.map((r) => r.comment.id)).toEqual(['x', 'y']);
  });
  it('handles a reply chain thousands deep without recursion', () => {
    const chain = Array.from({ length: 5000 }, (_, i) => comment(`c${i}`, i ? `c${i - 1}` : null));
    const flat = flatten(buildThreads(chain));
    expect(flat).toHaveLength(5000);
    expect(flat[4999].depth).toBe(4999);
  });
});

describe('reactions', () => {
  it('shows the offered keys with counts and toggles one’s own', () => {
    const c = comment('a', null, [['heart', 2, false], ['party', 1, false]]);
    expect(reactionsOf(c).map((r) => `${r.key}:${r.count}:${r.mine}`)).toEqual(['+1:0:false', 'heart:2:false', 'thinking:0:false', 'party:1:false']);
    const on = toggleReaction(c, 'heart');
    expect(on.reactions.find((r) => r[0] === 'heart')).toEqual(['heart', 3, true]);
    const off = toggleReaction(on, 'heart');
    expect(off.reactions.find((r) => r[0] === 'heart')).toEqual(['heart', 2, false]);
    const first = toggleReaction(c, '+1');
    expect(first.reactions.find((r) => r[0] === '+1')).toEqual(['+1', 1, true]);
    expect(toggleReaction(first, '+1').reactions.find((r) => r[0] === '+1')).toBeUndefined();
  });
});

describe('staging a structural draft', () => {
  const roles: ChartRole[] = [
    { id: 'ceo', title: 'CEO', manager: null, dotted: [], team: null, people: [] },
    { id: 'cto', title: 'CTO', manager: 'ceo', dotted: [], team: 't1', people: [] },
    { id: 'dev', title: 'Dev', manager: 'cto', dotted: [], team: 't1', people: [] },
    { id: 'cfo', title: 'CFO', manager: 'ceo', dotted: [], team: null, people: [] },
  ] as unknown as ChartRole[];
  it('builds the ops of a move and a new role (added, reporting, in the manager’s team) and reads them back', () => {
    const staged = [
      { kind: 'move' as const, role: 'dev', manager: 'cfo' },
      { kind: 'add' as const, id: 'new', title: ' Coach ', manager: 'cto', team: 't1' },
    ];
    const ops = opsOf(staged);
    expect(ops).toEqual([
      { op: 'move_role', role: 'dev', manager: 'cfo' },
      { op: 'add_role', role: { id: 'new', external_id: null, title: 'Coach', purpose: '', accountabilities: [] } },
      { op: 'connect', relation: { kind: 'reports_to', role: 'new', manager: 'cto' } },
      { op: 'connect', relation: { kind: 'member_of', role: 'new', team: 't1' } },
    ]);
    const back = stagedOf([...ops, { op: 'remove_domain', id: 'd' }]);
    expect(back.staged).toEqual([staged[0], { ...staged[1], title: 'Coach' }]);
    expect(back.other).toEqual([{ op: 'remove_domain', id: 'd' }]);
  });
  it('offers as new managers neither the role itself nor anyone below it', () => {
    expect(managersFor(roles, 'cto').map((r) => r.id)).toEqual(['ceo', 'cfo']);
    expect(managersFor(roles, 'dev').map((r) => r.id)).toEqual(['ceo', 'cto', 'cfo']);
  });
  it('removes a role: one remove_role op, read back; the pickers no longer offer it', () => {
    const staged: StagedChange[] = [{ kind: 'remove', role: 'cfo' }];
    expect(opsOf(staged)).toEqual([{ op: 'remove_role', id: 'cfo' }]);
    expect(stagedOf(opsOf(staged))).toEqual({ staged, other: [] });
    expect([...removedRoles(staged)]).toEqual(['cfo']);
    expect(stillThere(roles, staged).map((r) => r.id)).toEqual(['ceo', 'cto', 'dev']);
  });
  it('stages the planned removal (reports to the manager above) as its one batch, read back', () => {
    const op: Op = { op: 'batch', label: 'remove role "CTO"', ops: [{ op: 'move_role', role: 'dev', manager: 'ceo' }, { op: 'remove_role', id: 'cto' }] };
    const staged: StagedChange[] = [{ kind: 'remove', role: 'cto', op }];
    expect(opsOf(staged)).toEqual([op]);
    expect(stagedOf([op])).toEqual({ staged, other: [] });
    const other: Op = { op: 'batch', label: 'x', ops: [{ op: 'remove_role', id: 'cto' }, { op: 'add_role', role: { id: 'n', external_id: null, title: 'N', purpose: '', accountabilities: [] } }] };
    expect(stagedOf([other]).other).toEqual([other]);
  });
  it('never removes a role the draft moves, removes already, or makes someone’s new manager', () => {
    const staged: StagedChange[] = [
      { kind: 'move', role: 'dev', manager: 'cfo' },
      { kind: 'add', id: 'new', title: 'Coach', manager: 'ceo', team: null },
    ];
    expect(removableRoles(roles, staged).map((r) => r.id)).toEqual(['cto']);
    expect(removableRoles(roles, [{ kind: 'remove', role: 'cto' }]).map((r) => r.id)).toEqual(['ceo', 'dev', 'cfo']);
  });
});

describe('staging a decision-framework draft', () => {
  const hiring: DecisionDomain = {
    id: 'd1', name: 'Hiring', owner_team: 'prod', driver: 'Good people', guardrails: ['Within budget', 'Two interviewers'], review_date: null,
    delegations: [
      { subject: { kind: 'team', id: 'prod' }, current: 2, desired: 5, history: [{ by: 'Ann', at: 1, current: 2, desired: 5, why: 'poker' }] },
      { subject: { kind: 'role', id: 'cfo' }, current: 3, desired: null },
    ],
  };
  const budget: DecisionDomain = { id: 'd2', name: 'Budget', owner_team: null, driver: '', guardrails: [], review_date: null, delegations: [] };
  const domains = [hiring, budget];
  const prod = { kind: 'team' as const, id: 'prod' };

  it('puts new guardrails first, as the whole live domain, then the levels; and reads them back', () => {
    const staged: FrameworkChange[] = [
      { kind: 'level', domain: 'd1', subject: prod, current: 5, desired: 6 },
      { kind: 'guardrails', domain: 'd1', guardrails: [' Within budget ', '', 'Two interviewers', 'The team writes the vacancy'] },
      { kind: 'level', domain: 'd2', subject: { kind: 'role', id: 'cfo' }, current: 4, desired: null },
    ];
    const ops = frameworkOpsOf(staged, domains);
    expect(ops).toEqual([
      { op: 'update_domain', domain: { ...hiring, guardrails: ['Within budget', 'Two interviewers', 'The team writes the vacancy'] } },
      { op: 'set_delegation', domain: 'd1', subject: prod, current: 5, desired: 6 },
      { op: 'set_delegation', domain: 'd2', subject: { kind: 'role', id: 'cfo' }, current: 4, desired: null },
    ]);
    expect(ops.every(isFrameworkOp)).toBe(true);
    const back = frameworkStagedOf(ops, domains);
    expect(back.other).toEqual([]);
    expect(back.staged).toEqual([
      { kind: 'guardrails', domain: 'd1', guardrails: ['Within budget', 'Two interviewers', 'The team writes the vacancy'] },
      staged[0],
      staged[2],
    ]);
    // And again: the ops are the same.
    expect(frameworkOpsOf(back.staged, domains)).toEqual(ops);
  });
  it('edits guardrails into update_domain: a line changed, one removed, one added; the entries stay the live ones', () => {
    const lines = draftGuardrails([], domains, 'd1');
    expect(lines).toEqual(['Within budget', 'Two interviewers']);
    lines[0] = 'Within the yearly budget';
    lines.splice(1, 1);
    lines.push('HR sees every offer');
    const staged = stageFramework([], { kind: 'guardrails', domain: 'd1', guardrails: lines }, domains);
    const [op] = frameworkOpsOf(staged, domains);
    expect(op).toEqual({ op: 'update_domain', domain: { ...hiring, guardrails: ['Within the yearly budget', 'HR sees every offer'] } });
    expect(op.op === 'update_domain' && op.domain.delegations).toBe(hiring.delegations);
    expect(draftGuardrails(staged, domains, 'd1')).toEqual(['Within the yearly budget', 'HR sees every offer']);
  });
  it('builds update_domain from the domain as it is at saving, not as it was when staged', () => {
    const staged = stageFramework([], { kind: 'guardrails', domain: 'd1', guardrails: ['Only this'] }, domains);
    const later = { ...hiring, driver: 'Changed meanwhile', delegations: [{ subject: prod, current: 4, desired: 5 }] };
    expect(frameworkOpsOf(staged, [later])).toEqual([{ op: 'update_domain', domain: { ...later, guardrails: ['Only this'] } }]);
    // A domain removed meanwhile: its changes are left out.
    expect(frameworkOpsOf(staged, [budget])).toEqual([]);
  });
  it('replaces a staged change of the same cell or domain, and drops one that changes nothing', () => {
    let s = stageFramework([], { kind: 'level', domain: 'd1', subject: prod, current: 4, desired: 5 }, domains);
    s = stageFramework(s, { kind: 'level', domain: 'd1', subject: prod, current: 6, desired: 5 }, domains);
    expect(s).toEqual([{ kind: 'level', domain: 'd1', subject: prod, current: 6, desired: 5 }]);
    expect(draftLevels(s, domains, 'd1', prod)).toEqual({ current: 6, desired: 5 });
    expect(draftLevels(s, domains, 'd2', prod)).toEqual({ current: null, desired: null });
    expect(stageFramework(s, { kind: 'level', domain: 'd1', subject: prod, current: 2, desired: 5 }, domains)).toEqual([]);
    s = stageFramework(s, { kind: 'guardrails', domain: 'd1', guardrails: ['x'] }, domains);
    expect(stageFramework(s, { kind: 'guardrails', domain: 'd1', guardrails: ['Within budget ', 'Two interviewers', ' '] }, domains)).toHaveLength(1);
  });
  it('keeps aside what it does not stage: an update_domain that renames, other domain ops', () => {
    const rename: Op = { op: 'update_domain', domain: { ...hiring, name: 'Recruiting' } };
    const relevel: Op = { op: 'update_domain', domain: { ...hiring, delegations: [] } };
    const add: Op = { op: 'add_domain', domain: budget };
    const gone: Op = { op: 'update_domain', domain: { ...budget, id: 'd9' } };
    expect(frameworkStagedOf([rename, relevel, add, gone], domains)).toEqual({ staged: [], other: [rename, relevel, add, gone] });
  });
  it('mirrors the engine’s rule: domains and levels only', () => {
    expect(isFrameworkOp({ op: 'remove_domain', id: 'd1' })).toBe(true);
    expect(isFrameworkOp({ op: 'remove_role', id: 'r' })).toBe(false);
    expect(isFrameworkOp({ op: 'batch', label: '', ops: [{ op: 'remove_domain', id: 'd1' }, { op: 'move_role', role: 'r', manager: null }] })).toBe(false);
  });
  it('offers the board’s cells first, then the other teams and roles, by name', () => {
    const teams = [
      { id: 'sales', name: 'Verkoop' },
      { id: 'prod', name: 'Productie' },
      { id: 'fin', name: 'Financiën' },
    ];
    const roles = [
      { id: 'cfo', name: 'CFO' },
      { id: 'ceo', name: 'CEO' },
    ];
    const o = subjectOptions(hiring, teams, roles);
    expect(o.cells.map((x) => x.name)).toEqual(['CFO', 'Productie']);
    expect(o.teams.map((x) => x.name)).toEqual(['Financiën', 'Verkoop']);
    expect(o.roles.map((x) => x.name)).toEqual(['CEO']);
    expect(subjectOptions(undefined, teams, roles).cells).toEqual([]);
    expect(unitOfKey('team:prod')).toEqual(prod);
    expect(unitOfKey('role:a:b')).toEqual({ kind: 'role', id: 'a:b' });
    expect(unitOfKey('nope')).toBeNull();
  });
  it('shows a staged level against the live board', () => {
    const step = cellStep({ kind: 'level', domain: 'd1', subject: prod, current: 5, desired: 5 }, domains);
    expect(step).toEqual({ current_before: 2, current_after: 5, desired_before: 5, desired_after: 5 });
    expect(cellChanged(step)).toEqual({ current: true, desired: false });
  });
});

describe('guardrails before and after', () => {
  it('marks kept, removed and added lines in reading order', () => {
    expect(lineDiff(['a', 'b', 'c'], ['a', 'B', 'c', 'd'])).toEqual([
      { line: 'a', change: 'same' },
      { line: 'b', change: 'removed' },
      { line: 'B', change: 'added' },
      { line: 'c', change: 'same' },
      { line: 'd', change: 'added' },
    ]);
    expect(lineDiff([], ['x'])).toEqual([{ line: 'x', change: 'added' }]);
    expect(lineDiff(['x'], [])).toEqual([{ line: 'x', change: 'removed' }]);
    expect(lineDiff([], [])).toEqual([]);
  });
});

describe('small things', () => {
  it('cuts a quote at a word', () => {
    expect(quoteOf('short')).toBe('short');
    expect(quoteOf('one two three four five six', 12)).toBe('one two…');
    expect(quoteOf('  a \n b ')).toBe('a b');
  });
  it('routes inside the view', () => {
    expect(routeOf('#proposals')).toEqual({ at: 'list' });
    expect(routeOf('#proposals/new')).toEqual({ at: 'new' });
    expect(routeOf('#proposals/log')).toEqual({ at: 'log' });
    expect(routeOf('#proposals/abc-1')).toEqual({ at: 'proposal', id: 'abc-1' });
    expect(routeOf(hashOfRoute({ at: 'proposal', id: 'a/b' }))).toEqual({ at: 'proposal', id: 'a/b' });
  });
  it('round-trips a local deadline', () => {
    const ms = new Date(2026, 11, 4, 17, 0).getTime();
    expect(toLocalInput(ms)).toBe('2026-12-04T17:00');
    expect(fromLocalInput('2026-12-04T17:00')).toBe(ms);
    expect(fromLocalInput('nope')).toBeNull();
  });
});

describe('what changes', () => {
  it('lists a role whose solid line changes as moved, from and to its managers, besides the added ones', () => {
    const nodes = changedNodes({
      kind: 'organization',
      before: figures(),
      after: figures(),
      nodes: [{ node: { kind: 'role', id: 'new' }, name: 'Coach', change: 'added' }],
      relations_added: [
        { kind: 'reports_to', role: 'dev', manager: 'cfo' },
        { kind: 'reports_to', role: 'new', manager: 'cto' },
        { kind: 'member_of', role: 'new', team: 't1' },
      ],
      relations_removed: [{ kind: 'reports_to', role: 'dev', manager: 'cto' }, { kind: 'reports_to', role: 'gone', manager: 'cto' }],
      domains: [],
    });
    expect(nodes).toEqual([
      { node: { kind: 'role', id: 'new' }, name: 'Coach', change: 'added' },
      { node: { kind: 'role', id: 'dev' }, name: null, change: 'moved', from: 'cto', to: 'cfo' },
      { node: { kind: 'role', id: 'gone' }, name: null, change: 'moved', from: 'cto', to: null },
    ]);
  });
});

describe('what is new since the last visit', () => {
  it('counts per proposal what was opened, the steps and the comments by others', () => {
    const ev = (proposal: string) => ({ proposal, at: 1, actor: 'f', kind: 'round_closed', round: 1, note: null });
    const m = newsByProposal({ opened: ['a'], events: [ev('a'), ev('b'), ev('b')], comments: [['a', 'c1'], ['a', 'c2'], ['c', 'c3']] });
    expect(m.get('a')).toEqual({ opened: true, steps: 1, comments: 2 });
    expect(m.get('b')).toEqual({ opened: false, steps: 2, comments: 0 });
    expect(m.get('c')).toEqual({ opened: false, steps: 0, comments: 1 });
    expect(m.has('d')).toBe(false);
  });
});
