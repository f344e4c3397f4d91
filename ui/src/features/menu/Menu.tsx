/**
 * A menu button, as the ARIA menu button pattern has it: the button says `aria-haspopup="menu"`
 * and `aria-expanded`; opening it (click, Enter, Space, ArrowDown) focuses the first item,
 * ArrowUp the last; ArrowUp/ArrowDown, Home and End move between the items, Enter or Space
 * chooses one, Escape closes and returns to the button, Tab or a click outside closes. Items are
 * at least 44 px tall, for touch.
 */
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

const ITEMS = '[role=menuitem]:not(:disabled), [role=menuitemradio]:not(:disabled)';

export interface MenuButtonProps {
  /** The button's accessible name. */
  label: string;
  /** What the button shows: an icon, or words. */
  children: ReactNode;
  className?: string;
  title?: string;
  testid?: string;
  /** The menu's own test id. */
  menuTestid?: string;
  /** Which edge of the button the menu lines up with. */
  align?: 'start' | 'end';
  disabled?: boolean;
  /** The items; `close` closes the menu (choosing an item closes it already). */
  items(close: () => void): ReactNode;
  /** Something shown above the items that is not an item (a heading, a figure). */
  header?: ReactNode;
}

export function MenuButton(props: MenuButtonProps) {
  const [open, setOpen] = useState(false);
  const [focusAt, setFocusAt] = useState<'first' | 'last'>('first');
  /** The menu lines up with the other edge of the button: on this side it would leave the screen. */
  const [flip, setFlip] = useState(false);
  const wrap = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const close = useCallback((refocus = true) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  }, []);

  useLayoutEffect(() => {
    if (!open) {
      setFlip(false);
      return;
    }
    const r = menu.current?.getBoundingClientRect();
    if (r && !flip && (r.left < 0 || r.right > document.documentElement.clientWidth)) setFlip(true);
  }, [open, flip]);

  // The first (or last) item takes the focus when the menu opens.
  useEffect(() => {
    if (!open) return;
    const items = menu.current?.querySelectorAll<HTMLElement>(ITEMS);
    if (items?.length) items[focusAt === 'first' ? 0 : items.length - 1].focus();
    else menu.current?.focus();
  }, [open, focusAt]);

  // A press outside closes it, without taking the focus back.
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!wrap.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown, true);
    return () => document.removeEventListener('pointerdown', onDown, true);
  }, [open]);

  const onButtonKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setFocusAt(e.key === 'ArrowDown' ? 'first' : 'last');
      setOpen(true);
    }
  };

  const onMenuKey = (e: KeyboardEvent) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>(ITEMS) ?? [])];
    const i = items.indexOf(document.activeElement as HTMLElement);
    let next = -1;
    if (e.key === 'ArrowDown') next = (i + 1) % items.length;
    else if (e.key === 'ArrowUp') next = (i - 1 + items.length) % items.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = items.length - 1;
    else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
      return;
    } else if (e.key === 'Tab') {
      setOpen(false);
      return;
    } else return;
    e.preventDefault();
    e.stopPropagation();
    items[next]?.focus();
  };

  return (
    <div className={`menu-wrap${(props.align === 'start') !== flip ? ' start' : ''}`} ref={wrap}>
      <button
        ref={button}
        type="button"
        className={props.className}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={props.label}
        title={props.title ?? props.label}
        disabled={props.disabled}
        data-testid={props.testid}
        onClick={() => {
          setFocusAt('first');
          setOpen((o) => !o);
        }}
        onKeyDown={onButtonKey}
      >
        {props.children}
      </button>
      {open && (
        <div
          ref={menu}
          className="menu"
          role="menu"
          id={menuId}
          aria-label={props.label}
          tabIndex={-1}
          data-testid={props.menuTestid}
          onKeyDown={onMenuKey}
          // Choosing an item closes the menu and returns to the button (a dialog the item opens
          // takes the focus from there, and gives it back to the button when it closes).
          onClick={(e) => {
            if ((e.target as HTMLElement).closest(ITEMS)) close();
          }}
        >
          {props.header}
          {props.items(() => close())}
        </div>
      )}
    </div>
  );
}

/** One item of a menu: a command, or one of a group of choices (`checked`). */
export function MenuItem(props: {
  children: ReactNode;
  onSelect(): void;
  checked?: boolean;
  disabled?: boolean;
  testid?: string;
  lang?: string;
  hint?: string;
  icon?: ReactNode;
}) {
  const radio = props.checked !== undefined;
  return (
    <button
      type="button"
      role={radio ? 'menuitemradio' : 'menuitem'}
      aria-checked={radio ? props.checked : undefined}
      tabIndex={-1}
      className={`menu-item${props.checked ? ' checked' : ''}`}
      disabled={props.disabled}
      lang={props.lang}
      data-testid={props.testid}
      onClick={props.onSelect}
    >
      <span className="menu-icon" aria-hidden="true">
        {radio ? (
          props.checked ? (
            <svg viewBox="0 0 24 24">
              <path d="m5 12 5 5 9-10" />
            </svg>
          ) : null
        ) : (
          props.icon
        )}
      </span>
      <span className="menu-text">
        <span>{props.children}</span>
        {props.hint && <span className="menu-hint">{props.hint}</span>}
      </span>
    </button>
  );
}

/** A labelled group of items (the languages), with a visible heading. */
export function MenuGroup(props: { label: string; children: ReactNode }) {
  const id = useId();
  return (
    <div role="group" aria-labelledby={id} className="menu-group">
      <div className="menu-heading" id={id} role="presentation">
        {props.label}
      </div>
      {props.children}
    </div>
  );
}

export function MenuSeparator() {
  return <div role="separator" className="menu-separator" />;
}
