/**
 * Staging a decision-framework draft: per decision domain, new agreed and desired levels for a
 * team or role (the board's cells for that domain offered first), and new guardrails (edit the
 * list: change, remove, add lines). Nothing changes on the Decisions board until adoption; the
 * ops are built from the live board when the draft is saved (`frameworkOpsOf`).
 */
import { useId, useMemo, useState } from 'react';
import type { Board, ChartRole, DecisionDomain, Unit } from '../../api/types';
import { LOCALE } from '../../i18n';
import { useI18n } from '../../i18n/react';
import { levelMeaning, levelName } from '../board/labels';
import { LEVELS, isLevel } from '../board/model';
import { GuardrailList } from '../board/GuardrailList';
import { CellSteps, levelText } from './Levels';
import {
  cellStep, draftGuardrails, draftLevels, lineDiff, normalizeGuardrails, stageFramework, subjectOptions, unitKey, unitOfKey, type FrameworkChange,
} from './model';

export function FrameworkStaging(props: {
  board: Board | null;
  roles: ChartRole[];
  staged: FrameworkChange[] | null;
  setStaged(f: (s: FrameworkChange[]) => FrameworkChange[]): void;
  other: number;
}) {
  const { t } = useI18n();
  const { board, staged } = props;
  if (!board || !staged) return <p className="muted">{t('proposals.fw.loading')}</p>;
  if (board.domains.length === 0 && staged.length === 0) return <p className="muted">{t('proposals.fw.noDomains')}</p>;
  return <Staging {...props} board={board} staged={staged} />;
}

function Staging(props: { board: Board; roles: ChartRole[]; staged: FrameworkChange[]; setStaged(f: (s: FrameworkChange[]) => FrameworkChange[]): void; other: number }) {
  const { t, lang } = useI18n();
  const { board, staged } = props;
  const domains = board.domains;
  const byId = useMemo(() => new Map(domains.map((d) => [d.id, d])), [domains]);
  // Every role of the chart can hold a level; the board's roles cover one the chart lacks.
  const roles = useMemo(() => {
    const m = new Map<string, { id: string; name: string }>();
    for (const r of board.roles) m.set(r.id, r);
    for (const r of props.roles) m.set(r.id, { id: r.id, name: r.title });
    return [...m.values()];
  }, [board.roles, props.roles]);
  const nameOf = (u: Unit) => (u.kind === 'team' ? board.teams.find((x) => x.id === u.id)?.name : roles.find((x) => x.id === u.id)?.name) ?? t('proposals.unnamed');
  const domainName = (id: string) => byId.get(id)?.name ?? t('proposals.fw.gone');

  return (
    <fieldset className="form-row staging" data-testid="fw-staging">
      <legend>{t('proposals.stage')}</legend>
      <p className="muted small-note">{t('proposals.stage.help')}</p>
      {staged.length === 0 ? (
        <p className="muted">{t('proposals.fw.none')}</p>
      ) : (
        <ol className="staged fw-staged" data-testid="staged">
          {staged.map((s, i) => (
            <li key={s.kind === 'level' ? `l:${s.domain}:${unitKey(s.subject)}` : `g:${s.domain}`} data-testid="staged-change" data-kind={s.kind}>
              <div className="fw-staged-body">
                {s.kind === 'level' ? (
                  <>
                    <span className="fw-staged-title">
                      {domainName(s.domain)} · {nameOf(s.subject)}
                    </span>
                    <CellSteps steps={cellStep(s, domains)} />
                  </>
                ) : (
                  <>
                    <span className="fw-staged-title">{t('proposals.fw.stagedRails', { domain: domainName(s.domain) })}</span>
                    <ul className="fw-rails-diff">
                      {lineDiff(byId.get(s.domain)?.guardrails ?? [], s.guardrails)
                        .filter((l) => l.change !== 'same')
                        .map((l, j) => (
                          <li key={j} className={`diff-${l.change}`}>
                            <span className="diff-mark" aria-hidden="true">
                              {l.change === 'added' ? '+ ' : '− '}
                            </span>
                            <span className="visually-hidden">{t(l.change === 'added' ? 'proposals.diff.added' : 'proposals.diff.removed')}: </span>
                            {l.change === 'added' ? <ins>{l.line}</ins> : <del>{l.line}</del>}
                          </li>
                        ))}
                    </ul>
                  </>
                )}
              </div>
              <button type="button" className="text-button" onClick={() => props.setStaged((all) => all.filter((_, j) => j !== i))} data-testid="unstage">
                {t('proposals.stage.unstage')}
              </button>
            </li>
          ))}
        </ol>
      )}
      {props.other > 0 && <p className="muted small-note">{t('proposals.stage.other', { n: props.other })}</p>}
      {domains.length > 0 && (
        <>
          <LevelBox domains={domains} teams={board.teams} roles={roles} staged={staged} setStaged={props.setStaged} locale={LOCALE[lang]} />
          <RailsBox domains={domains} staged={staged} setStaged={props.setStaged} />
        </>
      )}
    </fieldset>
  );
}

function DomainPicker(props: { id: string; domains: DecisionDomain[]; value: string; onChange(v: string): void; testid: string }) {
  const { t } = useI18n();
  return (
    <select id={props.id} className="field" value={props.value} onChange={(e) => props.onChange(e.target.value)} data-testid={props.testid}>
      <option value="">{t('proposals.fw.pickDomain')}</option>
      {props.domains.map((d) => (
        <option key={d.id} value={d.id}>
          {d.name}
        </option>
      ))}
    </select>
  );
}

function LevelPick(props: { id: string; label: string; keep: number | null; value: string; onChange(v: string): void; testid: string; disabled: boolean }) {
  const { t } = useI18n();
  const n = Number(props.value);
  return (
    <div className="form-row">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} className="field" value={props.value} onChange={(e) => props.onChange(e.target.value)} disabled={props.disabled} data-testid={props.testid}>
        <option value="">{props.disabled ? '—' : t('proposals.fw.keep', { level: levelText(t, props.keep) })}</option>
        {LEVELS.map((l) => (
          <option key={l} value={l}>
            {l} · {levelName(t, l)}
          </option>
        ))}
      </select>
      {isLevel(n) && <p className="muted small-note level-meaning">{levelMeaning(t, n)}</p>}
    </div>
  );
}

function LevelBox(props: {
  domains: DecisionDomain[];
  teams: Board['teams'];
  roles: { id: string; name: string }[];
  staged: FrameworkChange[];
  setStaged(f: (s: FrameworkChange[]) => FrameworkChange[]): void;
  locale: string;
}) {
  const { t } = useI18n();
  const [domain, setDomain] = useState('');
  const [subject, setSubject] = useState('');
  const [current, setCurrent] = useState('');
  const [desired, setDesired] = useState('');
  const ids = { domain: useId(), subject: useId(), current: useId(), desired: useId() };
  const d = props.domains.find((x) => x.id === domain);
  const options = useMemo(() => subjectOptions(d, props.teams, props.roles, props.locale), [d, props.teams, props.roles, props.locale]);
  const unit = unitOfKey(subject);
  const base = d && unit ? draftLevels(props.staged, props.domains, d.id, unit) : { current: null, desired: null };
  const next = { current: current ? Number(current) : base.current, desired: desired ? Number(desired) : base.desired };
  const ready = !!d && !!unit && (next.current !== base.current || next.desired !== base.desired);
  const group = (label: string, list: { unit: Unit; name: string }[]) =>
    list.length > 0 && (
      <optgroup label={label}>
        {list.map((o) => (
          <option key={unitKey(o.unit)} value={unitKey(o.unit)}>
            {o.name}
          </option>
        ))}
      </optgroup>
    );

  return (
    <div className="stage-box" data-testid="fw-level-box">
      <h3>{t('proposals.fw.level')}</h3>
      <p className="muted small-note">{t('proposals.fw.levelHelp')}</p>
      <div className="stage-fields">
        <div className="form-row">
          <label htmlFor={ids.domain}>{t('proposals.fw.domain')}</label>
          <DomainPicker
            id={ids.domain}
            domains={props.domains}
            value={domain}
            onChange={(v) => {
              setDomain(v);
              // The subject stays: every team and role can be picked in every domain.
              setCurrent('');
              setDesired('');
            }}
            testid="fw-domain"
          />
        </div>
        <div className="form-row">
          <label htmlFor={ids.subject}>{t('proposals.fw.subject')}</label>
          <select
            id={ids.subject}
            className="field"
            value={subject}
            onChange={(e) => {
              setSubject(e.target.value);
              setCurrent('');
              setDesired('');
            }}
            disabled={!d}
            data-testid="fw-subject"
          >
            <option value="">{t('proposals.fw.pickSubject')}</option>
            {group(t('proposals.fw.group.cells'), options.cells)}
            {group(t('proposals.fw.group.teams'), options.teams)}
            {group(t('proposals.fw.group.roles'), options.roles)}
          </select>
        </div>
        <LevelPick id={ids.current} label={t('proposals.fw.current')} keep={base.current} value={current} onChange={setCurrent} disabled={!d || !unit} testid="fw-current" />
        <LevelPick id={ids.desired} label={t('proposals.fw.desired')} keep={base.desired} value={desired} onChange={setDesired} disabled={!d || !unit} testid="fw-desired" />
      </div>
      <button
        type="button"
        className="button"
        disabled={!ready}
        onClick={() => {
          if (!d || !unit) return;
          props.setStaged((all) => stageFramework(all, { kind: 'level', domain: d.id, subject: unit, current: next.current, desired: next.desired }, props.domains));
          setSubject('');
          setCurrent('');
          setDesired('');
        }}
        data-testid="fw-level-add"
      >
        {t('proposals.fw.levelAdd')}
      </button>
    </div>
  );
}

function RailsBox(props: { domains: DecisionDomain[]; staged: FrameworkChange[]; setStaged(f: (s: FrameworkChange[]) => FrameworkChange[]): void }) {
  const { t } = useI18n();
  const [domain, setDomain] = useState('');
  const [lines, setLines] = useState<string[]>([]);
  const id = useId();
  const d = props.domains.find((x) => x.id === domain);
  const was = d ? draftGuardrails(props.staged, props.domains, d.id) : [];
  const norm = normalizeGuardrails(lines);
  const changed = !!d && (norm.length !== was.length || norm.some((l, i) => l !== was[i]));

  return (
    <div className="stage-box" data-testid="fw-rails-box">
      <h3>{t('proposals.fw.rails')}</h3>
      <p className="muted small-note">{t('proposals.fw.railsHelp')}</p>
      <div className="form-row">
        <label htmlFor={id}>{t('proposals.fw.domain')}</label>
        <DomainPicker
          id={id}
          domains={props.domains}
          value={domain}
          onChange={(v) => {
            setDomain(v);
            setLines(v ? draftGuardrails(props.staged, props.domains, v) : []);
          }}
          testid="fw-rails-domain"
        />
      </div>
      {d && (
        <div className="form-row" role="group" aria-label={t('proposals.guardrails')}>
          <GuardrailList
            lines={lines}
            onChange={setLines}
            empty={<p className="muted">{t('proposals.fw.railsNone')}</p>}
            maxLength={500}
            className="rail-list"
            removeClassName="icon-button fw-rail-remove"
            addClassName="button quiet"
            testids={{ line: 'fw-rail', remove: 'fw-rail-remove', add: 'fw-rail-add' }}
          />
        </div>
      )}
      <button
        type="button"
        className="button"
        disabled={!changed}
        onClick={() => {
          if (!d) return;
          props.setStaged((all) => stageFramework(all, { kind: 'guardrails', domain: d.id, guardrails: lines }, props.domains));
          setDomain('');
          setLines([]);
        }}
        data-testid="fw-rails-add"
      >
        {t('proposals.fw.railsAdd')}
      </button>
    </div>
  );
}

