/**
 * Picks the `Backend` for where the UI runs, once, and starts the first requests early.
 */
import type { Backend } from './backend';
import type { Chart, WorkspaceInfo } from './types';
import { webBackend } from './web';

/** True inside the Tauri desktop window. */
export function isTauri(win: object = globalThis): boolean {
  return '__TAURI_INTERNALS__' in win;
}

let chosen: Promise<Backend> | undefined;

/**
 * The backend for where the UI runs, chosen once at runtime. The web one is in the main bundle
 * (no extra round trip before the first request); the Tauri one, with its library, loads only
 * inside the desktop window.
 */
export function backend(): Promise<Backend> {
  chosen ??= isTauri() ? import('./tauri').then((m) => m.tauriBackend()) : Promise.resolve(webBackend());
  return chosen;
}

/**
 * The first workspace info and chart, requested as the page starts (before React renders), so
 * that the network and the server work while the UI boots.
 */
let early: Promise<[WorkspaceInfo, Chart]> | undefined;

export function preload(): void {
  early ??= backend().then((b) => Promise.all([b.workspaceInfo(), b.chart()]));
  early.catch(() => undefined); // a failure is reported by the first reader
}

/** The preloaded answers, once; later reads go to the backend. */
export function takePreloaded(): Promise<[WorkspaceInfo, Chart]> | undefined {
  const p = early;
  early = undefined;
  return p;
}
