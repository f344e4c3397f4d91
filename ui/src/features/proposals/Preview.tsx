/**
 * What a proposal would do. For operations: the organization's figures before and after, the
 * differences marked with a sign, an arrow and a word (never by colour alone), and the list of
 * what changes — every node can be commented on —, with the decision domains as a small board of
 * the cells and guardrails that change (`DomainChanges`). For a vision revision: the line diff per
 * section, removed lines struck and marked −, added lines marked +; a passage can be quoted
 * into a comment.
 */
import { useMemo } from 'react';
import type { BackendError } from '../../api/backend';
import type { Anchor, Chart, NodeRef, Preview, ProposalView, Relation, Unit } from '../../api/types';
import { useI18n } from '../../i18n/react';
import { LOCALE } from '../../i18n';
import { SECTIONS, titleKey, type VisionSection } from '../vision/sections';
import { changedNodes, figureRows, mayDiscuss, nodeKey, quoteOf, type FigureRow } from './model';
import { ChartExcerpt } from './ChartExcerpt';
import { DomainChanges } from './DomainChanges';

/** Names of roles, teams and people: the live chart, the preview's nodes, the staged new roles. */
export function useNames(chart: Chart | null, preview: Preview | null, view: ProposalView | null): (id: string) => string | null {
  return useMemo(() => {
    const m = new Map<string, string>();
    for (const r of chart?.roles ?? []) {
      m.set(r.id, r.title);
      for (const p of r.people) m.set(p.id, p.name);
    }
    for (const team of chart?.teams ?? []) m.set(team.id, team.name);
    const proposed = view?.proposal.proposed;
    if (proposed && proposed.kind !== 'vision')
      for (const op of proposed.ops) {
        if (op.op === 'add_role') m.set(op.role.id, op.role.title);
        if (op.op === 'add_team') m.set(op.team.id, op.team.name);
        if (op.op === 'add_person') m.set(op.person.id, op.person.name);
      }
    if (preview?.kind === 'organization') for (const n of preview.nodes) m.set(n.node.id, n.name);
    return (id: string) => m.get(id) ?? null;
  }, [chart, preview, view]);
}

function unitId(u: Unit): string {
  return u.id;
}

function relationEnds(r: Relation): [string, string] {
  switch (r.kind) {
    case 'reports_to':
    case 'dotted_line':
      return [r.role, r.manager];
    case 'member_of':
    case 'leads':
    case 'coordinates':
      return [r.role, r.team];
    case 'part_of':
      return [r.team, r.parent];
    case 'fills':
      return [r.person, r.role];
    case 'supports':
      return [unitId(r.from), unitId(r.to)];
  }
}

export function PreviewView(props: {
  view: ProposalView;
  preview: Preview | null;
  error: BackendError | null;
  chart: Chart | null;
  perAnchor: Map<string, number>;
  onAnchor(a: Anchor): void;
}) {
  const { t } = useI18n();
  const { preview } = props;
  const discuss = mayDiscuss(props.view.proposal.state);
  return (
    <section className="proposal-section preview" aria-labelledby="preview-h" data-testid="preview">
      <h2 id="preview-h">{t('proposals.preview')}</h2>
      {!preview && !props.error && <p className="muted">{t('proposals.preview.loading')}</p>}
      {!preview && props.error && (
        <p className="muted" role="alert">
          {t('proposals.preview.failed', { message: props.error.message })}
        </p>
      )}
      {preview?.kind === 'organization' && <OrganizationPreview preview={preview} view={props.view} chart={props.chart} perAnchor={props.perAnchor} onAnchor={discuss ? props.onAnchor : null} />}
      {preview?.kind === 'vision' && <VisionPreview preview={preview} onAnchor={discuss ? props.onAnchor : null} />}
    </section>
  );
}

function useNumber(): (n: number) => string {
  const { lang } = useI18n();
  return useMemo(() => {
    const nf = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 2 });
    return (n: number) => nf.format(n);
  }, [lang]);
}

function FigureValue({ row, value }: { row: FigureRow; value: number | null }) {
  const { t } = useI18n();
  const num = useNumber();
  if (value === null) return <span className="muted">{t('proposals.fig.unknown')}</span>;
  return <>{row.share ? t('proposals.fig.percent', { n: value }) : num(value)}</>;
}

function Delta({ row }: { row: FigureRow }) {
  const { t } = useI18n();
  const num = useNumber();
  if (!row.changed) return <span className="muted">{t('proposals.fig.unchanged')}</span>;
  if (row.delta === null) return <span className="delta">≠</span>;
  const sign = row.delta > 0 ? '+' : '−';
  const abs = Math.abs(row.delta);
  const text = row.share ? t('proposals.fig.points', { n: abs }) : num(abs);
  return (
    <span className={`delta ${row.delta > 0 ? 'up' : 'down'}`}>
      <span aria-hidden="true">{row.delta > 0 ? '▲ ' : '▼ '}</span>
      {sign}
      {text}
    </span>
  );
}

function OrganizationPreview(props: {
  preview: Extract<Preview, { kind: 'organization' }>;
  view: ProposalView;
  chart: Chart | null;
  perAnchor: Map<string, number>;
  onAnchor: ((a: Anchor) => void) | null;
}) {
  const { t } = useI18n();
  const p = props.preview;
  const name = useNames(props.chart, p, props.view);
  const rows = figureRows(p.before, p.after);
  const nodes = changedNodes(p);
  const nothing = p.nodes.length === 0 && p.relations_added.length === 0 && p.relations_removed.length === 0 && p.domains.length === 0;
  const rel = (r: Relation) => {
    const [a, b] = relationEnds(r);
    return t(`proposals.rel.${r.kind}`, { a: name(a) ?? t('proposals.unnamed'), b: name(b) ?? t('proposals.unnamed') });
  };
  const nodeKind = (n: NodeRef) => t(`proposals.node.${n.kind}`);
  // A framework change is about the board: its cells come first, the figures after.
  const framework = props.view.proposal.proposed.kind === 'framework';
  return (
    <>
      {framework && <DomainChanges domains={p.domains} />}
      {props.chart && <ChartExcerpt chart={props.chart} preview={p} perAnchor={props.perAnchor} onAnchor={props.onAnchor} name={name} />}
      <h3>{t('proposals.figures')}</h3>
      <p className="muted small-note">{t('proposals.figures.help')}</p>
      <div className="figures-scroll">
        <table className="figures" data-testid="preview-figures">
          <thead>
            <tr>
              <th scope="col">{t('proposals.fig.figure')}</th>
              <th scope="col">{t('proposals.fig.before')}</th>
              <th scope="col">{t('proposals.fig.after')}</th>
              <th scope="col">{t('proposals.fig.change')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} className={r.changed ? 'changed' : undefined} data-testid={`figure-${r.key}`} data-changed={r.changed}>
                <th scope="row">{t(`proposals.fig.${r.key}`)}</th>
                <td>
                  <FigureValue row={r} value={r.before} />
                </td>
                <td className="after">
                  <FigureValue row={r} value={r.after} />
                </td>
                <td>
                  <Delta row={r} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {nothing && <p className="muted">{t('proposals.noChanges')}</p>}
      {nodes.length > 0 && (
        <>
          <h3>{t('proposals.nodes')}</h3>
          {props.onAnchor && <p className="muted small-note">{t('proposals.nodes.help')}</p>}
          <ul className="node-changes">
            {nodes.map((n) => {
              const count = props.perAnchor.get(nodeKey(n.node)) ?? 0;
              const label = n.name ?? name(n.node.id) ?? t('proposals.unnamed');
              const inner = (
                <>
                  <span className={`change-tag change-${n.change}`}>
                    <span aria-hidden="true">{n.change === 'added' ? '+ ' : n.change === 'removed' ? '− ' : n.change === 'moved' ? '↷ ' : '~ '}</span>
                    {t(`proposals.change.${n.change}`)}
                  </span>
                  <span className="node-name">{label}</span>
                  <span className="muted node-kind">
                    {n.change === 'moved'
                      ? t('proposals.change.movedDetail', { from: n.from ? (name(n.from) ?? t('proposals.unnamed')) : '—', to: n.to ? (name(n.to) ?? t('proposals.unnamed')) : '—' })
                      : nodeKind(n.node)}
                  </span>
                  {count > 0 && (
                    <span className="node-count" data-testid="preview-node-comments">
                      <span aria-hidden="true">💬 </span>
                      {t('proposals.node.comments', { n: count })}
                    </span>
                  )}
                </>
              );
              return (
                <li key={`${n.node.kind}:${n.node.id}`}>
                  {props.onAnchor ? (
                    <button type="button" className="node-change" onClick={() => props.onAnchor!({ on: 'node', node: n.node })} data-testid="preview-node" data-change={n.change} data-name={label}>
                      {inner}
                    </button>
                  ) : (
                    <div className="node-change" data-testid="preview-node" data-change={n.change} data-name={label}>
                      {inner}
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
      {(p.relations_added.length > 0 || p.relations_removed.length > 0) && (
        <>
          <h3>{t('proposals.lines')}</h3>
          <ul className="line-changes" data-testid="preview-lines">
            {p.relations_removed.map((r, i) => (
              <li key={`r${i}`} className="line-removed">
                <span className="change-tag change-removed">
                  <span aria-hidden="true">− </span>
                  {t('proposals.line.removed')}
                </span>
                <del>{rel(r)}</del>
              </li>
            ))}
            {p.relations_added.map((r, i) => (
              <li key={`a${i}`} className="line-added">
                <span className="change-tag change-added">
                  <span aria-hidden="true">+ </span>
                  {t('proposals.line.added')}
                </span>
                <ins>{rel(r)}</ins>
              </li>
            ))}
          </ul>
        </>
      )}
      {!framework && <DomainChanges domains={p.domains} />}
    </>
  );
}

function sectionTitle(t: ReturnType<typeof useI18n>['t'], s: string): string {
  return (SECTIONS as readonly string[]).includes(s) ? t(titleKey(s as VisionSection)) : s;
}

function VisionPreview(props: { preview: Extract<Preview, { kind: 'vision' }>; onAnchor: ((a: Anchor) => void) | null }) {
  const { t } = useI18n();
  const sections = props.preview.sections;
  if (sections.length === 0) return <p className="muted">{t('proposals.diff.nothing')}</p>;
  return (
    <>
      <p className="muted small-note">{t('proposals.diff.help')}</p>
      {sections.map((s) => (
        <div key={s.section} className="diff-section" data-testid={`diff-${s.section}`}>
          <h3>{sectionTitle(t, s.section)}</h3>
          <ol className="diff">
            {s.lines.map((l, i) => {
              const quote = l.op !== 'removed' && l.line.trim() && props.onAnchor;
              return (
                <li key={i} className={`diff-line diff-${l.op}`} data-testid={`diff-line-${l.op}`}>
                  <span className="diff-mark" aria-hidden="true">
                    {l.op === 'added' ? '+' : l.op === 'removed' ? '−' : ' '}
                  </span>
                  <span className="visually-hidden">{l.op === 'added' ? t('proposals.diff.added') : l.op === 'removed' ? t('proposals.diff.removed') : ''}</span>
                  {l.op === 'removed' ? <del>{l.line}</del> : l.op === 'added' ? <ins>{l.line}</ins> : <span>{l.line}</span>}
                  {quote && (
                    <button
                      type="button"
                      className="quote-button"
                      onClick={() => props.onAnchor!({ on: 'passage', section: s.section, quote: quoteOf(l.line) })}
                      title={t('proposals.diff.quote')}
                      aria-label={t('proposals.diff.quote')}
                      data-testid="diff-quote"
                    >
                      <svg viewBox="0 0 24 24" aria-hidden="true">
                        <path d="M4 5h16v11H10l-4 4v-4H4z" />
                      </svg>
                    </button>
                  )}
                </li>
              );
            })}
          </ol>
        </div>
      ))}
    </>
  );
}
