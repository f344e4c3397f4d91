/**
 * The delegation board as the UI holds it: read once, re-read (debounced) after every change the
 * workspace sees (ours, another participant's, an undo, a reload after being offline), and patched
 * at once after our own change so the card answers before the re-read arrives.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { BackendError, type Backend } from '../../api/backend';
import type { Board, Event, Op } from '../../api/types';
import { patchBoard, stabilize, touchesBoard } from './model';

/** Changes often come in bursts (a workshop, an import): one re-read per burst. */
const DEBOUNCE_MS = 120;

export interface BoardState {
  board: Board | null;
  error: BackendError | null;
  reload(): void;
  /** Shows `op` on the board before the server's board arrives. */
  patch(op: Op): void;
}

export function useBoard(backend: Backend, version: number, lastEvent: Event | null): BoardState {
  const [board, setBoard] = useState<Board | null>(null);
  const [error, setError] = useState<BackendError | null>(null);
  // Each read gets a number; an answer older than the newest read or patch is dropped.
  const generation = useRef(0);
  const loaded = useRef(false);

  const reload = useCallback(() => {
    const n = ++generation.current;
    backend.board().then(
      (b) => {
        if (n !== generation.current) return;
        loaded.current = true;
        setBoard((prev) => stabilize(prev, b));
        setError(null);
      },
      (e) => n === generation.current && setError(BackendError.from(e)),
    );
  }, [backend]);

  const relevant = !lastEvent || (!lastEvent.proposal && touchesBoard(lastEvent.op));
  useEffect(() => {
    if (!relevant && loaded.current) return;
    const h = setTimeout(reload, loaded.current ? DEBOUNCE_MS : 0);
    return () => clearTimeout(h);
  }, [reload, version, lastEvent, relevant]);

  const patch = useCallback((op: Op) => {
    generation.current++; // a read already on its way predates this change
    setBoard((b) => (b ? (patchBoard(b, op) ?? b) : b));
  }, []);

  return { board, error, reload, patch };
}
