/**
 * The workspace as the UI holds it: info, chart, live status, and the only way to change it
 * (`apply`, `undo`, `redo`). Events from the stream patch the chart in place (`applyOpToChart`);
 * a gap in the sequence, a bulk change or an operation the chart cannot follow reloads it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { BackendError, type Backend, type LiveStatus } from '../../api/backend';
import { takePreloaded } from '../../api/select';
import type { Chart, Event, Op, WorkspaceInfo } from '../../api/types';
import { applyOpToChart } from '../chart/applyOp';

export interface WorkspaceState {
  info: WorkspaceInfo | null;
  chart: Chart | null;
  status: LiveStatus;
  error: BackendError | null;
  /** Increases with every change seen, so views re-read their details. */
  version: number;
  /** The last event (changes from others are announced). */
  lastEvent: Event | null;
  apply(op: Op): Promise<number>;
  undo(): Promise<number | null>;
  redo(): Promise<number | null>;
  reload(): Promise<void>;
  setInfo(info: WorkspaceInfo): void;
}

export function useWorkspace(backend: Backend | null): WorkspaceState {
  const [info, setInfo] = useState<WorkspaceInfo | null>(null);
  const [chart, setChartState] = useState<Chart | null>(null);
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [error, setError] = useState<BackendError | null>(null);
  const [version, setVersion] = useState(0);
  const [lastEvent, setLastEvent] = useState<Event | null>(null);
  const chartRef = useRef<Chart | null>(null);
  const loading = useRef<Promise<void> | null>(null);

  const setChart = useCallback((c: Chart | null) => {
    chartRef.current = c;
    setChartState(c);
  }, []);

  const reload = useCallback(async () => {
    if (!backend) return;
    if (loading.current) return loading.current;
    const p = (async () => {
      try {
        const [i, c] = await (takePreloaded() ?? Promise.all([backend.workspaceInfo(), backend.chart()]));
        setInfo(i);
        setChart(c);
        setError(null);
        setVersion((v) => v + 1);
      } catch (e) {
        setError(BackendError.from(e));
      } finally {
        loading.current = null;
      }
    })();
    loading.current = p;
    return p;
  }, [backend, setChart]);

  /** Brings the chart to `seq` with `op` when it is exactly one step behind; otherwise re-reads it. */
  const advance = useCallback(
    (seq: number, op: Op | null) => {
      const c = chartRef.current;
      if (!c || seq <= c.seq) return;
      const next = op && seq === c.seq + 1 ? applyOpToChart(c, op, seq) : null;
      if (next) {
        setChart(next);
        setVersion((v) => v + 1);
        setInfo((i) => (i ? { ...i, seq } : i));
      } else void reload();
    },
    [reload, setChart],
  );

  useEffect(() => {
    if (!backend) return;
    void reload();
    let wasOffline = false;
    const stop = backend.subscribe({
      onEvent: (e) => {
        setLastEvent(e);
        // A proposal's discussion or step: the organization did not change.
        if (e.proposal) return;
        advance(e.seq, e.op);
      },
      onStatus: (s) => {
        setStatus(s);
        if (s === 'offline') wasOffline = true;
        if (s === 'live' && wasOffline) {
          wasOffline = false;
          void reload(); // events may have been missed while offline
        }
      },
    });
    return stop;
  }, [backend, reload, advance]);

  /** After our own undo or redo: the event carries the operation; if it does not come, re-read. */
  const settle = useCallback(
    (seq: number | null) => {
      if (seq === null) return;
      setTimeout(() => {
        const c = chartRef.current;
        if (c && c.seq < seq) void reload();
      }, 600);
    },
    [reload],
  );

  const apply = useCallback(
    async (op: Op) => {
      if (!backend) throw new BackendError('internal', 'Not connected.');
      const { seq } = await backend.applyOp(op);
      advance(seq, op);
      return seq;
    },
    [backend, advance],
  );

  const undo = useCallback(async () => {
    if (!backend) return null;
    const { seq } = await backend.undo();
    settle(seq);
    return seq;
  }, [backend, settle]);

  const redo = useCallback(async () => {
    if (!backend) return null;
    const { seq } = await backend.redo();
    settle(seq);
    return seq;
  }, [backend, settle]);

  return { info, chart, status, error, version, lastEvent, apply, undo, redo, reload, setInfo };
}
