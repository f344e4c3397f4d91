/**
 * Where the collaborative documents live: the y-websocket endpoint `/yjs` of `kader serve`,
 * same origin as the page. A document named `vision` is then at `<url>/vision`.
 */

/** Where the collaboration server is, and the token to send as `?token=` if the page has one. */
export interface CollabEndpoint {
  /** Base URL (`ws://host/yjs` or `wss://host/yjs`); the document name is appended to it. */
  url: string;
  /** Sent as the `token` query parameter; absent when a cookie authenticates the handshake. */
  token?: string;
}

/** The fields of `Location` that `collabUrl` reads. */
export type PageLocation = Pick<Location, 'protocol' | 'host'>;

/**
 * The same-origin WebSocket base URL for the collaborative documents: `ws://host/yjs` for a page
 * served over http, `wss://host/yjs` for https. `host` keeps the port.
 */
export function collabUrl(location: PageLocation): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/yjs`;
}
