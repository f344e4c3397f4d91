import { describe, expect, it } from 'vitest';
import { JoinError, errorOf, joinSession, wsUrl } from './session';

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
