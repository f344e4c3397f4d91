/**
 * Importing an HR export: a file picker whose bytes go to `import_csv` as they are (the server
 * detects the encoding and the delimiter), and the empty state that offers it.
 */
import { useRef } from 'react';
import { useI18n } from '../../i18n/react';

/**
 * A hidden file input and the function that opens it; `onFile` gets the chosen file's bytes and
 * name. `accept` and `testid` default to the HR import's.
 */
export function useFilePicker(onFile: (bytes: Uint8Array, name: string) => void, options: { accept?: string; testid?: string } = {}) {
  const input = useRef<HTMLInputElement>(null);
  const element = (
    <input
      ref={input}
      type="file"
      accept={options.accept ?? '.csv,.txt,text/csv'}
      className="visually-hidden"
      tabIndex={-1}
      aria-hidden="true"
      data-testid={options.testid ?? 'import-file'}
      onChange={async (e) => {
        const f = e.target.files?.[0];
        e.target.value = '';
        if (f) onFile(new Uint8Array(await f.arrayBuffer()), f.name);
      }}
    />
  );
  return { element, open: () => input.current?.click() };
}

export function EmptyState(props: { onImport(): void; busy: boolean; editable: boolean }) {
  const { t } = useI18n();
  return (
    <div className="empty" data-testid="empty-state">
      <div className="empty-card">
        <svg className="empty-art" viewBox="0 0 120 80" aria-hidden="true">
          <rect x="44" y="6" width="32" height="18" rx="4" />
          <rect x="8" y="54" width="32" height="18" rx="4" />
          <rect x="44" y="54" width="32" height="18" rx="4" />
          <rect x="80" y="54" width="32" height="18" rx="4" />
          <path d="M60 24v14M24 54V38h72v16M60 38v16" />
        </svg>
        <h1>{t('empty.title')}</h1>
        <p>{t('empty.body')}</p>
        <button type="button" className="button primary large" onClick={props.onImport} disabled={props.busy || !props.editable} data-testid="empty-import">
          {props.busy ? t('import.busy') : t('empty.button')}
        </button>
        <p className="help">{t('empty.formats')}</p>
      </div>
    </div>
  );
}
