/**
 * Text that becomes a field when clicked: Enter (or leaving the field) saves, Escape cancels.
 * Multi-line fields save with Ctrl+Enter or on leaving. User text is always rendered as text.
 */
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/react';

interface Props {
  value: string;
  label: string;
  onSave(value: string): Promise<boolean>;
  editable: boolean;
  multiline?: boolean;
  /** Shown when the value is empty. */
  empty?: string;
  required?: boolean;
  className?: string;
  testid?: string;
  /** Start in edit mode with the text selected (a role just added). */
  autoEdit?: boolean;
  as?: 'h2' | 'p' | 'span';
}

export function InlineEdit(props: Props) {
  const { t } = useI18n();
  const { value, editable, multiline, required } = props;
  const [editing, setEditing] = useState(!!props.autoEdit && editable);
  const [draft, setDraft] = useState(value);
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const view = useRef<HTMLButtonElement>(null);
  const done = useRef(false);

  useEffect(() => {
    if (!editing) setDraft(value);
  }, [value, editing]);

  useEffect(() => {
    if (editing) {
      field.current?.focus();
      field.current?.select();
      done.current = false;
    }
  }, [editing]);

  useEffect(() => {
    if (props.autoEdit && editable) setEditing(true);
  }, [props.autoEdit, editable]);

  const finish = async (save: boolean) => {
    if (done.current) return;
    const next = draft.trim();
    if (!save || next === value.trim()) {
      done.current = true;
      setEditing(false);
      setProblem('');
      requestAnimationFrame(() => view.current?.focus());
      return;
    }
    if (required && !next) {
      setProblem(t('edit.empty'));
      return;
    }
    done.current = true;
    setBusy(true);
    const ok = await props.onSave(next);
    setBusy(false);
    if (ok) {
      setEditing(false);
      setProblem('');
      requestAnimationFrame(() => view.current?.focus());
    } else {
      done.current = false;
      field.current?.focus();
    }
  };

  const Tag = props.as ?? 'span';
  if (!editing) {
    const content = value ? value : <span className="muted">{props.empty}</span>;
    if (!editable) return <Tag className={props.className} data-testid={props.testid}>{content}</Tag>;
    return (
      <Tag className={props.className}>
        <button
          ref={view}
          type="button"
          className="inline-edit"
          data-testid={props.testid}
          aria-label={`${props.label}: ${value || props.empty || ''}. ${t('edit.hint')}`}
          title={t('edit.hint')}
          onClick={() => setEditing(true)}
        >
          {content}
          <svg className="pencil" viewBox="0 0 24 24" aria-hidden="true">
            <path d="M4 20h4L19 9l-4-4L4 16v4Z" />
          </svg>
        </button>
      </Tag>
    );
  }

  const common = {
    ref: field,
    value: draft,
    'aria-label': props.label,
    'aria-invalid': problem ? true : undefined,
    'data-testid': props.testid ? `${props.testid}-input` : undefined,
    disabled: busy,
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      setDraft(e.target.value);
      setProblem('');
    },
    onBlur: () => void finish(true),
    onKeyDown: (e: React.KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        void finish(false);
      } else if (e.key === 'Enter' && (!multiline || e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void finish(true);
      }
    },
  };
  return (
    <Tag className={`${props.className ?? ''} editing`}>
      {multiline ? <textarea {...common} rows={4} className="field" /> : <input {...common} className="field" type="text" />}
      {problem && <span className="field-problem" role="alert">{problem}</span>}
    </Tag>
  );
}
