/**
 * The outcome of importing a decision matrix: what changed (with an undo of the whole import), or
 * why the file was refused — the server's message, which names every problem with its line, in
 * full, in a box that scrolls.
 */
import { useEffect, useRef } from 'react';
import type { DecisionsReport } from '../../api/types';
import { LOCALE } from '../../i18n';
import { useI18n } from '../../i18n/react';
import { Dialog } from '../settings/Dialog';
import { matrixSummary } from './matrix';

export type MatrixOutcome = { kind: 'done'; file: string; report: DecisionsReport } | { kind: 'refused'; file: string; message: string };

export function MatrixDialog(props: { outcome: MatrixOutcome | null; onUndo(): void; onClose(): void }) {
  return (
    <Dialog open={props.outcome !== null} onClose={props.onClose} labelledBy="matrix-title" testid="matrix-dialog">
      {props.outcome && <Body outcome={props.outcome} onUndo={props.onUndo} onClose={props.onClose} />}
    </Dialog>
  );
}

function Body({ outcome, onUndo, onClose }: { outcome: MatrixOutcome; onUndo(): void; onClose(): void }) {
  const { t, lang } = useI18n();
  // Close takes the focus once the dialog is open (opening focuses its first button otherwise:
  // Undo, which Enter should not trigger by accident).
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const id = requestAnimationFrame(() => close.current?.focus());
    return () => cancelAnimationFrame(id);
  }, [outcome]);
  if (outcome.kind === 'refused') {
    return (
      <div className="dialog-body matrix-result refused" data-outcome="refused">
        <h2 id="matrix-title">{t('board.matrix.refused')}</h2>
        <p>{t('board.matrix.refusedBody', { file: outcome.file })}</p>
        <div className="matrix-problems" role="region" aria-label={t('board.matrix.problems')} tabIndex={0} data-testid="matrix-problems">
          {outcome.message.split('\n').map((line, i) => {
            // "line 3: …": the line number stands out, so the problems are easy to find in the file.
            const at = /^(line \d+):\s*/.exec(line);
            return (
              <p key={i}>
                {at ? (
                  <>
                    <strong>{at[1]}</strong>: {line.slice(at[0].length)}
                  </>
                ) : (
                  line
                )}
              </p>
            );
          })}
        </div>
        <p className="help">{t('board.matrix.format')}</p>
        <div className="dialog-actions">
          <button type="button" className="button primary" ref={close} onClick={onClose} data-testid="matrix-close">
            {t('board.matrix.close')}
          </button>
        </div>
      </div>
    );
  }
  const s = matrixSummary(t, LOCALE[lang], outcome.file, outcome.report);
  return (
    <div className="dialog-body matrix-result" data-outcome={s.changed ? 'changed' : 'unchanged'}>
      <h2 id="matrix-title">{s.title}</h2>
      <p className="matrix-read">{s.read}</p>
      {s.lines.length > 0 && (
        <ul className="matrix-lines" data-testid="matrix-summary">
          {s.lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      <p className="help">{s.changed ? t('board.matrix.undoNote') : t('board.matrix.nothingBody')}</p>
      <div className="dialog-actions">
        {s.changed && (
          <button
            type="button"
            className="button quiet"
            onClick={() => {
              onUndo();
              onClose();
            }}
            data-testid="matrix-undo"
          >
            {t('board.matrix.undo')}
          </button>
        )}
        <button type="button" className="button primary" ref={close} onClick={onClose} data-testid="matrix-close">
          {t('board.matrix.close')}
        </button>
      </div>
    </div>
  );
}
