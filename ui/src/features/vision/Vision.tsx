/**
 * The Vision view as the app shell sees it: the editor (TipTap, Yjs, y-websocket) is its own
 * chunk, loaded the first time the view opens; if that load fails (the server went away), the
 * view says so and offers to try again instead of taking the page down.
 */
import { Component, lazy, Suspense, useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n/react';
import type { VisionViewProps } from './VisionView';

const load = () => import('./VisionView');

export function Vision(props: VisionViewProps) {
  const { t } = useI18n();
  // A new lazy component per attempt: React caches a failed import with the component.
  const [attempt, setAttempt] = useState(() => ({ View: lazy(load) }));
  return (
    <LoadBoundary
      fallback={(retry) => (
        <div className="loading" role="alert">
          <p>{t('vision.unreachable')}</p>
          <button
            type="button"
            className="button"
            onClick={() => {
              setAttempt({ View: lazy(load) });
              retry();
            }}
          >
            {t('app.retry')}
          </button>
        </div>
      )}
    >
      <Suspense fallback={<div className="loading">{t('vision.loading')}</div>}>
        <attempt.View {...props} />
      </Suspense>
    </LoadBoundary>
  );
}

class LoadBoundary extends Component<{ fallback(retry: () => void): ReactNode; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    return this.state.failed ? this.props.fallback(() => this.setState({ failed: false })) : this.props.children;
  }
}
