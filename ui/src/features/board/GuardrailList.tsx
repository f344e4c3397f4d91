/**
 * A decision domain's guardrails as an editable list: one line each; Enter adds the next line
 * (rather than submitting half a list), ✕ removes one, and the focus follows to the line added
 * or the one before the removed one. Used by the board's domain editor and by a framework
 * proposal's staging.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../../i18n/react';

export function GuardrailList(props: {
  lines: readonly string[];
  onChange(lines: string[]): void;
  /** Shown instead of the list when there is no line. */
  empty?: ReactNode;
  maxLength?: number;
  className: string;
  removeClassName: string;
  addClassName: string;
  testids: { list?: string; line: string; remove?: string; add: string };
}) {
  const { t } = useI18n();
  const list = useRef<HTMLOListElement>(null);
  const focus = useRef<number | null>(null);
  const { lines, onChange, testids } = props;

  useEffect(() => {
    if (focus.current === null) return;
    list.current?.querySelectorAll<HTMLInputElement>('input')[focus.current]?.focus();
    focus.current = null;
  });

  const change = (next: string[], focusOn: number | null = null) => {
    focus.current = focusOn;
    onChange(next);
  };

  return (
    <>
      {lines.length === 0 ? (
        props.empty
      ) : (
        <ol className={props.className} ref={list} data-testid={testids.list}>
          {lines.map((g, i) => (
            <li key={i}>
              <input
                className="field"
                value={g}
                maxLength={props.maxLength}
                aria-label={t('board.editor.guardrailN', { n: i + 1 })}
                placeholder={t('board.editor.guardrailPlaceholder')}
                onChange={(e) => change(lines.map((x, j) => (j === i ? e.target.value : x)))}
                onKeyDown={(e) => {
                  if (e.key !== 'Enter') return;
                  e.preventDefault();
                  change([...lines.slice(0, i + 1), '', ...lines.slice(i + 1)], i + 1);
                }}
                data-testid={testids.line}
              />
              <button
                type="button"
                className={props.removeClassName}
                aria-label={t('board.editor.removeGuardrail', { n: i + 1 })}
                title={t('board.editor.removeGuardrail', { n: i + 1 })}
                onClick={() => change(
                  lines.filter((_, j) => j !== i),
                  Math.max(0, i - 1),
                )}
                data-testid={testids.remove}
              >
                <svg viewBox="0 0 24 24" aria-hidden="true">
                  <path d="M6 6l12 12M18 6 6 18" />
                </svg>
              </button>
            </li>
          ))}
        </ol>
      )}
      <button type="button" className={props.addClassName} onClick={() => change([...lines, ''], lines.length)} data-testid={testids.add}>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 5v14M5 12h14" />
        </svg>
        {t('board.editor.addGuardrail')}
      </button>
    </>
  );
}
