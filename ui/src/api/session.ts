/**
 * The workshop session over HTTP and WebSocket (`docs/sessions.md`): one client for both
 * transports. In the browser the routes are same-origin (the `kader_token` cookie, or the dev
 * token); in the desktop window they are the workspace's own loopback server, reached with its
 * token (`server_endpoint`). Joining (`POST /session/join`) is for participants' browsers only.
 */
import { BackendError, type LiveStatus } from './backend';
import { endpointCall, errorOf, UNREACHABLE, type Endpoint } from './http';
import { liveSocket } from './live';
import type { Applies, SessionPatch, SessionRole, SessionView } from './types';

export type { AgendaItem, Applies, Card, Participant, Poker, SessionPatch, SessionRole, SessionView, Timer, TimerAction } from './types';

/** What the session's event stream reports. */
export interface SessionSubscription {
  /** The session as this principal sees it; `null` when none is running (the facilitator's). */
  onView(view: SessionView | null): void;
  /**
   * The caller's token was revoked: the session ended, or (`removed`) the facilitator removed
   * them from a session that goes on. The stream stops.
   */
  onEnded?(reason: string, removed: boolean): void;
  onStatus?(status: LiveStatus): void;
}

/** The session's calls, the same for both transports (see `Backend`). */
export interface SessionApi {
  /** The running session as the caller may see it, or `null` when none is running. */
  session(): Promise<SessionView | null>;
  startSession(opts: { lan: boolean }): Promise<SessionView>;
  updateSession(patch: SessionPatch): Promise<SessionView>;
  setParticipantRole(id: string, role: Exclude<SessionRole, 'facilitator'>): Promise<SessionView>;
  removeParticipant(id: string): Promise<SessionView>;
  endSession(): Promise<void>;
  startPoker(domain: string, team: string): Promise<SessionView>;
  pickCard(level: number): Promise<SessionView>;
  revealPoker(): Promise<SessionView>;
  /** Another round on the same cell after the reveal: the cards are cleared and secret again. */
  againPoker(): Promise<SessionView>;
  /** Records the agreed level (the desired one, or the current one when it applies now); the round ends. */
  recordPoker(level: number, applies: Applies): Promise<SessionView>;
  /** A participant says which team they belong to (`null`: rather not say). */
  setMyTeam(team: string | null): Promise<SessionView>;
  subscribeSession(sub: SessionSubscription): () => void;
}

/** The close code of a revoked token: the session ended. */
export const REVOKED = 4401;
/** The close code of a participant removed from a session that goes on. */
export const REMOVED = 4403;

/** Where the session's routes are: an HTTP base (`''` for same-origin) and a token, if any. */
export type SessionEndpoint = Endpoint;

export { errorOf };

/**
 * The session client over `endpoint()` (asked before every call: the desktop window's server may
 * change with the open workspace).
 */
export function sessionClient(endpoint: () => Promise<SessionEndpoint>): SessionApi {
  const call = endpointCall(endpoint);
  const enc = encodeURIComponent;
  return {
    // `null` when no session runs (200, not a 404: a page load logs no error).
    session: () => call<SessionView | null>('GET', '/api/session'),
    startSession: ({ lan }) => call('POST', '/api/session', { lan }),
    updateSession: (patch) => call('PUT', '/api/session', patch),
    setParticipantRole: (id, role) => call('PUT', `/api/session/participants/${enc(id)}`, { role }),
    removeParticipant: (id) => call('DELETE', `/api/session/participants/${enc(id)}`),
    endSession: async () => {
      await call('DELETE', '/api/session');
    },
    startPoker: (domain, team) => call('POST', '/api/session/poker', { domain, team }),
    pickCard: (level) => call('POST', '/api/session/poker/card', { level }),
    revealPoker: () => call('POST', '/api/session/poker/reveal'),
    againPoker: () => call('POST', '/api/session/poker/again'),
    recordPoker: (level, applies) => call('POST', '/api/session/poker/record', { level, applies }),
    setMyTeam: (team) => call('PUT', '/api/session/me', { team }),
    subscribeSession: (sub) => openSessionEvents(endpoint, sub, () => call<SessionView>('GET', '/api/session')),
  };
}

/** `ws://host/path` for an HTTP base (`''`: this page's origin). */
export function wsUrl(base: string, path: string, page: Pick<Location, 'protocol' | 'host'>, token?: string | null): string {
  const http = base || `${page.protocol}//${page.host}`;
  const ws = http.replace(/^http(s?):/, (_m, s: string) => `ws${s}:`);
  return `${ws}${path}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}

/**
 * Opens `/api/session/events` and keeps it open (see `liveSocket`). Stops for good when the
 * server closes it with 4401 (the token was revoked: the session ended) or 4403 (the participant
 * was removed). A connection that never opened may have been refused with a 401 (the browser does
 * not say): the session is then asked for, and a 401 ends the stream too.
 */
function openSessionEvents(endpoint: () => Promise<SessionEndpoint>, sub: SessionSubscription, probe: () => Promise<unknown>): () => void {
  return liveSocket({
    url: async () => {
      const { base, token } = await endpoint();
      return wsUrl(base, '/api/session/events', location, token);
    },
    onText: (text) => {
      try {
        sub.onView(JSON.parse(text) as SessionView | null);
      } catch {
        /* a message we do not understand is skipped, not fatal */
      }
    },
    onStatus: sub.onStatus,
    finalCodes: [REVOKED, REMOVED],
    onEnded: (code, reason) => sub.onEnded?.(reason, code === REMOVED),
    refused: () =>
      probe().then(
        () => null,
        (err) => (err instanceof BackendError && err.code === 'unauthorized' ? err.message : null),
      ),
  });
}

/** How a join failed: the server's message, and the wait when locked out (seconds). */
export class JoinError extends Error {
  constructor(
    readonly status: number,
    readonly code: BackendError['code'],
    message: string,
    readonly retryAfter: number | null,
  ) {
    super(message);
    this.name = 'JoinError';
  }
}

/**
 * `POST /session/join` on this origin: on success the server has set the participant's cookie.
 * Throws a `JoinError` with the server's message (a wrong code says how many tries are left).
 */
export async function joinSession(code: string, name: string, fetcher: typeof fetch = fetch): Promise<{ token: string }> {
  let res: Response;
  try {
    res = await fetcher('/session/join', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ code, name }),
    });
  } catch {
    throw new JoinError(0, 'internal', UNREACHABLE, null);
  }
  if (!res.ok) {
    const retry = Number(res.headers.get('Retry-After'));
    const err = await errorOf(res);
    throw new JoinError(res.status, err.code, err.message, Number.isFinite(retry) && retry > 0 ? retry : null);
  }
  return (await res.json()) as { token: string };
}
