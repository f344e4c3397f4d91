/**
 * The org chart around a structural proposal (`excerpt.ts`): the roles it adds, moves or removes
 * where the proposal puts them, with the managers above and a few reports below. Each change is
 * marked by a word and a sign as well as a colour; a moved role also shows, under its old
 * manager, that it leaves. A box can be tapped to comment on that role.
 */
import { useMemo } from 'react';
import type { Anchor, Chart, Preview } from '../../api/types';
import { useI18n } from '../../i18n/react';
import { chartExcerpt, type ExcerptNode } from './excerpt';
import { nodeKey } from './model';

const SIGN: Record<string, string> = { added: '+', removed: '−', moved: '↷', moved_away: '↷', changed: '~' };

export function ChartExcerpt(props: {
  chart: Chart;
  preview: Extract<Preview, { kind: 'organization' }>;
  perAnchor: Map<string, number>;
  onAnchor: ((a: Anchor) => void) | null;
  name(id: string): string | null;
}) {
  const { t } = useI18n();
  const excerpt = useMemo(() => chartExcerpt(props.chart, props.preview), [props.chart, props.preview]);
  if (excerpt.roots.length === 0) return null;
  return (
    <div className="chart-excerpt" data-testid="chart-excerpt">
      <h3>{t('proposals.excerpt')}</h3>
      <p className="muted small-note">{t(props.onAnchor ? 'proposals.excerpt.helpTap' : 'proposals.excerpt.help')}</p>
      <div className="excerpt-scroll">
        <ul className="excerpt-tree" role="tree" aria-label={t('proposals.excerpt')}>
          {excerpt.roots.map((n) => (
            <Branch key={`${n.change}:${n.id}`} node={n} {...props} top />
          ))}
        </ul>
      </div>
      {excerpt.omitted > 0 && <p className="muted">{t('proposals.excerpt.omitted', { n: excerpt.omitted })}</p>}
    </div>
  );
}

function Branch(props: {
  node: ExcerptNode;
  top?: boolean;
  perAnchor: Map<string, number>;
  onAnchor: ((a: Anchor) => void) | null;
  name(id: string): string | null;
}) {
  const { t } = useI18n();
  const n = props.node;
  const other = n.other ? (props.name(n.other) ?? t('proposals.unnamed')) : null;
  const detail =
    n.change === 'moved'
      ? t('proposals.excerpt.movedFrom', { name: other ?? '—' })
      : n.change === 'moved_away'
        ? t('proposals.excerpt.movesTo', { name: other ?? '—' })
        : n.change
          ? t(`proposals.change.${n.change}`)
          : null;
  const count = n.change === 'moved_away' ? 0 : (props.perAnchor.get(nodeKey({ kind: 'role', id: n.id })) ?? 0);
  const people = n.people.length > 2 ? `${n.people.slice(0, 2).join(', ')} +${n.people.length - 2}` : n.people.join(', ');
  const box = (
    <>
      {n.change && (
        <span className={`excerpt-tag change-${n.change === 'moved_away' ? 'moved' : n.change}`}>
          <span aria-hidden="true">{SIGN[n.change]} </span>
          {detail}
        </span>
      )}
      <span className="excerpt-title">{n.title}</span>
      {people && <span className="excerpt-people">{people}</span>}
      {count > 0 && (
        <span className="excerpt-count">
          <span aria-hidden="true">💬 </span>
          {t('proposals.node.comments', { n: count })}
        </span>
      )}
    </>
  );
  const cls = `excerpt-box${n.change ? ` is-${n.change}` : ''}`;
  return (
    <li role="treeitem" aria-expanded={n.children.length > 0 ? true : undefined} className="excerpt-branch">
      {props.top && n.above > 0 && <p className="excerpt-above muted">{t('proposals.excerpt.above', { n: n.above })}</p>}
      {props.onAnchor && n.change !== 'moved_away' ? (
        <button type="button" className={cls} onClick={() => props.onAnchor!({ on: 'node', node: { kind: 'role', id: n.id } })} data-testid="excerpt-node" data-change={n.change ?? 'none'} data-name={n.title}>
          {box}
        </button>
      ) : (
        <div className={cls} data-testid="excerpt-node" data-change={n.change ?? 'none'} data-name={n.title}>
          {box}
        </div>
      )}
      {(n.children.length > 0 || n.more > 0) && (
        <ul role="group">
          {n.children.map((c) => (
            <Branch key={`${c.change}:${c.id}`} node={c} perAnchor={props.perAnchor} onAnchor={props.onAnchor} name={props.name} />
          ))}
          {n.more > 0 && <li className="excerpt-more muted">{t('proposals.excerpt.more', { n: n.more })}</li>}
        </ul>
      )}
    </li>
  );
}
