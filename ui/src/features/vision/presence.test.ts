import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import {
  PALETTE,
  caretClass,
  cleanName,
  colorIndexOf,
  colorIndexOfUser,
  colorOf,
  dotClass,
  hash32,
  pickName,
  presentFrom,
  selectionClass,
  statusOf,
  storeName,
  storedName,
  type ConnectionFacts,
} from './presence';

describe('a person’s color', () => {
  it('is stable for a name and always within the palette', () => {
    expect(hash32('Anna')).toBe(hash32('Anna'));
    expect(colorIndexOf('Anna')).toBe(colorIndexOf('Anna'));
    expect(colorIndexOf('  anna ')).toBe(colorIndexOf('Anna'));
    // FNV-1a of the empty string is its offset basis: a known value pins the hash.
    expect(hash32('')).toBe(0x811c9dc5);
    expect(hash32('a')).toBe(0xe40c292c);
    for (let i = 0; i < 500; i++) {
      const c = colorIndexOf(`person ${i}`);
      expect(Number.isInteger(c) && c >= 0 && c < PALETTE.length).toBe(true);
    }
    expect(colorOf('Anna')).toBe(PALETTE[colorIndexOf('Anna')]);
  });

  it('spreads names over the whole palette', () => {
    const used = new Set(Array.from({ length: 200 }, (_, i) => colorIndexOf(`Deelnemer ${i}`)));
    expect(used.size).toBe(PALETTE.length);
  });

  it('reads a remote user’s announced color when it is ours, else hashes the name, else the id', () => {
    expect(colorIndexOfUser({ name: 'X', color: PALETTE[5] }, 1)).toBe(5);
    expect(colorIndexOfUser({ name: 'X', color: PALETTE[5].toUpperCase() }, 1)).toBe(5);
    expect(colorIndexOfUser({ name: 'Bert', color: '#123456' }, 1)).toBe(colorIndexOf('Bert'));
    expect(colorIndexOfUser({ name: 'Bert', color: 'red; background: url(x)' }, 1)).toBe(colorIndexOf('Bert'));
    expect(colorIndexOfUser({}, 30)).toBe(30 % PALETTE.length);
    expect(colorIndexOfUser(undefined, 7)).toBe(7);
  });

  it('is dark enough for the white text of a caret’s label (WCAG contrast ≥ 4.5)', () => {
    const lum = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    for (const hex of PALETTE) expect((1.05 / (lum(hex) + 0.05)), hex).toBeGreaterThanOrEqual(4.5);
  });

  it('has a class per palette entry in the stylesheet, with the same color', () => {
    const css = fs.readFileSync(path.resolve(__dirname, 'vision.css'), 'utf8');
    expect(PALETTE).toHaveLength(12);
    expect(new Set(PALETTE).size).toBe(PALETTE.length);
    PALETTE.forEach((hex, i) => {
      const rule = new RegExp(`\\.${caretClass(i)}, \\.${selectionClass(i)}, \\.${dotClass(i)} \\{ --caret: (#[0-9a-f]{6}); --caret-soft: (#[0-9a-f]{8}); \\}`);
      const m = css.match(rule);
      expect(m?.[1], `palette entry ${i}`).toBe(hex);
      expect(m?.[2].slice(0, 7)).toBe(hex);
    });
    expect(css).not.toMatch(/caret-c12\b/);
  });
});

describe('names', () => {
  it('are text, trimmed, spaces folded, at most 40 characters', () => {
    expect(cleanName('  Anna   De  Smet ')).toBe('Anna De Smet');
    expect(cleanName('')).toBeNull();
    expect(cleanName('   ')).toBeNull();
    expect(cleanName(42)).toBeNull();
    expect(cleanName(null)).toBeNull();
    expect(cleanName('x'.repeat(100))).toHaveLength(40);
    expect(cleanName('<b>Bert</b>')).toBe('<b>Bert</b>'); // shown as text, never parsed
  });

  it('come from the settings, else this browser, else the default', () => {
    expect(pickName('Chris', 'Anna', 'Facilitator')).toBe('Chris');
    expect(pickName(null, 'Anna', 'Facilitator')).toBe('Anna');
    expect(pickName(undefined, '  ', 'Facilitator')).toBe('Facilitator');
    expect(pickName(null, null, 'Facilitator')).toBe('Facilitator');
  });

  it('are kept in the browser’s storage, and an empty one is forgotten', () => {
    const data = new Map<string, string>();
    const storage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k),
    };
    expect(storedName(storage)).toBeNull();
    storeName('  Anna ', storage);
    expect(storedName(storage)).toBe('Anna');
    storeName('', storage);
    expect(storedName(storage)).toBeNull();
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      removeItem: () => undefined,
    };
    expect(storedName(broken)).toBeNull();
    expect(() => storeName('Anna', broken)).not.toThrow();
  });
});

describe('the people present', () => {
  const states = (entries: [number, Record<string, unknown> | null][]) => new Map(entries);

  it('lists each announced user with their color, yourself first, then by name', () => {
    const list = presentFrom(
      states([
        [3, { user: { name: 'Zoë', color: PALETTE[2] }, cursor: null }],
        [1, { user: { name: 'me', color: PALETTE[9] } }],
        [2, { user: { name: 'bert', color: PALETTE[4] } }],
        [4, { user: { name: 'Émile', color: '#000000' } }],
      ]),
      1,
      'Someone',
      'nl-BE',
    );
    expect(list).toEqual([
      { clientId: 1, name: 'me', colorIndex: 9, self: true },
      { clientId: 2, name: 'bert', colorIndex: 4, self: false },
      { clientId: 4, name: 'Émile', colorIndex: colorIndexOf('Émile'), self: false },
      { clientId: 3, name: 'Zoë', colorIndex: 2, self: false },
    ]);
  });

  it('leaves out clients that have not announced themselves, names the nameless', () => {
    const list = presentFrom(
      states([
        [1, {}],
        [2, null],
        [3, { user: { color: PALETTE[0] } }],
        [4, { user: 'nonsense' }],
      ]),
      99,
      'Someone',
    );
    expect(list).toEqual([{ clientId: 3, name: 'Someone', colorIndex: 0, self: false }]);
  });

  it('shows one person once, whatever the number of their tabs', () => {
    const list = presentFrom(
      states([
        [5, { user: { name: 'Anna', color: PALETTE[1] } }],
        [6, { user: { name: 'anna ', color: PALETTE[1] } }],
        [7, { user: { name: 'Bert', color: PALETTE[3] } }],
      ]),
      6,
      'Someone',
    );
    expect(list.map((p) => [p.name, p.self])).toEqual([
      ['Anna', true],
      ['Bert', false],
    ]);
  });
});

describe('the connection in words', () => {
  const facts = (f: Partial<ConnectionFacts>): ConnectionFacts => ({ open: false, synced: false, wasConnected: false, pendingEdits: false, refused: false, ...f });

  it('is connecting until the first sync, connected once in sync', () => {
    expect(statusOf(facts({}))).toBe('connecting');
    expect(statusOf(facts({ open: true }))).toBe('connecting');
    expect(statusOf(facts({ open: true, wasConnected: true }))).toBe('reconnecting');
    expect(statusOf(facts({ open: true, synced: true, wasConnected: true }))).toBe('connected');
  });

  it('is reconnecting after a drop, offline with edits kept when you wrote meanwhile', () => {
    expect(statusOf(facts({ wasConnected: true }))).toBe('reconnecting');
    expect(statusOf(facts({ wasConnected: true, pendingEdits: true }))).toBe('offline');
    expect(statusOf(facts({ pendingEdits: true }))).toBe('offline');
    // Back and in sync: the edits went out.
    expect(statusOf(facts({ open: true, synced: true, wasConnected: true, pendingEdits: true }))).toBe('connected');
  });

  it('is refused when the server closed the door', () => {
    expect(statusOf(facts({ refused: true, open: true, synced: true }))).toBe('refused');
  });
});
