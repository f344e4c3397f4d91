// Generated from the Rust types by `cargo run -p kader-api --bin gen-ts`. Do not edit: change the Rust types and
// run the command again.

/**
 * An ongoing activity a role is expected to perform.
 */
export type Accountability = { id: AccountabilityId, text: string, kind: AccountabilityKind, 
/**
 * Whom the activity is directed at, when it is directed (the hierarchy lens reads a manager's
 * accountabilities towards a report).
 */
towards: NodeRef | null, };

/**
 * One accountability of a role.
 */
export type AccountabilityId = string;

export type AccountabilityKind = "delivery" | "support" | "coordination" | "control";

export type AgendaItem = { title: string, minutes: number, };

/**
 * Where a comment is attached.
 */
export type Anchor = { "on": "proposal" } | { "on": "node", node: NodeRef, } | { "on": "passage", section: string, quote: string, };

/**
 * An answer in a consent round.
 */
export type Answer = { "answer": "consent" } | { "answer": "concern", note: string | null, } | { "answer": "objection", reason: string, } | { "answer": "stand_aside" };

/**
 * An answer in a consent round. Random, like [`CommentId`]: its order says nothing.
 */
export type AnswerId = string;

/**
 * The error of every API function.
 */
export type ApiError = { code: Code, message: string, };

/**
 * The answer to applying an operation: the seq of the new change.
 */
export type Applied = { seq: number, };

/**
 * What the level agreed in delegation poker becomes: the cards ask who *should* decide, so by
 * default the desired level; `Now` when the group agrees it takes effect at once (the current
 * level).
 */
export type Applies = "desired" | "now";

/**
 * Who wrote a proposal: a display name, and the participant when it came through a session.
 */
export type Author = { name: string, participant: string | null, };

/**
 * The delegation board: domains × teams (or roles).
 */
export type Board = { 
/**
 * The change the board reflects.
 */
seq: number, 
/**
 * Every decision domain, by name.
 */
domains: Array<DecisionDomain>, 
/**
 * Every team, by name: the board's possible columns.
 */
teams: Array<Brief>, 
/**
 * The roles that have delegation entries, by title.
 */
roles: Array<Brief>, };

/**
 * A role where decisions at levels 1–3 converge, and how many.
 */
export type Bottleneck = { role: RoleRef, decisions: number, };

/**
 * A neighbour by id and name (a role's title, a person's or a team's name).
 */
export type Brief = { id: string, name: string, };

export type Card = { who: string, name: string, level: number, };

/**
 * One cell of the decision board (a domain's levels for one team or role) that a proposal
 * changes: the agreed (`current`) and `desired` levels before and after. A cell that does not
 * exist on one side has no levels there.
 */
export type CellChange = { subject: Unit, 
/**
 * The team's or role's name (after the change, or before it when it is removed).
 */
name: string, current_before: Level | null, current_after: Level | null, desired_before: Level | null, desired_after: Level | null, };

/**
 * The kind of a change-log entry.
 */
export type ChangeKind = "do" | "undo" | "redo";

/**
 * The whole organization as the chart draws it.
 */
export type Chart = { 
/**
 * The change this chart reflects: apply events with a higher seq, or reload.
 */
seq: number, roles: Array<ChartRole>, teams: Array<ChartTeam>, 
/**
 * People in the organization who fill no role (after their role was removed, say), sorted
 * by name: they count among the people and are listed as unplaced, to be placed again.
 */
unplaced: Array<UnplacedPerson>, };

export type ChartPerson = { id: PersonId, name: string, fte: Fte, };

/**
 * One role: a box in the chart.
 */
export type ChartRole = { id: RoleId, title: string, 
/**
 * The solid reporting line; `None` at the top.
 */
manager: RoleId | null, 
/**
 * Secondary (dotted) lines, sorted by id.
 */
dotted: Array<RoleId>, 
/**
 * The team the role is a member of (of several, the one with the smallest id).
 */
team: TeamId | null, 
/**
 * Who fills the role, sorted by name; empty for a vacancy.
 */
people: Array<ChartPerson>, 
/**
 * The HR system's employee id the role was imported from.
 */
external_id: string | null, };

export type ChartTeam = { id: TeamId, name: string, parent: TeamId | null, 
/**
 * The role that leads the team (of several, the one with the smallest id).
 */
lead: RoleId | null, };

/**
 * Reporting lines per class.
 */
export type ClassCounts = { support: number, coordination: number, control: number, unclassified: number, };

/**
 * What went wrong, for the UI to branch on. Add a variant only when a consumer needs it.
 */
export type Code = "not_found" | "invalid" | "cycle" | "read_only" | "locked" | "unauthorized" | "forbidden" | "too_many" | "internal";

/**
 * "This field is in the column with this header".
 */
export type ColumnMap = { 
/**
 * employee_id, first_name, last_name, name, job_title, department, manager_id, location, fte
 * or hire_date.
 */
field: string, header: string, };

/**
 * A comment as shown.
 */
export type Comment = { id: CommentId, parent: CommentId | null, anchor: Anchor, 
/**
 * `None` when deleted or hidden (the facilitator reads a hidden text with `moderator`).
 */
body: string | null, 
/**
 * The author's name; `None` when anonymous or deleted.
 */
author: string | null, created: Timestamp, edited: Timestamp | null, deleted: boolean, 
/**
 * Why and by whom it was hidden.
 */
hidden: string | null, 
/**
 * (key, count, whether the viewer reacted so)
 */
reactions: Array<[string, number, boolean]>, 
/**
 * Whether the viewer wrote it: known for named comments only (an anonymous comment's author
 * proves it with the comment's edit key, which only they hold).
 */
mine: boolean, };

/**
 * An edit or delete of one's own comment: the edit key for an anonymous one.
 */
export type CommentChange = { body?: string, key?: string, };

/**
 * A new comment.
 */
export type CommentDraft = { parent?: CommentId, anchor?: Anchor, body: string, };

/**
 * A comment on a proposal. Minted from [`Entropy`], not from an [`IdSource`]: a time-ordered
 * id would tell when an anonymous comment was written, and in which order.
 */
export type CommentId = string;

/**
 * One entry of the decision log: what was decided, why, and how.
 */
export type Decision = { proposal: ProposalId, at: Timestamp, decided_by: string, 
/**
 * "adopted" or "rejected".
 */
outcome: string, kind: Kind, title: string, rationale: string, goals: Array<string>, 
/**
 * What adopting it changed (or would have changed), one line each.
 */
what: Array<string>, 
/**
 * Why a proposal was rejected.
 */
reason: string | null, 
/**
 * The final round's answers.
 */
tally: Tally, rounds: Array<RoundRecord>, objections: Array<Objection>, 
/**
 * The change-log entry of the adoption (structure and framework).
 */
change: number | null, anonymous: boolean, 
/**
 * The adoption's change was undone since (Ctrl+Z): the decision stands in the log, but the
 * organization no longer shows it. Read from the history, never stored with the entry.
 */
undone: boolean, };

/**
 * Hops from the role that does the work to the role that decides, over every decision with a
 * known distance; `None` without decision data.
 */
export type DecisionDistance = { mean: number | null, max: number | null, };

/**
 * An area of decisions with the boundaries agreed for it.
 */
export type DecisionDomain = { id: DomainId, name: string, owner_team: TeamId | null, 
/**
 * Why the domain exists.
 */
driver: string, 
/**
 * The jointly agreed boundaries; anything inside them is free by default.
 */
guardrails: Array<string>, review_date: IsoDate | null, 
/**
 * Who decides, per team or role the domain concerns.
 */
delegations: Array<Delegation>, };

/**
 * What an import changes, for the user.
 */
export type DecisionsReport = { encoding: string, delimiter: string, rows: number, 
/**
 * Names of the domains the import creates.
 */
domains_created: Array<string>, 
/**
 * Names of existing domains whose driver, guardrails or entries change.
 */
domains_updated: Array<string>, 
/**
 * Entries whose levels are set (new or changed).
 */
entries_set: number, 
/**
 * Entries already at the file's levels.
 */
entries_unchanged: number, };

/**
 * The current and desired delegation level of a domain for one team or role.
 */
export type Delegation = { subject: Unit, current: Level | null, desired: Level | null, 
/**
 * Every change of the levels made with a note, oldest first: who, when and why.
 */
history?: Array<LevelChange>, };

/**
 * One line of a diff.
 */
export type DiffLine = { "op": "same", "line": string } | { "op": "removed", "line": string } | { "op": "added", "line": string };

/**
 * A decision domain a proposal adds, removes or changes: its guardrails on both sides and the
 * cells of the board that change.
 */
export type DomainChange = { domain: DomainId, name: string, change: NodeChangeKind, guardrails_before: Array<string>, guardrails_after: Array<string>, 
/**
 * The domain's name before, when it was renamed.
 */
renamed_from: string | null, cells: Array<CellChange>, };

/**
 * A decision domain.
 */
export type DomainId = string;

/**
 * An acknowledged change: it is in the workspace file.
 */
export type Event = { seq: number, actor: string, kind: ChangeKind, 
/**
 * The operation that was applied (for an undo, the inverse of the undone change). `None` when
 * a bulk change (an import, a restore, or its undo or redo) replaced the organization: reload
 * the chart.
 */
op: Op | null, 
/**
 * One line for people: "add role \"Coach\"", "undo change 12".
 */
summary: string, 
/**
 * Set when a proposal changed (a step, an answer, a comment) and the organization did not:
 * pages showing that proposal refresh it; `seq` is the newest change's and `op` is `None`.
 */
proposal: ProposalId | null, };

/**
 * The figures of one side of a preview.
 */
export type Figures = { people: number, roles: number, teams: number, 
/**
 * Levels in the `reports_to` hierarchy; a lone top role is 1, no roles is 0.
 */
layers: number, span_of_control: Span, 
/**
 * Roles with exactly one direct report, by title.
 */
pass_through_managers: Array<RoleRef>, 
/**
 * Reporting lines per class; they sum to the number of reporting lines.
 */
hierarchy: ClassCounts, 
/**
 * Share (0–1) of the domain entries with a current level that are at 5–7; `None` without
 * decision data.
 */
autonomy: number | null, decision_distance: DecisionDistance, 
/**
 * The roles with the most decisions at levels 1–3, most first (at most 10).
 */
bottlenecks: Array<Bottleneck>, };

/**
 * One end of a `fills`: in [`RoleDetails`] a person, in [`PersonDetails`] a role.
 */
export type Filler = { id: string, name: string, fte: Fte, };

/**
 * A full-time-equivalent share, greater than 0 and at most 1.
 */
export type Fte = number;

/**
 * The answer to undo and redo: the seq of the new change, `None` when there was nothing to undo
 * or redo.
 */
export type HistoryStep = { seq: number | null, };

export type HitKind = "person" | "role" | "team";

/**
 * Who holds a workspace open for writing: the program, the user, the computer, the process and
 * since when.
 */
export type Holder = { 
/**
 * "Kader desktop", "kader serve", "kader import", …
 */
app: string, 
/**
 * The user's login name; empty when unknown.
 */
user: string, 
/**
 * The computer's name; empty when unknown.
 */
host: string, pid: number, 
/**
 * When the lock was taken.
 */
since: Timestamp, };

/**
 * How to read an HR export (the CLI's `--map` and `--external-managers-as-roots`).
 */
export type ImportOptions = { 
/**
 * Header names for fields whose column has a name the import does not know.
 */
map: Array<ColumnMap>, 
/**
 * Make people whose manager id matches nobody top-level instead of refusing the import.
 */
external_managers_as_roots: boolean, };

/**
 * What an import changed, for the user.
 */
export type ImportReport = { rows: number, 
/**
 * How many people were added; `added` lists the first [`MAX_LISTED_ADDED`] of them.
 */
added_count: number, added: Array<Who>, removed: Array<Who>, 
/**
 * People whose manager changed.
 */
moved: Array<Who>, 
/**
 * People whose name, title, department, location, FTE or hire date changed.
 */
updated: Array<Who>, teams_added: Array<string>, unchanged: number, 
/**
 * Employee ids whose manager id matched nobody and who were made top-level on request.
 */
external_managers: Array<string>, };

export type IntegrationNote = { objection: AnswerId, note: string, };

/**
 * A valid Gregorian calendar date.
 */
export type IsoDate = string;

/**
 * What a proposal changes.
 */
export type Kind = "structure" | "vision" | "framework";

/**
 * The organization-wide figures of the lens.
 */
export type LensFigures = { 
/**
 * Roles with exactly one direct report, by title.
 */
pass_through_managers: Array<RoleRef>, 
/**
 * Reporting lines per class; they sum to the number of reporting lines.
 */
hierarchy: ClassCounts, 
/**
 * Share (0–1) of the domain entries with a current level that are at 5–7; `None` without
 * decision data.
 */
autonomy: number | null, decision_distance: DecisionDistance, 
/**
 * The roles with the most decisions at levels 1–3, most first (at most 10).
 */
bottlenecks: Array<Bottleneck>, };

/**
 * The lens for the chart overlay and the lens panel.
 */
export type LensView = { 
/**
 * The change the lens reflects.
 */
seq: number, 
/**
 * Levels of the reporting hierarchy.
 */
layers: number, span_of_control: Span, figures: LensFigures, 
/**
 * The class of every reporting line, by report role id.
 */
classes: { [key in RoleId]: LineClass }, };

/**
 * A level of the Management 3.0 delegation board, 1 (tell) to 7 (delegate).
 */
export type Level = number;

/**
 * One recorded change of a delegation entry: the levels it was set to, and its note.
 */
export type LevelChange = { current: Level | null, desired: Level | null, by: string, at: Timestamp, why: string, };

/**
 * Who changes a delegation level, when, and why. Filled in by the adapter that knows the actor
 * and the clock (the API sets `by` and `at` itself, whatever a client sent).
 */
export type LevelNote = { by: string, at: Timestamp, why: string, };

/**
 * What the hierarchy does on one reporting line.
 */
export type LineClass = "support" | "coordination" | "control" | "unclassified";

/**
 * One reporting line through the lens.
 */
export type LineReport = { report: RoleRef, manager: RoleRef, class: LineClass, rule: Rule, reasons: Array<Reason>, };

/**
 * One line of history.
 */
export type LogEntry = { seq: number, at: Timestamp, actor: string, kind: ChangeKind, 
/**
 * For undo and redo: the entry acted on.
 */
target: number | null, summary: string, 
/**
 * Leaf operations in the change.
 */
size: number, 
/**
 * For `do` entries: whether the change is currently undone.
 */
undone: boolean, };

export type Me = { id: string | null, name: string, role: SessionRole, 
/**
 * When this participant's previous visit ended (a consultation over days): show what is new
 * since then. `None` on a first visit, and for the facilitator.
 */
previous_visit: number | null, 
/**
 * The team this participant said they belong to (for the figures per team of a consent
 * round, shown only from five respondents up); `None`: not said, and for the facilitator.
 */
team: string | null, };

/**
 * A role with the people in it, as a team's member or lead: five roles may share a title.
 */
export type Member = { id: string, title: string, 
/**
 * The names of the people filling the role, sorted; empty for a vacancy.
 */
people: Array<string>, };

/**
 * A domain or a team by id and name.
 */
export type Named = { id: string, name: string, };

/**
 * What happened since a participant's last visit.
 */
export type News = { 
/**
 * Proposals opened for comments since then.
 */
opened: Array<ProposalId>, 
/**
 * State changes (rounds started and closed, amendments, adoptions…), oldest first.
 */
events: Array<ProposalEvent>, 
/**
 * Comments posted since then by others (anonymous ones included: their author is unknown),
 * as (proposal, comment).
 */
comments: Array<[ProposalId, CommentId]>, };

export type NodeChange = { node: NodeRef, name: string, change: NodeChangeKind, };

/**
 * What a node does in a structural preview.
 */
export type NodeChangeKind = "added" | "removed" | "changed";

/**
 * A reference to any node of the organization graph.
 */
export type NodeRef = { "kind": "person", "id": PersonId } | { "kind": "role", "id": RoleId } | { "kind": "team", "id": TeamId };

/**
 * An objection and how it was integrated.
 */
export type Objection = { id: AnswerId, round: number, 
/**
 * The objector's name, for named proposals only.
 */
by: string | null, reason: string, 
/**
 * How an amendment integrated it; `None` while it is open.
 */
integration: string | null, };

export type Op = { "op": "add_person", person: Person, } | { "op": "update_person", person: Person, } | { "op": "remove_person", id: PersonId, } | { "op": "add_role", role: Role, } | { "op": "update_role", role: Role, } | { "op": "remove_role", id: RoleId, } | { "op": "add_team", team: Team, } | { "op": "update_team", team: Team, } | { "op": "remove_team", id: TeamId, } | { "op": "connect", relation: Relation, } | { "op": "disconnect", relation: Relation, } | { "op": "move_role", role: RoleId, manager: RoleId | null, } | { "op": "add_domain", domain: DecisionDomain, } | { "op": "update_domain", domain: DecisionDomain, } | { "op": "remove_domain", id: DomainId, } | { "op": "set_delegation", domain: DomainId, subject: Unit, current: Level | null, desired: Level | null, note?: LevelNote | null, } | { "op": "load", org: Snapshot, } | { "op": "unload", persons: Array<PersonId>, roles: Array<RoleId>, teams: Array<TeamId>, relations: Array<Relation>, domains: Array<DomainId>, } | { "op": "batch", label: string, ops: Array<Op>, };

/**
 * The result of the current (or last) round.
 */
export type Outcome = { round: number, open: boolean, respondents: number, 
/**
 * `None` while the results are hidden (secret and the round still open).
 */
tally: Tally | null, 
/**
 * Teams with at least [`MIN_GROUP`] respondents; the others are only in the total.
 */
teams: Array<TeamTally>, };

export type Participant = { id: string, name: string, role: SessionRole, online: boolean, joined_at: number, };

/**
 * An employee. Fills one or more roles through [`Relation::Fills`].
 */
export type Person = { id: PersonId, 
/**
 * The HR system's employee id, when the person came from an HR export.
 */
external_id: string | null, name: string, location: string | null, hire_date: IsoDate | null, };

export type PersonDetails = { person: Person, 
/**
 * The roles the person fills, sorted by title.
 */
roles: Array<Filler>, };

/**
 * What happens to the people who fill a removed role (and no other).
 */
export type PersonFate = "unplaced" | "leaves";

/**
 * An employee.
 */
export type PersonId = string;

export type Poker = { domain: string, team: string, 
/**
 * 1 for the first round on this cell; 2, 3, … after the facilitator asked for another round
 * (for the outliers to explain and everyone to pick again).
 */
round: number, 
/**
 * Who has picked (participant ids, or "facilitator").
 */
picked: Array<string>, revealed: boolean, 
/**
 * Every card once revealed; before that only the caller's own.
 */
cards: Array<Card>, mine: number | null, spread: Spread | null, };

/**
 * A posted comment: its id and, on an anonymous proposal, the key its author keeps to edit or
 * delete it (the server keeps only its hash).
 */
export type PostedComment = { id: CommentId, edit_key: string | null, };

/**
 * What a proposal would do: for operations, the figures before and after and what changes; for
 * a vision revision, a diff per section.
 */
export type Preview = { "kind": "organization", before: Figures, after: Figures, nodes: Array<NodeChange>, relations_added: Array<Relation>, relations_removed: Array<Relation>, 
/**
 * Decision domains added, removed or changed (levels, guardrails), by name.
 */
domains: Array<DomainChange>, } | { "kind": "vision", sections: Array<SectionDiff>, };

/**
 * Set by the facilitator while the proposal is a draft.
 */
export type Privacy = { 
/**
 * Nothing links an answer or a comment to a person.
 */
anonymous: boolean, 
/**
 * The round's figures and objections stay hidden until the round closes.
 */
hidden_results: boolean, };

export type Proposal = { id: ProposalId, title: string, 
/**
 * The why: required.
 */
rationale: string, author: Author, 
/**
 * The vision goals the proposal serves.
 */
goals: Array<string>, proposed: Proposed, state: State, privacy: Privacy, rounds: Array<Round>, created: Timestamp, updated: Timestamp, };

/**
 * A new proposal (the facilitator's).
 */
export type ProposalDraft = { title: string, rationale: string, goals?: Array<string>, revision: Revision, privacy?: Privacy, };

/**
 * A change of a draft: each field given replaces the old one.
 */
export type ProposalEdit = { title?: string, rationale?: string, goals?: Array<string>, revision?: Revision, privacy?: Privacy, };

/**
 * A lifecycle event, for what is new since a visit.
 */
export type ProposalEvent = { proposal: ProposalId, at: Timestamp, actor: string, kind: string, round: number | null, note: string | null, };

/**
 * A proposal: a suggested change of the structure, the vision or the decision framework.
 */
export type ProposalId = string;

/**
 * A proposal as the caller sees it: the proposal, the current round's outcome (hidden figures
 * stay hidden), its objections (when visible), whether the caller has answered the open round,
 * and how many comments it has.
 */
export type ProposalView = { proposal: Proposal, outcome: Outcome | null, objections: Array<Objection>, answered: boolean, comments: number, 
/**
 * The server's time when this view was made (deadlines are compared with it).
 */
now: Timestamp, };

/**
 * The proposed change as staged. A vision revision keeps, per section, the text it was written
 * against (`base`) beside the proposed text: a readable diff needs both, and adoption refuses a
 * section that changed since (see [`vision`]).
 */
export type Proposed = { "kind": "structure", ops: Array<Op>, } | { "kind": "vision", sections: Array<SectionRevision>, } | { "kind": "framework", ops: Array<Op>, };

/**
 * One reason of a line's class: the signal, the class it votes for (none for a caveat or
 * missing data), its source, and a sentence in English for reports (the app words it in the
 * user's language from the fields).
 */
export type Reason = { "signal": "decision", class: LineClass, domain: Named, subject: Subject, level: number, text: string, } | { "signal": "accountability", class: LineClass, id: AccountabilityId, accountability: string, kind: AccountabilityKind, text: string, } | { "signal": "pass_through", class: LineClass, text: string, } | { "signal": "decision_distance", class: LineClass, domain: Named, hops: number, decider: RoleRef, text: string, } | { "signal": "wide_span", reports: number, text: string, } | { "signal": "missing_decisions", teams: Array<Named>, text: string, } | { "signal": "led_decisions", teams: Array<Named>, text: string, } | { "signal": "no_current_level", teams: Array<Named>, text: string, } | { "signal": "missing_accountabilities", text: string, };

/**
 * A relation between two nodes. The pair of endpoints and the kind identify it: there is at
 * most one relation of a kind between two nodes.
 */
export type Relation = { "kind": "reports_to", role: RoleId, manager: RoleId, } | { "kind": "dotted_line", role: RoleId, manager: RoleId, } | { "kind": "member_of", role: RoleId, team: TeamId, } | { "kind": "leads", role: RoleId, team: TeamId, } | { "kind": "part_of", team: TeamId, parent: TeamId, } | { "kind": "fills", person: PersonId, role: RoleId, fte: Fte, } | { "kind": "supports", from: Unit, to: Unit, } | { "kind": "coordinates", role: RoleId, team: TeamId, };

/**
 * A planned role removal, by name: where the reports go, who stays without a role, who leaves,
 * the people figure before and after, and the operation.
 */
export type RemovalPlan = { role: Brief, 
/**
 * The manager the reports move to; `None`: they become top-level (the role had no manager,
 * or that was asked).
 */
manager: Brief | null, 
/**
 * Whether the role had a manager above (so `manager: None` with `true` means top-level on
 * request).
 */
had_manager: boolean, 
/**
 * The direct reports that move, sorted by title.
 */
reports: Array<Brief>, 
/**
 * People who stay in the organization without a role, sorted by name.
 */
unplaced: Array<Brief>, 
/**
 * People who leave the organization, sorted by name.
 */
leaving: Array<Brief>, 
/**
 * People who also fill another role and keep it, sorted by name.
 */
staying: Array<Brief>, 
/**
 * The people in the organization before and after: what the header and a proposal's
 * preview show.
 */
people_before: number, people_after: number, 
/**
 * The one change that does all of this.
 */
op: Op, };

/**
 * What to plan: the removal of `role`, its reports to the manager above and its person unplaced
 * unless asked otherwise.
 */
export type RemoveRoleRequest = { role: RoleId, reports: Reports, person: PersonFate, };

/**
 * Where a removed role's direct reports go.
 */
export type Reports = "to_manager_above" | "top_level";

/**
 * The proposed change as submitted: operations, or the new text of vision sections.
 */
export type Revision = { "kind": "structure", ops: Array<Op>, } | { "kind": "vision", sections: Array<SectionText>, } | { "kind": "framework", ops: Array<Op>, };

/**
 * A position with a purpose and accountabilities. Roles, not people, carry the structure; a role
 * without a person is a vacancy.
 */
export type Role = { id: RoleId, 
/**
 * The employee id of the person who held this role in the HR export it came from.
 */
external_id: string | null, title: string, purpose: string, accountabilities: Array<Accountability>, };

export type RoleDetails = { role: Role, manager: Brief | null, 
/**
 * Direct reports, sorted by title.
 */
reports: Array<Brief>, 
/**
 * The people filling the role, sorted by name.
 */
people: Array<Filler>, 
/**
 * The teams the role is a member of, sorted by name.
 */
teams: Array<Brief>, };

/**
 * A role or position.
 */
export type RoleId = string;

/**
 * A role as the lens reports it: its id, the HR export's employee id (for imported roles) and
 * its title.
 */
export type RoleRef = { id: RoleId, external_id: string | null, name: string, };

/**
 * A consent round.
 */
export type Round = { number: number, opened: Timestamp, until: Timestamp, 
/**
 * When it was closed, by the facilitator or a later step; a round past its deadline is
 * closed too, even before this is set.
 */
closed: Timestamp | null, 
/**
 * How many answered; set when the round closes (until then, see [`outcome`]).
 */
respondents: number | null, 
/**
 * The amendment that started this round (none for round 1).
 */
amendment: string | null, };

export type RoundRecord = { number: number, opened: Timestamp, closed: Timestamp, respondents: number, tally: Tally, amendment: string | null, };

/**
 * How the class of a line was decided.
 */
export type Rule = "no_signal" | "agreement" | "majority" | "tie_towards_control" | "wide_span_cap";

/**
 * One search result.
 */
export type SearchHit = { kind: HitKind, 
/**
 * The person's, role's or team's id.
 */
id: string, 
/**
 * The name or title, as written.
 */
label: string, 
/**
 * Context to tell namesakes apart: a person's role and team, a role's people and team, a
 * team's parent team. Names only, no words to translate; may be empty.
 */
detail: string, 
/**
 * The chart node to reveal: the role itself, a person's main role (largest share), a team's
 * lead role; `None` when there is none.
 */
role: RoleId | null, };

/**
 * The line diff of one revised section.
 */
export type SectionDiff = { section: string, lines: Array<DiffLine>, };

export type SectionRevision = { section: string, base: string, proposed: string, };

export type SectionText = { section: string, text: string, };

/**
 * A change the facilitator makes (every field optional).
 */
export type SessionPatch = { lan?: boolean, agenda?: Array<AgendaItem>, current?: number | null, timer?: TimerAction, view?: string | null, locked?: boolean, structure_allowed?: boolean, };

export type SessionRole = "facilitator" | "participant" | "observer";

/**
 * The session as one principal may see it.
 */
export type SessionView = { code: string, join_url: string, lan: boolean, me: Me, participants: Array<Participant>, agenda: Array<AgendaItem>, current: number | null, timer: Timer | null, view: string | null, 
/**
 * How many times the facilitator has brought everyone to a view: a participant's screen
 * follows each time this changes, even to the view it already showed.
 */
brought: number, locked: boolean, structure_allowed: boolean, poker: Poker | null, };

/**
 * The body of `PUT /api/settings`.
 */
export type Settings = { team_word: TeamWord, };

/**
 * Every entity and relation of an organization in canonical order. Two organizations are equal
 * exactly when their snapshots are.
 */
export type Snapshot = { persons: Array<Person>, roles: Array<Role>, teams: Array<Team>, relations: Array<Relation>, domains: Array<DecisionDomain>, };

export type Span = { 
/**
 * Roles with at least one direct report.
 */
managers: number, 
/**
 * Mean direct reports per manager, rounded to two decimals.
 */
mean: number, 
/**
 * Median direct reports per manager (the mean of the two middle values for an even count).
 */
median: number, max: number, 
/**
 * Number of managers per count of direct reports.
 */
histogram: { [key in number]: number }, };

export type Spread = { min: number, max: number, };

/**
 * Where a proposal is in its lifecycle.
 */
export type State = { "state": "draft" } | { "state": "comments", until: Timestamp, } | { "state": "consent", round: number, until: Timestamp, closed: Timestamp | null, } | { "state": "adopted", at: Timestamp, } | { "state": "rejected", at: Timestamp, } | { "state": "withdrawn", at: Timestamp, };

/**
 * A step of the lifecycle, taken by the facilitator.
 */
export type Step = { "step": "open", until: Timestamp, } | { "step": "consent", until: Timestamp, } | { "step": "close" } | { "step": "amend", revision?: Revision, note: string, integrations: Array<IntegrationNote>, until: Timestamp, } | { "step": "adopt" } | { "step": "reject", reason: string, } | { "step": "withdraw" };

/**
 * Whom a delegation entry is for: a team or a role, by name.
 */
export type Subject = { 
/**
 * `team` or `role`.
 */
kind: string, id: string, name: string, };

/**
 * Answers per kind.
 */
export type Tally = { consent: number, concern: number, objection: number, stand_aside: number, };

/**
 * A department, circle, squad or tribe. Teams nest through [`Relation::PartOf`].
 */
export type Team = { id: TeamId, name: string, purpose: string, };

export type TeamDetails = { team: Team, parent: Brief | null, 
/**
 * Nested teams, sorted by name.
 */
children: Array<Brief>, 
/**
 * Member roles, sorted by title, then by the people in them.
 */
members: Array<Member>, 
/**
 * Who leads the team (see [`lead_of`]).
 */
lead: Member | null, 
/**
 * Whether the lead is read from the reporting lines rather than from a `leads` line.
 */
lead_implied: boolean, };

/**
 * A team, department, circle…
 */
export type TeamId = string;

/**
 * The figures of a team with at least [`MIN_GROUP`] respondents.
 */
export type TeamTally = { team: TeamId, tally: Tally, };

/**
 * The workspace's word for a team ("circle", "squad", "afdeling"…), singular and plural.
 */
export type TeamWord = { singular: string, plural: string, };

export type Timer = { running: boolean, remaining_ms: number, 
/**
 * When it reaches zero, if running (milliseconds since the epoch).
 */
ends_at: number | null, };

export type TimerAction = "start" | "pause" | "reset";

/**
 * Milliseconds since the Unix epoch, UTC. Passed into the engine, never read from the clock there.
 */
export type Timestamp = number;

/**
 * The side of `supports` that can be a role or a team.
 */
export type Unit = { "kind": "role", "id": RoleId } | { "kind": "team", "id": TeamId };

/**
 * A person without a role.
 */
export type UnplacedPerson = { id: PersonId, name: string, };

export type Who = { employee_id: string, name: string, };

/**
 * The workspace as a whole: what the title bar and the start screen show.
 */
export type WorkspaceInfo = { 
/**
 * The file, as given when it was opened.
 */
path: string, 
/**
 * The file name without its extension.
 */
name: string, 
/**
 * Why the workspace cannot be changed, when it cannot.
 */
read_only: string | null, 
/**
 * When the workspace is open read-only beside the Kader that edits it: who that is (the UI
 * says "Read-only — … has this file open" and follows its changes).
 */
locked_by: Holder | null, team_word: TeamWord, 
/**
 * The newest change; events with a higher seq are news.
 */
seq: number, people: number, roles: number, teams: number, };
