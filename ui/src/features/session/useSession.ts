/**
 * The workshop session as the app holds it: read once, then followed over the session's event
 * socket (`Backend.subscribeSession`); the facilitator's own calls update it at once with the
 * view they answer. A participant's session ends for good when their token is revoked (the
 * socket closes with 4401, or an answer is a 401).
 */
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { BackendError, type Backend, type LiveStatus } from '../../api/backend';
import type { SessionView } from '../../api/session';
import { initialSession, sessionReducer, type SessionState } from './model';

export interface SessionHandle {
  state: SessionState;
  /** The event socket's state. */
  live: LiveStatus;
  /**
   * Runs a session call; its answered view (or `null`: no session) is shown at once. A refusal is passed to
   * `onError` (a 401 of a participant ends the session) and `false` returned.
   */
  run(call: () => Promise<SessionView | void | null>, onError?: (e: BackendError) => void): Promise<boolean>;
}

export function useSession(backend: Backend | null): SessionHandle {
  const [state, dispatch] = useReducer(sessionReducer, initialSession);
  const [live, setLive] = useState<LiveStatus>('connecting');
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    if (!backend) return;
    let stop: (() => void) | undefined;
    let stopped = false;
    backend.session().then(
      (view) => {
        if (stopped) return;
        dispatch({ type: 'view', view, at: Date.now() });
        stop = backend.subscribeSession({
          onView: (v) => dispatch({ type: 'view', view: v, at: Date.now() }),
          onEnded: (reason, removed) => dispatch({ type: 'ended', reason, removed }),
          onStatus: setLive,
        });
      },
      (e) => {
        if (stopped) return;
        const err = BackendError.from(e);
        dispatch({ type: err.code === 'unauthorized' ? 'unauthorized' : 'unavailable', reason: err.message });
      },
    );
    return () => {
      stopped = true;
      alive.current = false;
      stop?.();
    };
  }, [backend]);

  const run = useCallback(async (call: () => Promise<SessionView | void | null>, onError?: (e: BackendError) => void) => {
    try {
      const view = await call();
      if (view !== undefined && alive.current) dispatch({ type: 'view', view, at: Date.now() });
      return true;
    } catch (e) {
      const err = BackendError.from(e);
      if (err.code === 'unauthorized') dispatch({ type: 'unauthorized', reason: err.message });
      onError?.(err);
      return false;
    }
  }, []);

  return { state, live, run };
}
