/**
 * The browser implementation of `Backend`: HTTP to `/api/...` (the `kader_token` cookie set by
 * the facilitator link travels with every same-origin request) and the WebSocket `/api/events`,
 * reconnecting with backoff.
 */
import { downloadText } from './save';
import { BackendError, type Backend, type Subscription } from './backend';
import type { Event, Op, TeamWord } from './types';
import { collabUrl } from './collab';
import { liveSocket } from './live';
import { REVOKED, sessionClient } from './session';
import { proposalsClient } from './proposals';

/**
 * Served by `kader serve`, the facilitator link's `?token=` becomes an HttpOnly cookie and never
 * reaches the page. Only under the Vite dev server (`npm run dev`, which proxies `/api`) does the
 * page see it; then it is sent as a bearer token.
 */
function devToken(): string | null {
  try {
    const t = new URLSearchParams(location.search).get('token');
    if (t) sessionStorage.setItem('kader.devToken', t);
    return t ?? sessionStorage.getItem('kader.devToken');
  } catch {
    return null;
  }
}

async function call<T>(method: string, path: string, body?: BodyInit, contentType?: string, raw = false): Promise<T> {
  let res: Response;
  const headers: Record<string, string> = {};
  if (contentType) headers['Content-Type'] = contentType;
  const token = devToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    res = await fetch(path, { method, body, credentials: 'same-origin', headers });
  } catch {
    throw new BackendError('internal', 'The Kader server cannot be reached. Check that it is running, then try again.');
  }
  const text = await res.text();
  if (!res.ok) {
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON: keep the text */
    }
    const fallbackCode = res.status === 401 ? 'unauthorized' : res.status === 403 ? 'forbidden' : res.status === 404 ? 'not_found' : 'internal';
    const err = BackendError.from(parsed, `${res.status} ${res.statusText}`);
    throw err.code === 'internal' && fallbackCode !== 'internal' ? new BackendError(fallbackCode, err.message) : err;
  }
  if (raw) return text as T;
  return (text ? JSON.parse(text) : null) as T;
}

const json = (v: unknown) => JSON.stringify(v);
const enc = encodeURIComponent;

export function webBackend(): Backend {
  // Same origin: the cookie authenticates; under the Vite dev server, the page's token.
  const session = sessionClient(async () => ({ base: '', token: devToken() }));
  const proposals = proposalsClient(async () => ({ base: '', token: devToken() }));
  return {
    ...session,
    ...proposals,
    kind: 'web',
    workspaceInfo: () => call('GET', '/api/workspace'),
    chart: () => call('GET', '/api/chart'),
    roleDetails: (id) => call('GET', `/api/roles/${enc(id)}`),
    personDetails: (id) => call('GET', `/api/persons/${enc(id)}`),
    teamDetails: (id) => call('GET', `/api/teams/${enc(id)}`),
    search: (q, limit = 20) => call('GET', `/api/search?q=${enc(q)}&limit=${limit}`),
    board: () => call('GET', '/api/board'),
    lens: () => call('GET', '/api/lens'),
    lensLine: (id) => call('GET', `/api/lens/lines/${enc(id)}`),
    planRemoveRole: (request) => call('POST', '/api/plan/remove-role', json(request), 'application/json'),
    applyOp: (op: Op) => call('POST', '/api/ops', json(op), 'application/json'),
    undo: () => call('POST', '/api/undo'),
    redo: () => call('POST', '/api/redo'),
    setTeamWord: (team_word: TeamWord) => call('PUT', '/api/settings', json({ team_word }), 'application/json'),
    importCsv: (bytes) => call('POST', '/api/import', bytes as BodyInit, 'text/csv'),
    importDecisions: (bytes, name) => call('POST', `/api/decisions/import?name=${enc(name)}`, bytes as BodyInit, 'text/csv'),
    exportDecisions: (lang) => call('GET', `/api/decisions/export?lang=${lang}`, undefined, undefined, true),
    saveText: async (name, text, type) => {
      downloadText(text, name, type);
      return name;
    },
    // Same origin; the `kader_token` cookie authenticates the WebSocket handshake. Only under the
    // Vite dev server is there a token on the page (see `devToken`).
    collabEndpoint: async () => {
      const token = devToken();
      return token ? { url: collabUrl(location), token } : { url: collabUrl(location) };
    },
    subscribe: (sub) => openEvents(sub),
  };
}

/**
 * Opens `/api/events` and keeps it open (see `liveSocket`); a participant whose token was revoked
 * (4401) is not reconnected.
 */
function openEvents(sub: Subscription): () => void {
  return liveSocket({
    url: () => {
      const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
      const token = devToken();
      return `${scheme}//${location.host}/api/events${token ? `?token=${encodeURIComponent(token)}` : ''}`;
    },
    onText: (text) => {
      try {
        sub.onEvent(JSON.parse(text) as Event);
      } catch {
        /* a message we do not understand is skipped, not fatal */
      }
    },
    onStatus: sub.onStatus,
    finalCodes: [REVOKED],
  });
}
