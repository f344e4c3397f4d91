import { describe, expect, it } from 'vitest';
import { proposalsClient } from './proposals';
import { BackendError } from './backend';

function recorder(answer: (url: string) => Response = () => new Response('{}', { status: 200 })) {
  const calls: { url: string; method: string; body: unknown; auth: string | undefined }[] = [];
  const fetcher = (async (url: string, init: RequestInit) => {
    const headers = init.headers as Record<string, string>;
    calls.push({ url, method: String(init.method), body: init.body === undefined ? undefined : JSON.parse(String(init.body)), auth: headers.Authorization });
    return answer(url);
  }) as unknown as typeof fetch;
  return { calls, fetcher };
}

describe('the proposals client', () => {
  it('calls the routes of docs/proposals.md, on the desktop window’s server with its token', async () => {
    const { calls, fetcher } = recorder();
    const c = proposalsClient(async () => ({ base: 'http://127.0.0.1:5123', token: 't' }), fetcher);
    await c.stepProposal('p/1', { step: 'close' });
    await c.answerProposal('p1', { answer: 'objection', reason: 'why' });
    await c.postComment('p1', { body: 'hi', anchor: { on: 'node', node: { kind: 'role', id: 'r' } } });
    await c.decisionLog();
    await c.news(1234.7);
    expect(calls.map((x) => `${x.method} ${x.url}`)).toEqual([
      'POST http://127.0.0.1:5123/api/proposals/p%2F1/step',
      'POST http://127.0.0.1:5123/api/proposals/p1/answer',
      'POST http://127.0.0.1:5123/api/proposals/p1/comments',
      'GET http://127.0.0.1:5123/api/decision-log',
      'GET http://127.0.0.1:5123/api/news?since=1234',
    ]);
    expect(calls.every((x) => x.auth === 'Bearer t')).toBe(true);
    expect(calls[1].body).toEqual({ answer: 'objection', reason: 'why' });
  });

  it('sends an anonymous comment’s edit key as `key`, and no key for a named one', async () => {
    const { calls, fetcher } = recorder();
    const c = proposalsClient(async () => ({ base: '' }), fetcher);
    await c.editComment('c1', 'new text', 'secret');
    await c.editComment('c2', 'new text', null);
    await c.deleteComment('c1', 'secret');
    await c.deleteComment('c2');
    await c.reactToComment('c1', '+1', true);
    await c.hideComment('c1', 'off topic');
    expect(calls.map((x) => [x.method, x.url, x.body])).toEqual([
      ['PUT', '/api/comments/c1', { body: 'new text', key: 'secret' }],
      ['PUT', '/api/comments/c2', { body: 'new text' }],
      ['POST', '/api/comments/c1/delete', { key: 'secret' }],
      ['POST', '/api/comments/c2/delete', {}],
      ['POST', '/api/comments/c1/react', { key: '+1', on: true }],
      ['POST', '/api/comments/c1/hide', { reason: 'off topic' }],
    ]);
  });

  it('answers an export as text, and a refusal as the server’s message', async () => {
    const { fetcher } = recorder((url) =>
      url.includes('export') ? new Response('# Title\n', { status: 200 }) : new Response(JSON.stringify({ code: 'invalid', message: 'proposal "X" is in draft: open it for comments first' }), { status: 400 }),
    );
    const c = proposalsClient(async () => ({ base: '' }), fetcher);
    expect(await c.exportProposal('p1', 'markdown')).toBe('# Title\n');
    const e = await c.stepProposal('p1', { step: 'adopt' }).catch((x) => x);
    expect(e).toBeInstanceOf(BackendError);
    expect(e).toMatchObject({ code: 'invalid', message: 'proposal "X" is in draft: open it for comments first' });
  });
});
