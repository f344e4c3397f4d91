/**
 * Who is here and in which color, the connection's state in words, and the local display name.
 * Pure functions (no Yjs, no DOM), so that they are tested alone.
 *
 * Colors: the CSP forbids `style` attributes, so a person's color is never written inline. It is
 * one of a fixed palette, by index; `vision.css` has a class per index (`caret-c0` … `caret-c11`
 * for the caret and its label, `caret-sel-cN` for the selection, `caret-bg-cN` for a dot), and
 * the index is a stable hash of the person's name, so everyone sees the same person in the same
 * color. The palette's hex value also travels in the awareness state (`user.color`), as TipTap
 * and y-prosemirror expect it; a color that is not in the palette falls back to the hash.
 */

/** Dark enough for white label text (contrast ≥ 4.5:1) and told apart on a projector. */
export const PALETTE = [
  '#c2410c', // orange
  '#b91c1c', // red
  '#be185d', // pink
  '#7e22ce', // purple
  '#4338ca', // indigo
  '#0369a1', // sky
  '#0f766e', // teal
  '#15803d', // green
  '#4d7c0f', // olive
  '#a16207', // ochre
  '#7c2d12', // brown
  '#475569', // slate
] as const;

/** FNV-1a, 32 bits: the same string gives the same number in every browser. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The palette index for a name (trimmed, case-insensitive). */
export function colorIndexOf(name: string): number {
  return hash32(name.trim().toLocaleLowerCase()) % PALETTE.length;
}

/** The color a person announces in the awareness state. */
export function colorOf(name: string): string {
  return PALETTE[colorIndexOf(name)];
}

/** A remote user's palette index: their announced color if it is ours, else by their name or id. */
export function colorIndexOfUser(user: { name?: unknown; color?: unknown } | undefined, clientId: number): number {
  const color = typeof user?.color === 'string' ? user.color.toLowerCase() : '';
  const i = (PALETTE as readonly string[]).indexOf(color);
  if (i >= 0) return i;
  return typeof user?.name === 'string' && user.name.trim() ? colorIndexOf(user.name) : clientId % PALETTE.length;
}

export const caretClass = (i: number) => `caret-c${i}`;
export const selectionClass = (i: number) => `caret-sel-c${i}`;
export const dotClass = (i: number) => `caret-bg-c${i}`;

/** What a client announces about itself in the awareness `user` field. */
export interface CollabUser {
  name: string;
  color: string;
}

/** The longest name shown; a longer one is cut (names come from other people's browsers). */
export const NAME_MAX = 40;

/** A name fit to show: text, trimmed, at most `NAME_MAX` characters, or null. */
export function cleanName(name: unknown): string | null {
  if (typeof name !== 'string') return null;
  const n = name.replace(/\s+/g, ' ').trim();
  return n ? [...n].slice(0, NAME_MAX).join('') : null;
}

export interface Present {
  /** The first client id seen with this name (a person may have several tabs open). */
  clientId: number;
  name: string;
  colorIndex: number;
  self: boolean;
}

/**
 * The people present, from the awareness states (client id → state): one entry per name (two
 * tabs of one person are one person), yourself first, then by name in the UI's locale. A state
 * without a `user` (a client that has not announced itself yet) is left out; a `user` without a
 * usable name is shown as `unnamed`.
 */
export function presentFrom(states: ReadonlyMap<number, Record<string, unknown> | null>, selfId: number, unnamed: string, locale?: string): Present[] {
  const byName = new Map<string, Present>();
  for (const [clientId, state] of states) {
    const user = state?.user as { name?: unknown; color?: unknown } | undefined;
    if (!user || typeof user !== 'object') continue;
    const name = cleanName(user.name) ?? unnamed;
    const self = clientId === selfId;
    const key = name.toLocaleLowerCase(locale);
    const seen = byName.get(key);
    if (seen) {
      if (self) byName.set(key, { ...seen, self: true });
      continue;
    }
    byName.set(key, { clientId, name, colorIndex: colorIndexOfUser(user, clientId), self });
  }
  const collator = new Intl.Collator(locale, { sensitivity: 'base' });
  return [...byName.values()].sort((a, b) => Number(b.self) - Number(a.self) || collator.compare(a.name, b.name));
}

/**
 * The connection as people read it:
 * - `connecting`: not yet in sync with the server since the view opened;
 * - `connected`: connected and in sync with the server;
 * - `reconnecting`: the connection dropped (or is not in sync yet after it came back), no edits
 *   of yours wait;
 * - `offline`: disconnected with edits of yours not yet sent; they are kept in this window and
 *   sent when the connection is back;
 * - `refused`: the server closed the connection for good (4400–4499: not allowed).
 */
export type CollabStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'refused';

export interface ConnectionFacts {
  /** The WebSocket is open. */
  open: boolean;
  /** The first sync with the server is complete on the current connection. */
  synced: boolean;
  /** The document was in sync with the server at least once since the view opened. */
  wasConnected: boolean;
  /** Local edits were made while not in sync, not yet acknowledged by a sync. */
  pendingEdits: boolean;
  /** The server refused the connection (a 44xx close code). */
  refused: boolean;
}

export function statusOf(f: ConnectionFacts): CollabStatus {
  if (f.refused) return 'refused';
  if (f.open && f.synced) return 'connected';
  if (f.pendingEdits) return 'offline';
  return f.wasConnected ? 'reconnecting' : 'connecting';
}

const NAME_KEY = 'kader.displayName';

/** The name saved in this browser, or null. */
export function storedName(storage: Pick<Storage, 'getItem'> | null = safeStorage()): string | null {
  try {
    return cleanName(storage?.getItem(NAME_KEY) ?? null);
  } catch {
    return null;
  }
}

/** Saves the name (an empty one forgets it). */
export function storeName(name: string, storage: Pick<Storage, 'setItem' | 'removeItem'> | null = safeStorage()): void {
  try {
    const n = cleanName(name);
    if (n) storage?.setItem(NAME_KEY, n);
    else storage?.removeItem(NAME_KEY);
  } catch {
    /* storage may be unavailable: the name holds for this visit */
  }
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * The name to show to others: one from the workspace's settings (none yet; a participant's join
 * screen will give one), else the one saved in this browser, else `fallback`.
 */
export function pickName(fromSettings: unknown, stored: string | null, fallback: string): string {
  return cleanName(fromSettings) ?? cleanName(stored) ?? fallback;
}
