import { describe, expect, it } from 'vitest';
import { myComments, STORE_KEY, type KeyStorage } from './mine';

function fakeStorage(): KeyStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('the comments this browser wrote', () => {
  it('keeps an anonymous comment’s edit key across page loads, and a named one without a key', () => {
    const s = fakeStorage();
    myComments(s).remember('c1', 'secret-key');
    myComments(s).remember('c2', null);
    const later = myComments(s);
    expect(later.has('c1')).toBe(true);
    expect(later.key('c1')).toBe('secret-key');
    expect(later.has('c2')).toBe(true);
    expect(later.key('c2')).toBeNull();
    expect(later.has('c3')).toBe(false);
    later.forget('c1');
    expect(myComments(s).has('c1')).toBe(false);
    expect(myComments(s).has('c2')).toBe(true);
  });
  it('does not lose keys written by another tab', () => {
    const s = fakeStorage();
    const a = myComments(s);
    const b = myComments(s);
    a.remember('c1', 'k1');
    b.remember('c2', 'k2');
    expect(myComments(s).key('c1')).toBe('k1');
    expect(myComments(s).key('c2')).toBe('k2');
  });
  it('survives a corrupt or missing store', () => {
    const s = fakeStorage();
    s.data.set(STORE_KEY, '{not json');
    expect(myComments(s).has('c1')).toBe(false);
    s.data.set(STORE_KEY, JSON.stringify({ c1: 42, c2: 'k' }));
    expect(myComments(s).has('c1')).toBe(false);
    expect(myComments(s).key('c2')).toBe('k');
    const none = myComments(null);
    none.remember('c', 'k');
    expect(none.key('c')).toBe('k');
  });
});
