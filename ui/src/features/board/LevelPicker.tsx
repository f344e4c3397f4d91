/**
 * The level picker of one cell: which level to set (current or desired), an optional reason,
 * the seven levels with their meaning, and the cell's history. Choosing a level sends
 * `set_delegation` at once. A modal `<dialog>` (focus kept inside, Escape closes), placed beside
 * the card on a wide screen and centred on a phone.
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { DecisionDomain, Delegation, Op } from '../../api/types';
import { LOCALE } from '../../i18n';
import { useI18n } from '../../i18n/react';
import { historyLine, levelMeaning, levelName } from './labels';
import { LEVELS, isLevel, setLevel, unitOf, type Column, type LevelN, type Which } from './model';

interface Props {
  open: boolean;
  domain: DecisionDomain | null;
  column: Column | null;
  entry: Delegation | undefined;
  anchor: HTMLElement | null;
  editable: boolean;
  apply(op: Op): Promise<boolean>;
  /** Why the levels cannot be set (shown when not `editable`). */
  readOnlyNote?: string;
  /** In a session: play delegation poker on this cell instead of choosing here. */
  onPoker?(): void;
  onClose(): void;
}

/** Wide enough to place the picker beside the card; below it, the picker is centred. */
const BESIDE_MIN_WIDTH = 720;

export function LevelPicker(props: Props) {
  const ref = useRef<HTMLDialogElement>(null);

  // Opened before it is measured; placed beside the card: to its right, or its left when the
  // right has no room, and kept on screen.
  useLayoutEffect(() => {
    const d = ref.current!;
    if (props.open && !d.open) d.showModal();
    if (!props.open && d.open) d.close();
    if (!props.open || !props.anchor || window.innerWidth < BESIDE_MIN_WIDTH) {
      d.classList.remove('beside');
      d.style.removeProperty('left');
      d.style.removeProperty('top');
      return;
    }
    const a = props.anchor.getBoundingClientRect();
    const w = d.offsetWidth;
    const h = d.offsetHeight;
    const gap = 10;
    const left = a.right + gap + w <= window.innerWidth - 8 ? a.right + gap : Math.max(8, a.left - gap - w);
    const top = Math.min(Math.max(8, a.top - 12), Math.max(8, window.innerHeight - h - 8));
    d.classList.add('beside');
    d.style.left = `${Math.round(left)}px`;
    d.style.top = `${Math.round(top)}px`;
  });

  return (
    <dialog
      ref={ref}
      className="dialog level-picker"
      aria-labelledby="picker-title"
      data-testid="level-picker"
      onClose={props.onClose}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
      onClick={(e) => {
        // A click on the backdrop (the dialog element itself, outside its body) closes it.
        if (e.target === ref.current) props.onClose();
      }}
    >
      {props.open && props.domain && props.column && <PickerBody {...props} domain={props.domain} column={props.column} />}
    </dialog>
  );
}

function PickerBody(props: Props & { domain: DecisionDomain; column: Column }) {
  const { t, lang } = useI18n();
  const locale = LOCALE[lang];
  const { entry } = props;
  const current = entry && isLevel(entry.current) ? entry.current : null;
  const desired = entry && isLevel(entry.desired) ? entry.desired : null;
  // A cell with a current level and no target yet opens on the target.
  const [which, setWhich] = useState<Which>(current !== null && desired === null ? 'desired' : 'current');
  const [why, setWhy] = useState('');
  const [busy, setBusy] = useState(false);
  const list = useRef<HTMLOListElement>(null);
  const value = which === 'current' ? current : desired;

  useEffect(() => {
    const start = list.current?.querySelector<HTMLButtonElement>('button[aria-pressed="true"]') ?? list.current?.querySelector<HTMLButtonElement>('button');
    start?.focus();
    // Only when the picker opens: not when the level changes underneath.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const choose = async (level: LevelN | null) => {
    if (busy || !props.editable) return;
    setBusy(true);
    const ok = await props.apply(setLevel(props.domain.id, unitOf(props.column), entry, which, level, why));
    setBusy(false);
    if (ok) props.onClose();
  };

  const onListKey = (e: KeyboardEvent) => {
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (i < 0) return;
    const j = e.key === 'ArrowDown' ? Math.min(buttons.length - 1, i + 1) : e.key === 'ArrowUp' ? Math.max(0, i - 1) : e.key === 'Home' ? 0 : e.key === 'End' ? buttons.length - 1 : -1;
    if (j < 0) return;
    e.preventDefault();
    buttons[j].focus();
  };

  const history = (entry?.history ?? []).slice().reverse();

  return (
    <div className="picker-body">
      <div className="picker-top">
        <div>
          <h2 id="picker-title">{props.domain.name}</h2>
          <p className="picker-subject">{props.column.name}</p>
        </div>
        <button type="button" className="icon-button small" onClick={props.onClose} aria-label={t('board.picker.close')} title={t('board.picker.close')} data-testid="picker-close">
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M6 6l12 12M18 6 6 18" />
          </svg>
        </button>
      </div>

      {!props.editable && props.readOnlyNote && (
        <p className="picker-note" role="note" data-testid="picker-note">
          {props.readOnlyNote}
        </p>
      )}

      {props.onPoker && (
        <button type="button" className="button picker-poker" onClick={props.onPoker} data-testid="picker-poker">
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <rect x="3" y="6" width="11" height="15" rx="2" transform="rotate(-8 8.5 13.5)" />
            <rect x="10" y="3" width="11" height="15" rx="2" />
          </svg>
          {t('board.picker.poker')}
        </button>
      )}

      <div className="segmented picker-which" role="radiogroup" aria-label={t('board.picker.which')}>
        {(['current', 'desired'] as const).map((w) => (
          <label key={w} className={w === which ? 'on' : undefined}>
            <input type="radio" name="picker-which" value={w} checked={w === which} onChange={() => setWhich(w)} data-testid={`picker-${w}`} />
            {t(w === 'current' ? 'board.picker.current' : 'board.picker.desired')}
            <span className="picker-which-value">{(w === 'current' ? current : desired) ?? '–'}</span>
          </label>
        ))}
      </div>

      <label className="labelled picker-why">
        <span>{t('board.picker.why')}</span>
        <input className="field" value={why} maxLength={500} onChange={(e) => setWhy(e.target.value)} placeholder={t('board.picker.whyPlaceholder')} disabled={!props.editable} data-testid="picker-why" />
      </label>

      <ol className="level-options" ref={list} onKeyDown={onListKey} aria-label={t(which === 'current' ? 'board.picker.current' : 'board.picker.desired')}>
        {LEVELS.map((n) => (
          <li key={n}>
            <button
              type="button"
              className={`level-option${n === value ? ' chosen' : ''}`}
              aria-pressed={n === value}
              disabled={!props.editable || busy}
              onClick={() => void choose(n)}
              data-testid="level-option"
              data-level={n}
            >
              <span className={`chip lvl-${n}`}>{n}</span>
              <span className="level-text">
                <span className="level-name">{levelName(t, n)}</span>
                <span className="level-meaning">{levelMeaning(t, n)}</span>
              </span>
              <span className="level-tags">
                {n === current && <span className="level-tag">{t('board.picker.isCurrent')}</span>}
                {n === desired && <span className="level-tag outline">{t('board.picker.isDesired')}</span>}
              </span>
            </button>
          </li>
        ))}
      </ol>

      {value !== null && props.editable && (
        <button type="button" className="button quiet small picker-clear" onClick={() => void choose(null)} disabled={busy} data-testid="picker-clear">
          {t(which === 'current' ? 'board.picker.clearCurrent' : 'board.picker.clearDesired')}
        </button>
      )}

      <section className="picker-history" aria-labelledby="picker-history-title">
        <h3 id="picker-history-title">{t('board.history')}</h3>
        {history.length === 0 ? (
          <p className="muted">{t('board.historyEmpty')}</p>
        ) : (
          <ol data-testid="picker-history">
            {history.map((c, i) => (
              <li key={i}>{historyLine(t, locale, c)}</li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
