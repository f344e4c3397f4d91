/**
 * A WebSocket that stays open: the one way the UI keeps a live stream (`/api/events`,
 * `/api/session/events`). It reconnects after 0.5 s, doubling up to 10 s, and resets the delay
 * once a connection opens; it reports `connecting` / `live` / `offline`; and it stops for good
 * when the server says the caller has no business here any more (a close code in `finalCodes`),
 * or when `refused` decides so for a connection that never opened (a browser does not tell why
 * an upgrade failed, so the caller asks over HTTP).
 */
import type { LiveStatus } from './backend';

export interface LiveSocketOptions {
  /** Where to connect, asked before every attempt (a token may change). Throwing retries later. */
  url(): string | Promise<string>;
  /** A text message from the server. */
  onText(text: string): void;
  onStatus?(status: LiveStatus): void;
  /** Close codes after which the stream stops for good (`onEnded` is called with the close). */
  finalCodes?: readonly number[];
  /** The stream stopped for good: the close code (0 when `refused` ended it) and the reason. */
  onEnded?(code: number, reason: string): void;
  /**
   * A connection closed before it ever opened: resolves to a reason to stop for good, or `null`
   * to keep retrying.
   */
  refused?(): Promise<string | null>;
  /** The WebSocket constructor (tests pass a fake). */
  socket?: new (url: string) => WebSocket;
}

export const FIRST_DELAY_MS = 500;
export const MAX_DELAY_MS = 10_000;

/** Opens the stream; the function returned closes it. */
export function liveSocket(opts: LiveSocketOptions): () => void {
  const Socket = opts.socket ?? WebSocket;
  let ws: WebSocket | undefined;
  let stopped = false;
  let delay = FIRST_DELAY_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let status: LiveStatus | undefined;
  const setStatus = (s: LiveStatus) => {
    if (s !== status) {
      status = s;
      opts.onStatus?.(s);
    }
  };
  const end = (code: number, reason: string) => {
    if (stopped) return;
    stopped = true;
    if (timer) clearTimeout(timer);
    opts.onEnded?.(code, reason);
  };
  const retry = () => {
    if (stopped) return;
    setStatus('offline');
    timer = setTimeout(() => void connect(), delay);
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  };

  const connect = async () => {
    if (stopped) return;
    setStatus(status === 'offline' ? 'offline' : 'connecting');
    let url: string;
    try {
      url = await opts.url();
    } catch {
      retry();
      return;
    }
    if (stopped) return;
    let opened = false;
    const socket = new Socket(url);
    ws = socket;
    socket.onopen = () => {
      opened = true;
      delay = FIRST_DELAY_MS;
      setStatus('live');
    };
    socket.onmessage = (m: MessageEvent) => {
      if (typeof m.data === 'string') opts.onText(m.data);
    };
    socket.onclose = (e: CloseEvent) => {
      if (ws === socket) ws = undefined;
      if (stopped) return;
      if (opts.finalCodes?.includes(e.code)) return end(e.code, e.reason);
      if (opened || !opts.refused) return retry();
      opts.refused().then(
        (reason) => (reason === null ? retry() : end(0, reason)),
        () => retry(),
      );
    };
  };
  void connect();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    ws?.close();
  };
}
