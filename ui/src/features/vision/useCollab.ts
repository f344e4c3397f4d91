/**
 * The vision's one Yjs document and its one y-websocket connection, shared by the seven section
 * editors (and their awareness: carets and the people present). The document is kept only in
 * memory here: edits made while the connection is down stay in this window and are sent when it
 * comes back (Yjs merges them with everyone else's).
 */
import { useEffect, useRef, useState } from 'react';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { BackendError, type Backend } from '../../api/backend';
import { VISION_DOC } from './sections';
import { presentFrom, statusOf, type CollabStatus, type CollabUser, type ConnectionFacts, type Present } from './presence';

export interface Collab {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

export interface CollabState {
  collab: Collab | null;
  status: CollabStatus;
  /** Why the server refused the connection (its close reason), when it did. */
  refusal: string | null;
  /** The endpoint could not be asked for (the desktop app's command failed, say). */
  error: string | null;
  present: Present[];
}

const samePresence = (a: Present[], b: Present[]) =>
  a.length === b.length && a.every((p, i) => p.clientId === b[i].clientId && p.name === b[i].name && p.colorIndex === b[i].colorIndex && p.self === b[i].self);

export function useCollab(backend: Backend, user: CollabUser, unnamed: string, locale: string): CollabState {
  const [collab, setCollab] = useState<Collab | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<CollabStatus>('connecting');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [present, setPresent] = useState<Present[]>([]);
  const userRef = useRef(user);
  userRef.current = user;

  // One document and one connection while the view is open.
  useEffect(() => {
    let stopped = false;
    let made: Collab | null = null;
    setError(null);
    backend.collabEndpoint().then(
      (endpoint) => {
        if (stopped) return;
        const doc = new Y.Doc();
        const provider = new WebsocketProvider(endpoint.url, VISION_DOC, doc, {
          params: endpoint.token ? { token: endpoint.token } : {},
        });
        provider.awareness.setLocalStateField('user', userRef.current);
        made = { doc, provider };
        setCollab(made);
      },
      (e) => {
        if (!stopped) setError(BackendError.from(e).message);
      },
    );
    return () => {
      stopped = true;
      if (made) {
        made.provider.destroy();
        made.doc.destroy();
      }
      setCollab(null);
    };
  }, [backend]);

  // The connection's state in words.
  useEffect(() => {
    if (!collab) return;
    const { doc, provider } = collab;
    const facts: ConnectionFacts = {
      open: provider.wsconnected,
      synced: provider.synced,
      wasConnected: provider.synced,
      pendingEdits: false,
      refused: false,
    };
    const show = () => setStatus(statusOf(facts));
    const onStatus = ({ status: s }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
      facts.open = s === 'connected';
      if (!facts.open) facts.synced = false;
      show();
    };
    const onSync = (synced: boolean) => {
      facts.synced = synced;
      if (synced) facts.wasConnected = true;
      // A completed sync exchanged both sides' missing updates: nothing of ours waits.
      if (synced) facts.pendingEdits = false;
      show();
    };
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      // Updates from the server or another tab come with the provider as their origin.
      if (origin !== provider && !(facts.open && facts.synced) && !facts.pendingEdits) {
        facts.pendingEdits = true;
        show();
      }
    };
    const onClosed = (e: { code: number; reason: string }) => {
      facts.refused = true;
      setRefusal(e.reason || null);
      show();
    };
    provider.on('status', onStatus);
    provider.on('sync', onSync);
    provider.on('closed', onClosed);
    doc.on('update', onUpdate);
    setRefusal(null);
    show();
    return () => {
      provider.off('status', onStatus);
      provider.off('sync', onSync);
      provider.off('closed', onClosed);
      doc.off('update', onUpdate);
    };
  }, [collab]);

  // The people present, from the awareness states.
  useEffect(() => {
    if (!collab) {
      setPresent([]);
      return;
    }
    const { awareness } = collab.provider;
    const read = () => {
      const next = presentFrom(awareness.getStates() as Map<number, Record<string, unknown>>, awareness.clientID, unnamed, locale);
      setPresent((prev) => (samePresence(prev, next) ? prev : next));
    };
    awareness.on('change', read);
    read();
    return () => awareness.off('change', read);
  }, [collab, unnamed, locale]);

  // Announce a new name or color at once (the editors' caret extension only sets it when created).
  useEffect(() => {
    collab?.provider.awareness.setLocalStateField('user', { name: user.name, color: user.color });
  }, [collab, user.name, user.color]);

  return { collab, status, refusal, error, present };
}
