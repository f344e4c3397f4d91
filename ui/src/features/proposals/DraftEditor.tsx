/**
 * The facilitator's draft: title, why, goals, privacy, and the revision — for a structural
 * change, staged moves, new roles and removed roles picked from the chart; for a decision-framework
 * change, new levels and guardrails per decision domain (`FrameworkStaging`); for a vision
 * revision, the proposed text per section. Nothing changes until adoption.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import type { Backend } from '../../api/backend';
import type { Chart, ChartRole, Kind, Op, ProposalView, Revision } from '../../api/types';
import { useI18n } from '../../i18n/react';
import { SECTIONS, hintKey, titleKey } from '../vision/sections';
import { useBoard } from '../board/useBoard';
import { FrameworkStaging } from './FrameworkStaging';
import {
  frameworkOpsOf, frameworkStagedOf, isFrameworkOp, managersFor, opsOf, removableRoles, stageAdd, stagedOf, stillThere, type FrameworkChange, type StagedChange,
} from './model';
import type { Fail } from './Proposals';

const KINDS: readonly Kind[] = ['structure', 'framework', 'vision'];

function roleLabel(r: ChartRole): string {
  const who = r.people.map((p) => p.name).join(', ');
  return who ? `${r.title} — ${who}` : r.title;
}

export function DraftEditor(props: {
  backend: Backend;
  chart: Chart | null;
  fail: Fail;
  existing?: ProposalView;
  onCancel(): void;
  onSaved?(v: ProposalView): void;
  /**
   * Amending: only what the proposal changes is edited (its title, why and privacy stay), and the
   * revision goes to the amendment instead of being saved here.
   */
  onRevision?(rev: Revision): void;
}) {
  const { t } = useI18n();
  const ex = props.existing?.proposal;
  const initial = useMemo(() => (ex?.proposed.kind === 'structure' ? stagedOf(ex.proposed.ops) : { staged: [], other: [] as Op[] }), [ex]);
  const [title, setTitle] = useState(ex?.title ?? '');
  const [why, setWhy] = useState(ex?.rationale ?? '');
  const [goals, setGoals] = useState((ex?.goals ?? []).join('\n'));
  const [kind, setKind] = useState<Kind>(ex?.proposed.kind ?? 'structure');
  const [anonymous, setAnonymous] = useState(ex?.privacy.anonymous ?? false);
  const [hidden, setHidden] = useState(ex?.privacy.hidden_results ?? false);
  const [staged, setStaged] = useState<StagedChange[]>(initial.staged);
  // The board once, for the framework's domains, cells and guardrails (not kept live: the ops are
  // built from a fresh read when saving).
  const { board } = useBoard(props.backend, 0, null);
  // A framework draft's ops are read back against the live domains, once the board is here.
  const [fw, setFw] = useState<{ staged: FrameworkChange[]; other: Op[] } | null>(ex?.proposed.kind === 'framework' ? null : { staged: [], other: [] });
  useEffect(() => {
    if (fw === null && board && ex?.proposed.kind === 'framework') setFw(frameworkStagedOf(ex.proposed.ops, board.domains));
  }, [fw, board, ex]);
  const [texts, setTexts] = useState<Record<string, string>>(() => {
    const out: Record<string, string> = {};
    if (ex?.proposed.kind === 'vision') for (const s of ex.proposed.sections) out[s.section] = s.proposed;
    return out;
  });
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { title: useId(), why: useId(), goals: useId() };

  const roles = useMemo(() => [...(props.chart?.roles ?? [])].sort((a, b) => a.title.localeCompare(b.title)), [props.chart]);

  /** The revision; a framework's ops are built from the board as it is now (`update_domain` replaces a whole domain). */
  const revision = async (): Promise<Revision> => {
    if (kind === 'vision') return { kind: 'vision', sections: SECTIONS.filter((s) => (texts[s] ?? '').trim()).map((s) => ({ section: s, text: texts[s] })) };
    if (kind === 'framework') {
      const changes = fw ?? { staged: [], other: [] };
      const domains = changes.staged.length > 0 ? (await props.backend.board()).domains : [];
      return { kind: 'framework', ops: [...frameworkOpsOf(changes.staged, domains), ...changes.other] };
    }
    return { kind: 'structure', ops: [...opsOf(staged), ...initial.other] };
  };

  const amending = !!props.onRevision;
  const save = async () => {
    if (!amending && !title.trim()) return setProblem(t('proposals.draft.needTitle'));
    if (!amending && !why.trim()) return setProblem(t('proposals.draft.needWhy'));
    // An existing framework draft is read back once the board is here; not saved half-read.
    if (kind === 'framework' && fw === null) return setProblem(t('proposals.fw.loading'));
    setBusy(true);
    let rev: Revision;
    try {
      rev = await revision();
    } catch (e) {
      setBusy(false);
      return props.fail(e);
    }
    const none = (rev.kind === 'vision' ? rev.sections.length : rev.ops.length) === 0;
    // The engine refuses anything but domains and levels in a framework proposal.
    if (none || (rev.kind === 'framework' && !rev.ops.every(isFrameworkOp))) {
      setBusy(false);
      return setProblem(t('proposals.draft.needChange'));
    }
    setProblem(null);
    if (props.onRevision) {
      setBusy(false);
      return props.onRevision(rev);
    }
    const body = {
      title: title.trim(),
      rationale: why.trim(),
      goals: goals
        .split('\n')
        .map((g) => g.trim())
        .filter(Boolean),
      revision: rev,
      privacy: { anonymous, hidden_results: hidden },
    };
    try {
      const v = ex ? await props.backend.editProposal(ex.id, body) : await props.backend.createProposal(body);
      props.onSaved?.(v);
    } catch (e) {
      props.fail(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className={`draft-editor${amending ? ' amending' : ''}`}
      data-testid="draft-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {amending ? (
        <h3>{t('proposals.amend.changes')}</h3>
      ) : (
        <>
      <h1>{t(ex ? 'proposals.draft.editTitle' : 'proposals.draft.new')}</h1>
      <div className="form-row">
        <label htmlFor={ids.title}>{t('proposals.field.title')}</label>
        <input id={ids.title} className="field" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} data-testid="draft-title" />
      </div>
      <div className="form-row">
        <label htmlFor={ids.why}>{t('proposals.field.why')}</label>
        <p className="muted small-note">{t('proposals.field.whyHint')}</p>
        <textarea id={ids.why} className="field" rows={5} value={why} onChange={(e) => setWhy(e.target.value)} data-testid="draft-why" />
      </div>
      <div className="form-row">
        <label htmlFor={ids.goals}>{t('proposals.field.goals')}</label>
        <textarea id={ids.goals} className="field" rows={2} value={goals} onChange={(e) => setGoals(e.target.value)} data-testid="draft-goals" />
      </div>
      <fieldset className="form-row">
        <legend>{t('proposals.field.kind')}</legend>
        <div className="segmented kind-switch">
          {KINDS.map((k) => (
            <label key={k} className={kind === k ? 'on' : undefined}>
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} disabled={!!ex && ex.proposed.kind !== k} data-testid={`draft-kind-${k}`} />
              {t(`proposals.kind.${k}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="form-row">
        <legend>{t('proposals.field.privacy')}</legend>
        <label className="check">
          <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} data-testid="draft-anonymous" />
          {t('proposals.field.anonymous')}
        </label>
        <label className="check">
          <input type="checkbox" checked={hidden} onChange={(e) => setHidden(e.target.checked)} data-testid="draft-hidden" />
          {t('proposals.field.hidden')}
        </label>
      </fieldset>
        </>
      )}

      {kind === 'vision' ? (
        <fieldset className="form-row">
          <legend>{t('proposals.stage')}</legend>
          <p className="muted small-note">{t('proposals.vision.help')}</p>
          {SECTIONS.map((s) => (
            <div key={s} className="form-row vision-text">
              <label htmlFor={`vt-${s}`}>{t(titleKey(s))}</label>
              <p className="muted small-note">{t(hintKey(s))}</p>
              <textarea
                id={`vt-${s}`}
                className="field"
                rows={3}
                placeholder={t('proposals.vision.keep')}
                value={texts[s] ?? ''}
                onChange={(e) => setTexts((x) => ({ ...x, [s]: e.target.value }))}
                data-testid={`draft-section-${s}`}
              />
            </div>
          ))}
        </fieldset>
      ) : kind === 'framework' ? (
        <FrameworkStaging board={board} roles={roles} staged={fw?.staged ?? null} setStaged={(f) => setFw((x) => (x ? { ...x, staged: f(x.staged) } : x))} other={fw?.other.length ?? 0} />
      ) : (
        <Staging
          roles={roles}
          staged={staged}
          setStaged={setStaged}
          other={initial.other.length}
          plan={async (role) => {
            try {
              return (await props.backend.planRemoveRole({ role, reports: 'to_manager_above', person: 'unplaced' })).op;
            } catch (e) {
              props.fail(e);
              return null;
            }
          }}
        />
      )}

      {problem && (
        <p className="field-problem" role="alert" data-testid="draft-problem">
          {problem}
        </p>
      )}
      <div className="draft-actions">
        <button type="submit" className={`button primary${amending ? '' : ' large'}`} disabled={busy} data-testid="draft-save">
          {t(amending ? 'proposals.amend.use' : ex ? 'proposals.draft.save' : 'proposals.draft.create')}
        </button>
        <button type="button" className="button quiet" onClick={props.onCancel}>
          {t('proposals.draft.cancel')}
        </button>
      </div>
    </form>
  );
}

function Staging(props: {
  roles: ChartRole[];
  staged: StagedChange[];
  setStaged(f: (s: StagedChange[]) => StagedChange[]): void;
  other: number;
  /** The planned removal of a role (its reports to the manager above, its person unplaced). */
  plan(role: string): Promise<Op | null>;
}) {
  const { t } = useI18n();
  const { roles } = props;
  const byId = useMemo(() => new Map(roles.map((r) => [r.id, r])), [roles]);
  const [moveRole, setMoveRole] = useState('');
  const [moveTo, setMoveTo] = useState('');
  const [addTitle, setAddTitle] = useState('');
  const [addUnder, setAddUnder] = useState('');
  const [removeRole, setRemoveRole] = useState('');
  const ids = { moveRole: useId(), moveTo: useId(), addTitle: useId(), addUnder: useId(), removeRole: useId() };
  // A role the draft removes is offered neither to move nor as a manager.
  const kept = useMemo(() => stillThere(roles, props.staged), [roles, props.staged]);
  const targets = useMemo(() => (moveRole ? managersFor(kept, moveRole) : kept), [kept, moveRole]);
  const removable = useMemo(() => removableRoles(roles, props.staged), [roles, props.staged]);
  // A role of the chart, or one this draft adds.
  const title = (id: string | null): string => {
    if (!id) return '—';
    const r = byId.get(id);
    if (r) return r.title;
    const added = props.staged.find((s): s is Extract<StagedChange, { kind: 'add' }> => s.kind === 'add' && s.id === id);
    return added?.title ?? '?';
  };

  const describe = (s: StagedChange) =>
    s.kind === 'move'
      ? t('proposals.stage.moved', { role: title(s.role), manager: title(s.manager) })
      : s.kind === 'add'
        ? t('proposals.stage.added', { title: s.title, manager: title(s.manager) })
        : t('proposals.stage.removed', { role: title(s.role) });

  if (roles.length === 0) return <p className="muted">{t('proposals.stage.noChart')}</p>;
  return (
    <fieldset className="form-row staging" data-testid="staging">
      <legend>{t('proposals.stage')}</legend>
      <p className="muted small-note">{t('proposals.stage.help')}</p>
      {props.staged.length === 0 ? (
        <p className="muted">{t('proposals.stage.none')}</p>
      ) : (
        <ol className="staged" data-testid="staged">
          {props.staged.map((s, i) => (
            <li key={i} data-testid="staged-change">
              <span>{describe(s)}</span>
              <button type="button" className="text-button" onClick={() => props.setStaged((all) => all.filter((_, j) => j !== i))}>
                {t('proposals.stage.unstage')}
              </button>
            </li>
          ))}
        </ol>
      )}
      {props.other > 0 && <p className="muted small-note">{t('proposals.stage.other', { n: props.other })}</p>}

      <div className="stage-box">
        <h3>{t('proposals.stage.move')}</h3>
        <div className="stage-fields">
          <RolePicker id={ids.moveRole} label={t('proposals.stage.role')} value={moveRole} onChange={setMoveRole} roles={kept} testid="stage-move-role" />
          <RolePicker id={ids.moveTo} label={t('proposals.stage.to')} value={moveTo} onChange={setMoveTo} roles={targets} testid="stage-move-to" />
        </div>
        <button
          type="button"
          className="button"
          disabled={!kept.some((r) => r.id === moveRole) || moveRole === moveTo || !targets.some((r) => r.id === moveTo)}
          onClick={() => {
            props.setStaged((all) => [...all, { kind: 'move', role: moveRole, manager: moveTo }]);
            setMoveRole('');
            setMoveTo('');
          }}
          data-testid="stage-move-add"
        >
          {t('proposals.stage.moveAdd')}
        </button>
      </div>

      <div className="stage-box">
        <h3>{t('proposals.stage.add')}</h3>
        <div className="stage-fields">
          <div className="form-row">
            <label htmlFor={ids.addTitle}>{t('proposals.stage.title')}</label>
            <input id={ids.addTitle} className="field" value={addTitle} maxLength={200} onChange={(e) => setAddTitle(e.target.value)} data-testid="stage-add-title" />
          </div>
          <RolePicker id={ids.addUnder} label={t('proposals.stage.under')} value={addUnder} onChange={setAddUnder} roles={kept} testid="stage-add-under" />
        </div>
        <button
          type="button"
          className="button"
          disabled={!addTitle.trim() || !kept.some((r) => r.id === addUnder)}
          onClick={() => {
            const m = byId.get(addUnder);
            if (!m) return;
            props.setStaged((all) => [...all, stageAdd(m, addTitle.trim())]);
            setAddTitle('');
            setAddUnder('');
          }}
          data-testid="stage-add-add"
        >
          {t('proposals.stage.addAdd')}
        </button>
      </div>

      <div className="stage-box">
        <h3>{t('proposals.stage.remove')}</h3>
        <p className="muted small-note">{t('proposals.stage.removeHelp')}</p>
        <div className="stage-fields">
          <RolePicker id={ids.removeRole} label={t('proposals.stage.role')} value={removeRole} onChange={setRemoveRole} roles={removable} testid="stage-remove-role" />
        </div>
        <button
          type="button"
          className="button"
          disabled={!removeRole || !removable.some((r) => r.id === removeRole)}
          onClick={async () => {
            const role = removeRole;
            const op = await props.plan(role);
            if (!op) return;
            props.setStaged((all) => [...all, { kind: 'remove', role, op }]);
            setRemoveRole('');
          }}
          data-testid="stage-remove-add"
        >
          {t('proposals.stage.removeAdd')}
        </button>
      </div>
    </fieldset>
  );
}

/** A role of the chart, picked by its title and the people in it. */
function RolePicker(props: { id: string; label: string; value: string; onChange(id: string): void; roles: readonly ChartRole[]; testid: string }) {
  const { t } = useI18n();
  return (
    <div className="form-row">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} className="field" value={props.value} onChange={(e) => props.onChange(e.target.value)} data-testid={props.testid}>
        <option value="">{t('proposals.stage.pick')}</option>
        {props.roles.map((r) => (
          <option key={r.id} value={r.id}>
            {roleLabel(r)}
          </option>
        ))}
      </select>
    </div>
  );
}
