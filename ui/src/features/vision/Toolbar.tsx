/**
 * The formatting toolbar of the vision: one for all sections, acting on the section last
 * focused (ARIA toolbar: one tab stop, arrow keys move between the buttons). A button keeps the
 * editor's focus when pressed with the mouse or a finger.
 */
import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useEditorState, type Editor } from '@tiptap/react';
import { useI18n } from '../../i18n/react';
import type { Key } from '../../i18n';

interface Tool {
  id: string;
  label: Key;
  active?(e: Editor): boolean;
  enabled?(e: Editor): boolean;
  run(e: Editor): void;
  icon: ReactNode;
  gapBefore?: boolean;
}

const TOOLS: Tool[] = [
  {
    id: 'heading',
    label: 'vision.tool.heading',
    active: (e) => e.isActive('heading'),
    run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(),
    icon: (
      <svg viewBox="0 0 24 24" aria-hidden="true">
        <path d="M6 5v14M16 5v14M6 12h10" />
      </svg>
    ),
  },
  {
    id: 'bold',
    label: 'vision.tool.bold',
    active: (e) => e.isActive('bold'),
    run: (e) => e.chain().focus().toggleBold().run(),
    icon: (
      <svg viewBox="0 0 24 24" aria-hidden="true">
        <path d="M7 5h6a3.5 3.5 0 0 1 0 7H7zM7 12h7a3.5 3.5 0 0 1 0 7H7z" />
      </svg>
    ),
  },
  {
    id: 'italic',
    label: 'vision.tool.italic',
    active: (e) => e.isActive('italic'),
    run: (e) => e.chain().focus().toggleItalic().run(),
    icon: (
      <svg viewBox="0 0 24 24" aria-hidden="true">
        <path d="M11 5h7M6 19h7M14.5 5l-5 14" />
      </svg>
    ),
  },
  {
    id: 'bullets',
    label: 'vision.tool.bullets',
    active: (e) => e.isActive('bulletList'),
    run: (e) => e.chain().focus().toggleBulletList().run(),
    gapBefore: true,
    icon: (
      <svg viewBox="0 0 24 24" aria-hidden="true">
        <path d="M10 6h10M10 12h10M10 18h10" />
        <circle cx="5" cy="6" r="1" />
        <circle cx="5" cy="12" r="1" />
        <circle cx="5" cy="18" r="1" />
      </svg>
    ),
  },
  {
    id: 'numbers',
    label: 'vision.tool.numbers',
    active: (e) => e.isActive('orderedList'),
    run: (e) => e.chain().focus().toggleOrderedList().run(),
    icon: (
      <svg viewBox="0 0 24 24" aria-hidden="true">
        <path d="M10 6h10M10 12h10M10 18h10M4 4h1.5v4M4 8h3M4 13.5a1.5 1.5 0 0 1 3 0c0 1.5-3 2-3 3.5h3" />
      </svg>
    ),
  },
  {
    id: 'undo',
    label: 'vision.tool.undo',
    enabled: (e) => e.can().undo(),
    run: (e) => e.chain().focus().undo().run(),
    gapBefore: true,
    icon: (
      <svg viewBox="0 0 24 24" aria-hidden="true">
        <path d="M9 14 4 9l5-5" />
        <path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />
      </svg>
    ),
  },
  {
    id: 'redo',
    label: 'vision.tool.redo',
    enabled: (e) => e.can().redo(),
    run: (e) => e.chain().focus().redo().run(),
    icon: (
      <svg viewBox="0 0 24 24" aria-hidden="true">
        <path d="m15 14 5-5-5-5" />
        <path d="M20 9H9.5a5.5 5.5 0 0 0 0 11H13" />
      </svg>
    ),
  },
];

export function Toolbar(props: { editor: Editor | null }) {
  const { t } = useI18n();
  const { editor } = props;
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      if (!e || e.isDestroyed) return null;
      return TOOLS.map((tool) => ({ active: tool.active?.(e) ?? false, enabled: e.isEditable && (tool.enabled?.(e) ?? true) }));
    },
  });
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const current = useRef(0);

  const onKey = (e: KeyboardEvent) => {
    const n = TOOLS.length;
    const i = current.current;
    const next = e.key === 'ArrowRight' ? (i + 1) % n : e.key === 'ArrowLeft' ? (i + n - 1) % n : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    current.current = next;
    refs.current[next]?.focus();
  };

  return (
    <div className="vision-tools" role="toolbar" aria-label={t('vision.tools')} onKeyDown={onKey} data-testid="vision-toolbar" title={editor ? undefined : t('vision.tool.pick')}>
      {TOOLS.map((tool, i) => {
        const s = state?.[i];
        const disabled = !editor || !s?.enabled;
        return (
          <button
            key={tool.id}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            className={`icon-button${tool.gapBefore ? ' gap-before' : ''}${s?.active ? ' on' : ''}`}
            aria-label={t(tool.label)}
            title={t(tool.label)}
            aria-pressed={tool.active ? !!s?.active : undefined}
            aria-disabled={disabled || undefined}
            tabIndex={i === current.current ? 0 : -1}
            data-testid={`vision-tool-${tool.id}`}
            onFocus={() => (current.current = i)}
            // Keep the focus (and the selection) in the editor.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              if (editor && !disabled) tool.run(editor);
            }}
          >
            {tool.icon}
          </button>
        );
      })}
    </div>
  );
}
