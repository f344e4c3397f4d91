/**
 * The proposals as the UI holds them: the list and one open proposal (its view, preview and
 * comments). Read once, then re-read when `/api/events` announces a change of a proposal
 * (`event.proposal`): the list for any proposal, the open one for its own. The preview is
 * re-read when the proposal or the organization changes (its "before" is the live organization).
 * Answers older than the newest read are dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { BackendError, type Backend } from '../../api/backend';
import type { Comment, Event, Preview, ProposalView } from '../../api/types';

const DEBOUNCE_MS = 150;

/** Reads with a generation number: an answer older than the newest read is dropped. */
function useLatest<T>(read: (() => Promise<T>) | null) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<BackendError | null>(null);
  const generation = useRef(0);
  const reload = useCallback(() => {
    if (!read) return;
    const n = ++generation.current;
    read().then(
      (v) => {
        if (n !== generation.current) return;
        setValue(v);
        setError(null);
      },
      (e) => n === generation.current && setError(BackendError.from(e)),
    );
  }, [read]);
  const set = useCallback((v: T | null | ((prev: T | null) => T | null)) => {
    generation.current++; // a read on its way predates this
    setValue(v);
  }, []);
  return { value, error, reload, set };
}

export interface ProposalListState {
  list: ProposalView[] | null;
  error: BackendError | null;
  reload(): void;
}

export function useProposalList(backend: Backend, lastEvent: Event | null, version: number): ProposalListState {
  const read = useCallback(() => backend.proposals(), [backend]);
  const { value, error, reload } = useLatest(read);
  const first = useRef(true);
  const proposalEvent = lastEvent?.proposal ?? null;
  useEffect(() => {
    const h = setTimeout(reload, first.current ? 0 : DEBOUNCE_MS);
    first.current = false;
    return () => clearTimeout(h);
    // A proposal's event (or a reload of the workspace, e.g. after being offline).
  }, [reload, proposalEvent, lastEvent, version]);
  return { list: value, error, reload };
}

export interface OpenProposal {
  view: ProposalView | null;
  error: BackendError | null;
  preview: Preview | null;
  previewError: BackendError | null;
  comments: Comment[] | null;
  commentsError: BackendError | null;
  /** Re-reads the view and the comments (after one's own change). */
  reload(): void;
  setView(v: ProposalView): void;
  setComments(f: (c: Comment[] | null) => Comment[] | null): void;
}

export function useProposal(backend: Backend, id: string, lastEvent: Event | null, version: number): OpenProposal {
  const readView = useCallback(() => backend.proposal(id), [backend, id]);
  const readPreview = useCallback(() => backend.proposalPreview(id), [backend, id]);
  const readComments = useCallback(() => backend.proposalComments(id), [backend, id]);
  const view = useLatest(readView);
  const preview = useLatest(readPreview);
  const comments = useLatest(readComments);

  const reload = useCallback(() => {
    view.reload();
    comments.reload();
  }, [view, comments]);

  // First read, and a fresh one for another proposal.
  useEffect(() => {
    view.set(null);
    preview.set(null);
    comments.set(null);
    view.reload();
    preview.reload();
    comments.reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  // Events: this proposal's change re-reads it; an organization change re-reads the preview.
  const mine = !!lastEvent && lastEvent.proposal === id;
  const org = !!lastEvent && !lastEvent.proposal;
  useEffect(() => {
    if (!mine) return;
    const h = setTimeout(() => {
      view.reload();
      comments.reload();
    }, DEBOUNCE_MS);
    return () => clearTimeout(h);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lastEvent, mine]);
  const updated = view.value?.proposal.updated;
  const state = view.value?.proposal.state.state;
  // An adopted change is in the organization: its page words it instead of a preview (a vision
  // revision keeps its diff of stored texts), so nothing is re-read for it.
  const previewed = !(state === 'adopted' && view.value?.proposal.proposed.kind !== 'vision');
  useEffect(() => {
    if (updated === undefined || !previewed) return;
    const h = setTimeout(preview.reload, DEBOUNCE_MS);
    return () => clearTimeout(h);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [updated, state]);
  useEffect(() => {
    if (!org || !previewed) return;
    const h = setTimeout(preview.reload, DEBOUNCE_MS * 2);
    return () => clearTimeout(h);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lastEvent, org, version]);

  return {
    view: view.value,
    error: view.error,
    preview: preview.value,
    previewError: preview.error,
    comments: comments.value,
    commentsError: comments.error,
    reload,
    setView: view.set,
    setComments: comments.set,
  };
}
