/**
 * The decision domains a proposal changes, as a small board: per domain its name (and the name it
 * had), whether it is added, removed or changed, each changed cell as a row "who — agreed 2 → 5,
 * desired 5 → 6", and its guardrails before and after (removed lines struck and marked −, added
 * lines marked +). All text is rendered as text.
 */
import type { DomainChange } from '../../api/types';
import { useI18n } from '../../i18n/react';
import { CellSteps } from './Levels';
import { lineDiff } from './model';

const MARK = { added: '+ ', removed: '− ', changed: '~ ' } as const;

export function DomainChanges({ domains }: { domains: DomainChange[] }) {
  const { t } = useI18n();
  if (domains.length === 0) return null;
  return (
    <>
      <h3>{t('proposals.domains')}</h3>
      <p className="muted small-note">{t('proposals.domains.help')}</p>
      <ul className="domain-changes" data-testid="preview-domains">
        {domains.map((d) => (
          <DomainCard key={d.domain} d={d} />
        ))}
      </ul>
    </>
  );
}

function DomainCard({ d }: { d: DomainChange }) {
  const { t } = useI18n();
  const rails = lineDiff(d.guardrails_before, d.guardrails_after);
  const railsChanged = rails.some((l) => l.change !== 'same');
  return (
    <li className={`domain-change domain-${d.change}`} data-testid="preview-domain" data-change={d.change} data-name={d.name}>
      <div className="domain-change-head">
        <span className={`change-tag change-${d.change}`}>
          <span aria-hidden="true">{MARK[d.change]}</span>
          {t(`proposals.change.${d.change}`)}
        </span>
        <h4 className="domain-change-name">{d.name}</h4>
        {d.renamed_from !== null && <span className="muted domain-renamed">{t('proposals.domain.renamed', { name: d.renamed_from })}</span>}
      </div>
      {d.cells.length > 0 && (
        <ul className="cell-changes">
          {d.cells.map((c) => (
            <li
              key={`${c.subject.kind}:${c.subject.id}`}
              className="cell-change"
              data-testid="preview-cell"
              data-subject={c.subject.id}
              data-current-before={c.current_before ?? ''}
              data-current-after={c.current_after ?? ''}
              data-desired-before={c.desired_before ?? ''}
              data-desired-after={c.desired_after ?? ''}
            >
              <span className="cell-subject">
                <span className="cell-name">{c.name || t('proposals.unnamed')}</span>
                <span className="muted node-kind">{t(`proposals.node.${c.subject.kind}`)}</span>
              </span>
              <CellSteps steps={c} />
            </li>
          ))}
        </ul>
      )}
      {railsChanged && (
        <div className="rails-diff">
          <h5>{t('proposals.guardrails')}</h5>
          <ol className="diff">
            {rails.map((l, i) =>
              l.change === 'same' ? (
                <li key={i} className="diff-line diff-same">
                  <span className="diff-mark" aria-hidden="true"></span>
                  <span>{l.line}</span>
                </li>
              ) : (
                <li key={i} className={`diff-line diff-${l.change}`} data-testid="preview-guardrail" data-change={l.change}>
                  <span className="diff-mark" aria-hidden="true">
                    {l.change === 'added' ? '+' : '−'}
                  </span>
                  <span className="visually-hidden">{t(l.change === 'added' ? 'proposals.diff.added' : 'proposals.diff.removed')}: </span>
                  {l.change === 'added' ? <ins>{l.line}</ins> : <del>{l.line}</del>}
                </li>
              ),
            )}
          </ol>
        </div>
      )}
    </li>
  );
}
