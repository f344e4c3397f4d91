import { describe, expect, it, vi } from 'vitest';
import { JoinError, errorOf, joinSession, sessionClient, wsUrl } from './session';

const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers });

describe('the session client', () => {
  it('opens the event socket on this origin, or on the desktop window’s server with its token', () => {
    expect(wsUrl('', '/api/session/events', { protocol: 'http:', host: '192.168.1.20:7420' })).toBe('ws://192.168.1.20:7420/api/session/events');
    expect(wsUrl('', '/api/session/events', { protocol: 'https:', host: 'kader.example' })).toBe('wss://kader.example/api/session/events');
    expect(wsUrl('http://127.0.0.1:5123', '/api/session/events', { protocol: 'tauri:', host: 'localhost' }, 'a b')).toBe('ws://127.0.0.1:5123/api/session/events?token=a%20b');
  });
  it('reads the server’s {code, message}, or a code from the status', async () => {
    const e = await errorOf(answer(403, { code: 'forbidden', message: 'structural changes are the facilitator’s' }));
    expect(e.code).toBe('forbidden');
    expect(e.message).toBe('structural changes are the facilitator’s');
    const locked = await errorOf(answer(429, { code: 'too_many', message: 'try again in 5 minute(s)' }));
    expect(locked.code).toBe('too_many');
    const plain = await errorOf(answer(401, 'no'));
    expect(plain.code).toBe('unauthorized');
    expect(plain.message).toBe('no');
  });
});

describe('joining', () => {
  it('posts the code and name as JSON to /session/join', async () => {
    let seen: { url: string; init: RequestInit } | null = null;
    const fake = (async (url: string, init: RequestInit) => {
      seen = { url, init };
      return answer(200, { token: 't', participant: { id: 'p', name: 'Ann' } });
    }) as unknown as typeof fetch;
    expect(await joinSession('K7M2QX', 'Ann', fake)).toMatchObject({ token: 't' });
    expect(seen!.url).toBe('/session/join');
    expect(seen!.init.method).toBe('POST');
    expect(JSON.parse(String(seen!.init.body))).toEqual({ code: 'K7M2QX', name: 'Ann' });
  });
  it('says why not with the server’s message, and how long to wait when locked out', async () => {
    const wrong = (async () => answer(403, { code: 'forbidden', message: 'that code is not right (4 tries left)' })) as unknown as typeof fetch;
    const e1 = await joinSession('AAAAAA', 'Ann', wrong).catch((e) => e);
    expect(e1).toBeInstanceOf(JoinError);
    expect(e1).toMatchObject({ status: 403, code: 'forbidden', message: 'that code is not right (4 tries left)', retryAfter: null });
    const locked = (async () => answer(429, { code: 'too_many', message: 'try again in 5 minutes' }, { 'Retry-After': '300' })) as unknown as typeof fetch;
    expect(await joinSession('AAAAAA', 'Ann', locked).catch((e) => e)).toMatchObject({ status: 429, code: 'too_many', retryAfter: 300 });
    const down = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    expect(await joinSession('AAAAAA', 'Ann', down).catch((e) => e)).toMatchObject({ status: 0 });
  });
});

describe('the session event socket', () => {
  class FakeSocket {
    static all: FakeSocket[] = [];
    onopen: (() => void) | null = null;
    onmessage: ((m: { data: unknown }) => void) | null = null;
    onclose: ((e: { code: number; reason: string }) => void) | null = null;
    closed = false;
    constructor(readonly url: string) {
      FakeSocket.all.push(this);
    }
    close() {
      this.closed = true;
    }
  }

  async function withSockets(run: (sockets: typeof FakeSocket.all, tick: (ms: number) => Promise<void>) => Promise<void>) {
    vi.useFakeTimers();
    const saved = { WebSocket: globalThis.WebSocket, location: (globalThis as { location?: unknown }).location };
    FakeSocket.all = [];
    Object.assign(globalThis, { WebSocket: FakeSocket, location: { protocol: 'http:', host: '127.0.0.1:7420' } });
    try {
      await run(FakeSocket.all, async (ms) => {
        await vi.advanceTimersByTimeAsync(ms);
      });
    } finally {
      Object.assign(globalThis, saved);
      vi.useRealTimers();
    }
  }

  it('passes the views on, reconnects after a dropped connection, and stops for good on 4401', async () => {
    await withSockets(async (sockets, tick) => {
      const views: unknown[] = [];
      const ended: string[] = [];
      const client = sessionClient(async () => ({ base: '' }));
      const stop = client.subscribeSession({ onView: (v) => views.push(v), onEnded: (r) => ended.push(r) });
      await tick(0);
      expect(sockets).toHaveLength(1);
      expect(sockets[0].url).toBe('ws://127.0.0.1:7420/api/session/events');
      sockets[0].onopen!();
      sockets[0].onmessage!({ data: '{"code":"K7M2QX"}' });
      sockets[0].onmessage!({ data: 'null' });
      sockets[0].onmessage!({ data: 'not json' });
      expect(views).toEqual([{ code: 'K7M2QX' }, null]);
      sockets[0].onclose!({ code: 1006, reason: '' });
      await tick(600);
      expect(sockets).toHaveLength(2);
      sockets[1].onopen!();
      sockets[1].onclose!({ code: 4401, reason: 'the session has ended' });
      await tick(20_000);
      expect(sockets).toHaveLength(2);
      expect(ended).toEqual(['the session has ended']);
      stop();
    });
  });

  it('tells a participant removed from a running session (4403) apart from an ended one', async () => {
    await withSockets(async (sockets, tick) => {
      const ended: [string, boolean][] = [];
      const client = sessionClient(async () => ({ base: '' }));
      client.subscribeSession({ onView: () => undefined, onEnded: (r, removed) => ended.push([r, removed]) });
      await tick(0);
      sockets[0].onopen!();
      sockets[0].onclose!({ code: 4403, reason: 'you were removed from the session' });
      await tick(20_000);
      expect(sockets).toHaveLength(1);
      expect(ended).toEqual([['you were removed from the session', true]]);
    });
  });

  it('backs off from 0.5 s doubling to 10 s while the server is away, and starts over once connected', async () => {
    await withSockets(async (sockets, tick) => {
      const statuses: string[] = [];
      const client = sessionClient(async () => ({ base: '' }));
      client.subscribeSession({ onView: () => undefined, onStatus: (s) => statuses.push(s) });
      await tick(0);
      sockets[0].onopen!();
      const gaps: number[] = [];
      for (let i = 0; i < 7; i++) {
        const before = sockets.length;
        sockets[before - 1].onclose!({ code: 1006, reason: '' });
        let waited = 0;
        while (sockets.length === before) {
          await tick(100);
          waited += 100;
        }
        gaps.push(waited);
        // The first reconnect opens: the delay starts over only then.
        if (i === 0) sockets[sockets.length - 1].onopen!();
      }
      expect(gaps).toEqual([500, 500, 1000, 2000, 4000, 8000, 10_000]);
      expect(statuses).toEqual(['connecting', 'live', 'offline', 'live', 'offline']);
    });
  });

  it('ends when a refused handshake turns out to be a revoked token', async () => {
    await withSockets(async (sockets, tick) => {
      const saved = globalThis.fetch;
      globalThis.fetch = (async () => answer(401, { code: 'unauthorized', message: 'you are no longer in this session' })) as typeof fetch;
      try {
        const ended: string[] = [];
        const client = sessionClient(async () => ({ base: '' }));
        client.subscribeSession({ onView: () => undefined, onEnded: (r) => ended.push(r) });
        await tick(0);
        sockets[0].onclose!({ code: 1006, reason: '' });
        await tick(0);
        expect(ended).toEqual(['you are no longer in this session']);
        await tick(20_000);
        expect(sockets).toHaveLength(1);
      } finally {
        globalThis.fetch = saved;
      }
    });
  });
});
