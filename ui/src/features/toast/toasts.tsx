/** Short messages at the bottom of the screen: results, refusals with the server's reason. */
import { useCallback, useRef, useState } from 'react';
import { useI18n } from '../../i18n/react';

export interface Toast {
  id: number;
  kind: 'info' | 'error';
  title?: string;
  text: string;
  action?: { label: string; run(): void };
}

export function useToasts() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((t) => t.id !== id)), []);
  const push = useCallback(
    (t: Omit<Toast, 'id'>) => {
      const id = next.current++;
      setToasts((ts) => [...ts.slice(-3), { ...t, id }]);
      setTimeout(() => dismiss(id), t.kind === 'error' ? 10_000 : 6_000);
      return id;
    },
    [dismiss],
  );
  return { toasts, push, dismiss };
}

export function Toasts(props: { toasts: Toast[]; dismiss(id: number): void }) {
  const { t } = useI18n();
  return (
    <div className="toasts" aria-live="polite" data-testid="toasts">
      {props.toasts.map((toast) => (
        <div key={toast.id} className={`toast ${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'} data-testid={`toast-${toast.kind}`}>
          <div className="toast-text">
            {toast.title && <strong>{toast.title}</strong>}
            <span>{toast.text}</span>
          </div>
          {toast.action && (
            <button
              type="button"
              className="button small"
              onClick={() => {
                toast.action!.run();
                props.dismiss(toast.id);
              }}
            >
              {toast.action.label}
            </button>
          )}
          <button type="button" className="icon-button small" aria-label={t('toast.dismiss')} onClick={() => props.dismiss(toast.id)}>
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M6 6l12 12M18 6 6 18" />
            </svg>
          </button>
        </div>
      ))}
    </div>
  );
}
