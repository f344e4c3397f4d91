/**
 * The comments this browser wrote, by comment id, with the edit key of an anonymous one: on an
 * anonymous proposal only the key proves authorship (the server keeps its hash), so it is kept
 * in `localStorage` and sent as `key` to edit or delete. A named comment is remembered without a
 * key (the server knows its author): the UI then offers edit and delete on it.
 */

/** The part of `Storage` used (tests pass a map). */
export interface KeyStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const STORE_KEY = 'kader.comments.mine';

export interface MyComments {
  /** Whether this browser wrote the comment. */
  has(id: string): boolean;
  /** The edit key of an anonymous comment (`null` for a named one, or one not written here). */
  key(id: string): string | null;
  remember(id: string, key: string | null): void;
  forget(id: string): void;
}

function read(storage: KeyStorage | null): Record<string, string | null> {
  try {
    const raw = storage?.getItem(STORE_KEY);
    const v: unknown = raw ? JSON.parse(raw) : {};
    if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
    const out: Record<string, string | null> = {};
    for (const [k, key] of Object.entries(v as Record<string, unknown>)) if (typeof key === 'string' || key === null) out[k] = key;
    return out;
  } catch {
    return {};
  }
}

/** The store over `storage` (`localStorage` when available; in memory when it is not). */
export function myComments(storage: KeyStorage | null = defaultStorage()): MyComments {
  let memory = read(storage);
  const save = () => {
    try {
      storage?.setItem(STORE_KEY, JSON.stringify(memory));
    } catch {
      /* full or unavailable: kept for this page */
    }
  };
  return {
    has: (id) => {
      memory = { ...read(storage), ...memory };
      return Object.hasOwn(memory, id);
    },
    key: (id) => memory[id] ?? read(storage)[id] ?? null,
    remember: (id, key) => {
      memory = { ...read(storage), ...memory, [id]: key };
      save();
    },
    forget: (id) => {
      memory = { ...read(storage), ...memory };
      delete memory[id];
      save();
    },
  };
}

function defaultStorage(): KeyStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
