import { describe, expect, it } from 'vitest';
import { qrMatrix, qrPath } from './qr';

describe('the join link as a QR code', () => {
  it('is square, 21 + 4·(version − 1) modules a side, and grows with the text', () => {
    const small = qrMatrix('http://127.0.0.1:7420/join');
    expect(small.dark.length).toBe(small.size);
    expect(small.dark.every((row) => row.length === small.size)).toBe(true);
    expect((small.size - 21) % 4).toBe(0);
    expect(small.size).toBeGreaterThanOrEqual(25); // 26 bytes at level M need version 2 at least
    expect(small.size).toBeLessThanOrEqual(33);
    const long = qrMatrix(`http://192.168.100.200:65535/join?${'x'.repeat(120)}`);
    expect(long.size).toBeGreaterThan(small.size);
  });
  it('has the three finder patterns in their corners', () => {
    const m = qrMatrix('http://192.168.1.20:7420/join');
    const n = m.size;
    for (const [r, c] of [
      [0, 0],
      [0, n - 7],
      [n - 7, 0],
    ]) {
      // The 7×7 finder: a dark ring, a light ring, a dark 3×3 centre.
      expect(m.dark[r][c]).toBe(true);
      expect(m.dark[r + 6][c + 6]).toBe(true);
      expect(m.dark[r + 1][c + 1]).toBe(false);
      expect(m.dark[r + 3][c + 3]).toBe(true);
    }
    // The light separator around the top-left finder.
    for (let i = 0; i < 8; i++) expect(m.dark[7][i] || m.dark[i][7]).toBe(false);
  });
  it('draws every dark module once, as runs offset by the quiet zone', () => {
    const m = qrMatrix('K7M2QX');
    const d = qrPath(m, 4);
    expect(d).toMatch(/^(M\d+ \d+h\d+v1h-\d+z)+$/);
    const drawn = [...d.matchAll(/h(\d+)v1/g)].reduce((n, x) => n + Number(x[1]), 0);
    const dark = m.dark.flat().filter(Boolean).length;
    expect(drawn).toBe(dark);
    expect(d.startsWith('M4 4h7')).toBe(true);
  });
});
