/**
 * JSON over HTTP to a Kader server, shared by the clients that reach it the same way from both
 * transports (the session, proposals): same-origin in the browser (the `kader_token` cookie, or
 * the dev token), the workspace's own loopback server in the desktop window (`server_endpoint`:
 * its base URL and token).
 */
import { BackendError } from './backend';

/** Where the routes are: an HTTP base (`''` for same-origin) and a token, if any. */
export interface Endpoint {
  base: string;
  token?: string | null;
}

function statusCode(status: number): BackendError['code'] {
  return status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : status === 404 ? 'not_found' : status === 429 ? 'too_many' : status === 400 ? 'invalid' : 'internal';
}

/** The error of an answer that is not OK: the server's `{code, message}`, else one from the status. */
export async function errorOf(res: Response): Promise<BackendError> {
  const text = await res.text().catch(() => '');
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON: keep the text */
  }
  const err = BackendError.from(parsed, `${res.status} ${res.statusText}`.trim());
  const code = statusCode(res.status);
  return err.code === 'internal' && code !== 'internal' ? new BackendError(code, err.message) : err;
}

export const UNREACHABLE = 'The Kader server cannot be reached. Check that it is running, then try again.';

/** A call: method, path, JSON body; `raw` answers the body as text instead of parsing it. */
export type Call = <T>(method: string, path: string, body?: unknown, raw?: boolean) => Promise<T>;

/**
 * Calls over `endpoint()`, asked before every call (the desktop window's server may change with
 * the open workspace). Refusals throw a `BackendError` with the server's message.
 */
export function endpointCall(endpoint: () => Promise<Endpoint>, fetcher: typeof fetch = (...a) => fetch(...a)): Call {
  return async function call<T>(method: string, path: string, body?: unknown, raw = false): Promise<T> {
    const { base, token } = await endpoint();
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    let res: Response;
    try {
      res = await fetcher(`${base}${path}`, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new BackendError('internal', UNREACHABLE);
    }
    if (!res.ok) throw await errorOf(res);
    const text = await res.text();
    if (raw) return text as T;
    return (text ? JSON.parse(text) : null) as T;
  };
}
