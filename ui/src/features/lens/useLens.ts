/**
 * The lens as the UI holds it. The server keeps the lens up to date change by change, so the UI
 * re-reads it after every change the workspace sees (ours, another participant's, an undo, a
 * reload), debounced so a burst of changes costs one read: a level changed on the board, an
 * accountability retagged or a role moved recolours the lines at once ("what if", live).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { BackendError, type Backend } from '../../api/backend';
import type { OrgModel } from '../chart/model';
import { classOfNodes } from './lines';

/** Changes come in bursts (a workshop, a drag, an import): one read per burst. */
export const LENS_DEBOUNCE_MS = 100;

/**
 * Reads `fetch()` now and again after every `version` change (debounced) while `active`; an
 * answer older than the newest read is dropped. Inactive, it keeps what it has and reads again
 * on activation when the workspace changed meanwhile.
 */
function useLive<T>(fetch: (() => Promise<T>) | null, version: number, active: boolean): { data: T | null; error: BackendError | null } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<BackendError | null>(null);
  const generation = useRef(0);
  const readAt = useRef<{ fetch: unknown; version: number } | null>(null);

  useEffect(() => {
    if (!active || !fetch) return;
    const fresh = readAt.current && readAt.current.fetch === fetch;
    if (fresh && readAt.current!.version === version) return;
    const n = ++generation.current;
    const read = () => {
      readAt.current = { fetch, version };
      fetch().then(
        (d) => {
          if (n !== generation.current) return;
          setData(d);
          setError(null);
        },
        (e) => {
          if (n !== generation.current) return;
          setError(BackendError.from(e));
        },
      );
    };
    // The first read of something new is immediate; re-reads after a change wait for the burst.
    const h = setTimeout(read, fresh ? LENS_DEBOUNCE_MS : 0);
    return () => clearTimeout(h);
  }, [fetch, version, active]);

  // Something else asked for: forget the old answer at once rather than show it under a new title.
  useEffect(() => {
    setData(null);
    setError(null);
  }, [fetch]);

  return { data, error };
}

/** The whole lens: each line's class and the organization-wide figures. */
export function useLensView(backend: Backend | null, version: number, active: boolean) {
  const fetch = useMemo(() => (backend ? () => backend.lens() : null), [backend]);
  const { data, error } = useLive(fetch, version, active);
  return { view: data, error };
}

/** One reporting line with its reasons: the line from role `id` up to its manager. */
export function useLensLine(backend: Backend | null, id: string | null, version: number) {
  const fetch = useMemo(() => (backend && id ? () => backend.lensLine(id) : null), [backend, id]);
  const { data, error } = useLive(fetch, version, !!id);
  return { line: data, error };
}

const LENS_KEY = 'kader.lens';

/**
 * The lens on the chart: on or off (remembered on this device), the lens read while it is on or
 * its figures are open, and each visible node's class for the renderer.
 */
export function useChartLens(backend: Backend | null, version: number, model: OrgModel | null, figuresOpen: boolean) {
  const [on, setOn] = useState<boolean>(() => {
    try {
      return localStorage.getItem(LENS_KEY) === 'on';
    } catch {
      return false;
    }
  });
  useEffect(() => {
    try {
      localStorage.setItem(LENS_KEY, on ? 'on' : 'off');
    } catch {
      /* not remembered, still switched */
    }
  }, [on]);
  const { view } = useLensView(backend, version, on || figuresOpen);
  const classOf = useMemo(() => (on && view && model ? classOfNodes(model, view.classes) : null), [on, view, model]);
  return { on, setOn, view, classOf };
}
