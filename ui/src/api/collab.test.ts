import { describe, expect, it } from 'vitest';
import { collabUrl } from './collab';

describe('collabUrl', () => {
  it('is the same origin over ws for a page served over http, port kept', () => {
    expect(collabUrl({ protocol: 'http:', host: '127.0.0.1:7700' })).toBe('ws://127.0.0.1:7700/yjs');
    expect(collabUrl({ protocol: 'http:', host: 'kader.local' })).toBe('ws://kader.local/yjs');
  });

  it('is wss for a page served over https', () => {
    expect(collabUrl({ protocol: 'https:', host: 'kader.example.org' })).toBe('wss://kader.example.org/yjs');
    expect(collabUrl({ protocol: 'https:', host: '[::1]:8443' })).toBe('wss://[::1]:8443/yjs');
  });

  it('gives the base to which y-websocket appends the document name', () => {
    // WebsocketProvider(url, 'vision', …) connects to `${url}/vision`.
    expect(`${collabUrl({ protocol: 'http:', host: 'h:1' })}/vision`).toBe('ws://h:1/yjs/vision');
  });
});
