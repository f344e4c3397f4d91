/**
 * The side panel: the details of the selected role, person or team, editable in place, or the
 * hierarchy lens (one reporting line's reasons, or the organization-wide figures). Every edit is
 * one `Op` (a role is always sent whole: `update_role`), sent through `apply`; the panel re-reads
 * what it shows whenever the workspace changes (`version`).
 */
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import type { Backend } from '../../api/backend';
import type { Accountability, AccountabilityKind, LensView, Member, NodeRef, PersonDetails, RoleDetails, TeamDetails, Op } from '../../api/types';
import * as ops from '../../api/ops';
import { useI18n } from '../../i18n/react';
import { LOCALE } from '../../i18n';
import { formatIsoDate } from '../board/model';
import { InlineEdit } from './InlineEdit';
import { LinePanel } from '../lens/LinePanel';
import { LensPanel } from '../lens/LensPanel';
import { ClassBadge } from '../lens/ClassBadge';
import { useLensLine } from '../lens/useLens';
import type { RoleInfo } from '../lens/LinePanel';

/** What the side panel shows: a role, person or team; a reporting line (by its report); the lens's figures. */
export type PanelTarget = { kind: 'role' | 'person' | 'team' | 'line' | 'figures'; id: string };

interface Props {
  backend: Backend;
  target: PanelTarget;
  version: number;
  editable: boolean;
  /** A role just added: its title starts in edit mode. */
  freshRole: string | null;
  apply(op: Op): Promise<boolean>;
  onNavigate(target: PanelTarget): void;
  onShowRole(roleId: string): void;
  onAddRole(manager: RoleDetails): void;
  onRemoveRole(role: RoleDetails): void;
  onClose(): void;
  /** The lens as last read (for the figures). */
  lens?: LensView | null;
  /** Selects and shows a role on the chart without leaving the panel. */
  onSelectRole?(roleId: string): void;
  /** Opens the delegation board, when the app has one. */
  onOpenDecisions?(): void;
  /** A role's title and who fills it, from the chart (titles repeat: names tell roles apart). */
  roleInfo?(roleId: string): RoleInfo | null;
}

export interface DetailsHandle {
  focus(): void;
}

type Loaded =
  | { kind: 'role'; id: string; data: RoleDetails }
  | { kind: 'person'; id: string; data: PersonDetails }
  | { kind: 'team'; id: string; data: TeamDetails };

const KINDS: AccountabilityKind[] = ['delivery', 'support', 'coordination', 'control'];

export const DetailsPanel = forwardRef<DetailsHandle, Props>(function DetailsPanel(props, ref) {
  const { backend, target, version } = props;
  const { t } = useI18n();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [missing, setMissing] = useState(false);
  const heading = useRef<HTMLDivElement>(null);

  useImperativeHandle(ref, () => ({ focus: () => heading.current?.focus() }));

  const lensKind = target.kind === 'line' || target.kind === 'figures';
  useEffect(() => {
    if (lensKind) return;
    let live = true;
    const load = async (): Promise<Loaded> => {
      if (target.kind === 'role') return { kind: 'role', id: target.id, data: await backend.roleDetails(target.id) };
      if (target.kind === 'person') return { kind: 'person', id: target.id, data: await backend.personDetails(target.id) };
      return { kind: 'team', id: target.id, data: await backend.teamDetails(target.id) };
    };
    load().then(
      (l) => {
        if (!live) return;
        setLoaded(l);
        setMissing(false);
      },
      () => live && setMissing(true),
    );
    return () => {
      live = false;
    };
  }, [backend, target.kind, target.id, version, lensKind]);

  const current = loaded && loaded.kind === target.kind && loaded.id === target.id ? loaded : null;
  const kindLabel = t(
    target.kind === 'role'
      ? 'details.kind.role'
      : target.kind === 'person'
        ? 'details.kind.person'
        : target.kind === 'line'
          ? 'lens.kind.line'
          : target.kind === 'figures'
            ? 'lens.kind.figures'
            : 'details.kind.team',
  );

  return (
    <aside className="details" aria-label={t('details.label')} data-testid="details">
      <div className="details-top">
        <div className="details-kind" tabIndex={-1} ref={heading}>
          {kindLabel}
        </div>
        <button type="button" className="icon-button" onClick={props.onClose} aria-label={t('details.close')} title={t('details.close')} data-testid="details-close">
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M6 6l12 12M18 6 6 18" />
          </svg>
        </button>
      </div>
      {target.kind === 'line' && (
        <LinePanel backend={backend} id={target.id} version={version} onShowRole={props.onShowRole} onOpenDecisions={props.onOpenDecisions} roleInfo={props.roleInfo} />
      )}
      {target.kind === 'figures' && <LensPanel view={props.lens ?? null} onSelectRole={props.onSelectRole ?? props.onShowRole} onOpenDecisions={props.onOpenDecisions} />}
      {!lensKind && !current && !missing && <p className="muted">{t('details.loading')}</p>}
      {!lensKind && missing && !current && <p className="muted">—</p>}
      {current?.kind === 'role' && <RoleView {...props} d={current.data} />}
      {current?.kind === 'person' && <PersonView {...props} d={current.data} />}
      {current?.kind === 'team' && <TeamView {...props} d={current.data} />}
    </aside>
  );
});

function Link(props: { onClick(): void; children: React.ReactNode; testid?: string }) {
  return (
    <button type="button" className="link" onClick={props.onClick} data-testid={props.testid}>
      {props.children}
    </button>
  );
}

function Section(props: { title: string; children: React.ReactNode; testid?: string; count?: number }) {
  return (
    <section className="details-section" data-testid={props.testid}>
      <h3>
        {props.title}
        {props.count !== undefined && props.count > 0 && <span className="count">{props.count}</span>}
      </h3>
      {props.children}
    </section>
  );
}

function RoleView(props: Props & { d: RoleDetails }) {
  const { d, editable, apply } = props;
  const { t } = useI18n();
  const role = d.role;
  const save = (op: Op) => apply(op);
  return (
    <div className="details-body">
      <InlineEdit
        as="h2"
        className="details-title"
        value={role.title}
        label={t('details.title')}
        editable={editable}
        required
        testid="role-title"
        autoEdit={props.freshRole === role.id}
        onSave={(v) => save(ops.renameRole(role, v))}
      />
      {role.external_id && <p className="meta">{t('details.externalId', { id: role.external_id })}</p>}

      <Section title={t('details.people')} testid="role-people">
        {d.people.length === 0 ? (
          <p className="vacant-note">{t('details.vacant')}</p>
        ) : (
          <ul className="plain">
            {d.people.map((p) => (
              <li key={p.id}>
                <Link onClick={() => props.onNavigate({ kind: 'person', id: p.id })} testid="person-link">
                  {p.name}
                </Link>
                <span className="meta"> · {t('details.fte', { n: p.fte })}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <div className="details-pair">
        <Section title={t('details.manager')} testid="role-manager">
          {d.manager ? <Link onClick={() => props.onShowRole(d.manager!.id)}>{d.manager.name}</Link> : <p className="muted">{t('details.noManager')}</p>}
        </Section>
        <Section title={t('details.teams')} testid="role-teams">
          {d.teams.length === 0 ? (
            <p className="muted">{t('details.noTeam')}</p>
          ) : (
            <ul className="plain">
              {d.teams.map((tm) => (
                <li key={tm.id}>
                  <Link onClick={() => props.onNavigate({ kind: 'team', id: tm.id })}>{tm.name}</Link>
                </li>
              ))}
            </ul>
          )}
        </Section>
      </div>

      {d.manager && <RoleLine {...props} />}

      <Section title={t('details.purpose')}>
        <InlineEdit
          as="p"
          className="purpose"
          value={role.purpose}
          label={t('details.purpose')}
          editable={editable}
          multiline
          empty={t('details.purposeEmpty')}
          testid="role-purpose"
          onSave={(v) => save(ops.setPurpose(role, v))}
        />
      </Section>

      <Section title={t('details.accountabilities')} testid="accountabilities" count={role.accountabilities.length}>
        {role.accountabilities.length === 0 && <p className="muted">{t('details.accountabilitiesEmpty')}</p>}
        <ul className="accountabilities">
          {role.accountabilities.map((a) => (
            <li key={a.id} data-testid="accountability">
              {editable ? (
                <select
                  className={`kind kind-${a.kind}`}
                  value={a.kind}
                  aria-label={t('lens.tagOf', { text: a.text })}
                  data-testid="accountability-kind"
                  onChange={(e) => void save(ops.editAccountability(role, a.id, { kind: e.target.value as AccountabilityKind }))}
                >
                  {KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`kind.${k}`)}
                    </option>
                  ))}
                </select>
              ) : (
                <span className={`kind kind-${a.kind}`}>{t(`kind.${a.kind}`)}</span>
              )}
              <InlineEdit
                className="accountability-text"
                value={a.text}
                label={t('details.accountabilities')}
                editable={editable}
                required
                onSave={(v) => save(ops.editAccountability(role, a.id, { text: v }))}
              />
              {editable && (
                <button
                  type="button"
                  className="icon-button small"
                  aria-label={t('details.accountabilityRemove', { text: a.text })}
                  title={t('details.accountabilityRemove', { text: a.text })}
                  onClick={() => void save(ops.removeAccountability(role, a.id))}
                >
                  <svg viewBox="0 0 24 24" aria-hidden="true">
                    <path d="M6 6l12 12M18 6 6 18" />
                  </svg>
                </button>
              )}
              <Towards d={d} a={a} editable={editable} roleInfo={props.roleInfo} onChange={(towards) => void save(ops.editAccountability(role, a.id, { towards }))} />
            </li>
          ))}
        </ul>
        {editable && <AddAccountability onAdd={(text, kind) => save(ops.addAccountability(role, text, kind))} />}
      </Section>

      <Section title={t('details.reports')} testid="role-reports" count={d.reports.length}>
        {d.reports.length === 0 ? (
          <p className="muted">{t('details.noReports')}</p>
        ) : (
          <ul className="plain columns">
            {d.reports.map((r) => (
              <li key={r.id}>
                <Link onClick={() => props.onShowRole(r.id)}>{r.name}</Link>
              </li>
            ))}
          </ul>
        )}
      </Section>

      {editable && (
        <div className="details-actions">
          <button type="button" className="button" onClick={() => props.onAddRole(d)} data-testid="add-role">
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M12 5v14M5 12h14" />
            </svg>
            {t('details.addRole')}
          </button>
          <button type="button" className="button danger-quiet" onClick={() => props.onRemoveRole(d)} data-testid="remove-role">
            {t('details.removeRole')}
          </button>
        </div>
      )}
    </div>
  );
}

/** The reporting line from this role up to its manager, through the lens, and a way to its reasons. */
function RoleLine(props: Props & { d: RoleDetails }) {
  const { t } = useI18n();
  const { line } = useLensLine(props.backend, props.d.role.id, props.version);
  return (
    <Section title={t('lens.roleLine')} testid="role-line">
      <div className="role-line">
        {line ? <ClassBadge c={line.class} testid="role-line-class" /> : <span className="muted">…</span>}
        <button type="button" className="link" onClick={() => props.onNavigate({ kind: 'line', id: props.d.role.id })} data-testid="role-line-open">
          {t('lens.roleLineOpen')}
        </button>
      </div>
    </Section>
  );
}

const nodeKey = (n: NodeRef | null) => (n ? `${n.kind}:${n.id}` : '');

/**
 * Whom an accountability is directed at: everyone who reports to the role (no one named — the
 * lens counts it towards all of the role's reports), one direct report, or one of the role's
 * teams.
 */
function Towards(props: { d: RoleDetails; a: Accountability; editable: boolean; roleInfo?(id: string): RoleInfo | null; onChange(towards: NodeRef | null): void }) {
  const { d, a } = props;
  const { t } = useI18n();
  const label = (r: { id: string; name: string }) => {
    const people = props.roleInfo?.(r.id)?.people ?? [];
    return people.length ? `${r.name} · ${people.join(', ')}` : r.name;
  };
  if (d.reports.length === 0 && d.teams.length === 0 && a.towards === null) return null;
  const current = nodeKey(a.towards);
  const known = current === '' || d.reports.some((r) => `role:${r.id}` === current) || d.teams.some((tm) => `team:${tm.id}` === current);
  const nameOf = () =>
    a.towards === null
      ? t('lens.towards.everyone')
      : (() => {
          const r = d.reports.find((x) => x.id === a.towards!.id);
          return r ? label(r) : (d.teams.find((tm) => tm.id === a.towards!.id)?.name ?? t('lens.towards.other'));
        })();
  return (
    <label className="towards">
      <span className="towards-label">{t('lens.towards')}</span>
      {props.editable ? (
        <select
          className="towards-select"
          value={current}
          aria-label={t('lens.towardsOf', { text: a.text })}
          data-testid="accountability-towards"
          onChange={(e) => {
            const v = e.target.value;
            if (!v) return props.onChange(null);
            const [kind, id] = [v.slice(0, v.indexOf(':')), v.slice(v.indexOf(':') + 1)];
            props.onChange(kind === 'team' ? { kind: 'team', id } : kind === 'person' ? { kind: 'person', id } : { kind: 'role', id });
          }}
        >
          <option value="">{t('lens.towards.everyone')}</option>
          {d.reports.length > 0 && (
            <optgroup label={t('lens.towards.reports')}>
              {d.reports.map((r) => (
                <option key={r.id} value={`role:${r.id}`}>
                  {label(r)}
                </option>
              ))}
            </optgroup>
          )}
          {d.teams.length > 0 && (
            <optgroup label={t('lens.towards.teams')}>
              {d.teams.map((tm) => (
                <option key={tm.id} value={`team:${tm.id}`}>
                  {tm.name}
                </option>
              ))}
            </optgroup>
          )}
          {!known && <option value={current}>{t('lens.towards.other')}</option>}
        </select>
      ) : (
        <span className="towards-value">{nameOf()}</span>
      )}
    </label>
  );
}

function AddAccountability(props: { onAdd(text: string, kind: AccountabilityKind): Promise<boolean> }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [kind, setKind] = useState<AccountabilityKind>('delivery');
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="add-accountability"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!text.trim()) return;
        setBusy(true);
        if (await props.onAdd(text, kind)) setText('');
        setBusy(false);
      }}
    >
      <select value={kind} onChange={(e) => setKind(e.target.value as AccountabilityKind)} aria-label={t('details.accountabilityKind')} className={`kind kind-${kind}`}>
        {KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`kind.${k}`)}
          </option>
        ))}
      </select>
      <input
        className="field"
        type="text"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('details.accountabilityNew')}
        aria-label={t('details.accountabilityNew')}
        data-testid="accountability-new"
        disabled={busy}
      />
      <button type="submit" className="button" disabled={busy || !text.trim()}>
        {t('details.accountabilityAdd')}
      </button>
    </form>
  );
}

function PersonView(props: Props & { d: PersonDetails }) {
  const { d, editable, apply } = props;
  const { t, lang } = useI18n();
  return (
    <div className="details-body">
      <InlineEdit
        as="h2"
        className="details-title"
        value={d.person.name}
        label={t('details.name')}
        editable={editable}
        required
        testid="person-name"
        onSave={(v) => apply(ops.renamePerson(d.person, v))}
      />
      {d.person.external_id && <p className="meta">{t('details.externalId', { id: d.person.external_id })}</p>}
      {(d.person.location || d.person.hire_date) && (
        <dl className="facts" data-testid="person-facts">
          {d.person.location && (
            <>
              <dt>{t('details.location')}</dt>
              <dd>{d.person.location}</dd>
            </>
          )}
          {d.person.hire_date && (
            <>
              <dt>{t('details.hireDate')}</dt>
              <dd>{formatIsoDate(d.person.hire_date, LOCALE[lang])}</dd>
            </>
          )}
        </dl>
      )}
      <Section title={t('details.roles')} testid="person-roles">
        {d.roles.length === 0 ? (
          <p className="muted">{t('details.noRoles')}</p>
        ) : (
          <ul className="plain">
            {d.roles.map((r) => (
              <li key={r.id}>
                <Link onClick={() => props.onShowRole(r.id)}>{r.name}</Link>
                <span className="meta"> · {t('details.fte', { n: r.fte })}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}

/** A team's role as people tell them apart: "Ann Peeters (Analyst)", or "Analyst (vacant)". */
export function memberLabel(m: Member, vacant: string): string {
  return m.people.length ? `${m.people.join(', ')} (${m.title})` : `${m.title} (${vacant})`;
}

function TeamView(props: Props & { d: TeamDetails }) {
  const { d, editable, apply } = props;
  const { t } = useI18n();
  return (
    <div className="details-body">
      <InlineEdit
        as="h2"
        className="details-title"
        value={d.team.name}
        label={t('details.name')}
        editable={editable}
        required
        testid="team-name"
        onSave={(v) => apply(ops.updateTeam(d.team, { name: v }))}
      />
      <Section title={t('details.purpose')}>
        <InlineEdit
          as="p"
          className="purpose"
          value={d.team.purpose}
          label={t('details.purpose')}
          editable={editable}
          multiline
          empty={t('details.purposeEmpty')}
          testid="team-purpose"
          onSave={(v) => apply(ops.updateTeam(d.team, { purpose: v }))}
        />
      </Section>
      <div className="details-pair">
        <Section title={t('details.lead')}>
          {d.lead ? (
            <>
              <p className="lead" data-testid="team-lead">
                <Link onClick={() => props.onShowRole(d.lead!.id)}>{memberLabel(d.lead, t('details.vacantShort'))}</Link>
              </p>
              {d.lead_implied && <p className="meta">{t('details.leadImplied')}</p>}
            </>
          ) : (
            <p className="muted">{t('details.noLead')}</p>
          )}
        </Section>
        <Section title={t('details.parent')}>
          {d.parent ? <Link onClick={() => props.onNavigate({ kind: 'team', id: d.parent!.id })}>{d.parent.name}</Link> : <p className="muted">—</p>}
        </Section>
      </div>
      {d.children.length > 0 && (
        <Section title={t('details.children')} count={d.children.length}>
          <ul className="plain">
            {d.children.map((c) => (
              <li key={c.id}>
                <Link onClick={() => props.onNavigate({ kind: 'team', id: c.id })}>{c.name}</Link>
              </li>
            ))}
          </ul>
        </Section>
      )}
      <Section title={t('details.members')} testid="team-members" count={d.members.length}>
        {d.members.length === 0 ? (
          <p className="muted">{t('details.noMembers')}</p>
        ) : (
          <ul className="plain columns">
            {d.members.map((m) => (
              <li key={m.id}>
                <Link onClick={() => props.onShowRole(m.id)}>{memberLabel(m, t('details.vacantShort'))}</Link>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
