/**
 * Delegation levels as a proposal shows them: a level as its number in the board's colour and its
 * name ("4 · Agree"), and a cell's agreed and desired levels before → after, the changed ones in
 * bold with ▲ or ▼ and a word (never by colour alone). Used by the preview and the draft editor.
 */
import type { CellChange } from '../../api/types';
import { useI18n } from '../../i18n/react';
import type { T } from '../../i18n/react';
import { levelName } from '../board/labels';
import { isLevel } from '../board/model';
import { cellChanged } from './model';

/** "4 · Agree", or "Not set". */
export function levelText(t: T, n: number | null): string {
  return isLevel(n) ? `${n} · ${levelName(t, n)}` : t('board.notSetShort');
}

/** A level: its number on the board's colour, then its name. */
export function LevelValue({ n }: { n: number | null }) {
  const { t } = useI18n();
  if (!isLevel(n)) return <span className="level-value none">{t('board.notSetShort')}</span>;
  return (
    <span className="level-value">
      <span className={`level-chip lvl-${n}`} aria-hidden="true">
        {n}
      </span>
      <span className="visually-hidden">{n} · </span>
      {levelName(t, n)}
    </span>
  );
}

type Steps = Omit<CellChange, 'subject' | 'name'>;

function Step(props: { which: 'current' | 'desired'; before: number | null; after: number | null; changed: boolean }) {
  const { t } = useI18n();
  const label = t(props.which === 'current' ? 'proposals.cell.current' : 'proposals.cell.desired');
  if (!props.changed)
    return (
      <span className="cell-step same" data-which={props.which}>
        <span className="cell-step-label">{label}</span>
        <span className="cell-step-values">
          <LevelValue n={props.after} />
          <span className="muted cell-step-note">({t('proposals.cell.unchanged')})</span>
        </span>
      </span>
    );
  const up = isLevel(props.before) && isLevel(props.after) ? props.after > props.before : null;
  return (
    <span className="cell-step changed" data-which={props.which}>
      <span className="cell-step-label">{label}</span>
      <span className="cell-step-values">
        <span className="cell-before">
          <LevelValue n={props.before} />
        </span>
        <span className="cell-arrow">→</span>
        <strong className="cell-after">
          <LevelValue n={props.after} />
        </strong>
        {up !== null && (
          <span className={`cell-dir ${up ? 'up' : 'down'}`}>
            <span aria-hidden="true">{up ? '▲ ' : '▼ '}</span>
            {t(up ? 'proposals.cell.up' : 'proposals.cell.down')}
          </span>
        )}
      </span>
    </span>
  );
}

/** A cell's agreed and desired levels, before → after. */
export function CellSteps({ steps }: { steps: Steps }) {
  const changed = cellChanged(steps);
  return (
    <span className="cell-steps">
      <Step which="current" before={steps.current_before} after={steps.current_after} changed={changed.current} />
      <Step which="desired" before={steps.desired_before} after={steps.desired_after} changed={changed.desired} />
    </span>
  );
}
