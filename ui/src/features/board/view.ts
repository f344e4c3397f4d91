/**
 * The app's top-level view, Chart, Decisions, Vision or Proposals, kept in the address
 * (`#decisions`, `#vision`, `#proposals`, `#proposals/<id>`…), so a reload, a shared link and the
 * browser's back button keep it.
 */
import { useCallback, useEffect, useState } from 'react';

export type AppView = 'chart' | 'decisions' | 'vision';
export const VIEWS: readonly AppView[] = ['chart', 'decisions', 'vision'];

/**
 * Every view of the shell: the three a session can bring everyone to (`AppView`), and Proposals,
 * whose own place (a proposal, a new draft, the decision log) follows in the hash
 * (`features/proposals/model.ts`: `routeOf`).
 */
export type ShellView = AppView | 'proposals';
export const SHELL_VIEWS: readonly ShellView[] = [...VIEWS, 'proposals'];

export function viewFromHash(hash: string): ShellView {
  const h = hash.replace(/^#/, '');
  if (h === 'proposals' || h.startsWith('proposals/')) return 'proposals';
  return (VIEWS as readonly string[]).includes(h) ? (h as AppView) : 'chart';
}

export function hashOf(view: ShellView): string {
  return view === 'chart' ? '' : `#${view}`;
}

export function useView(): [ShellView, (v: ShellView) => void] {
  const [view, setView] = useState<ShellView>(() => viewFromHash(location.hash));
  useEffect(() => {
    const follow = () => setView(viewFromHash(location.hash));
    window.addEventListener('hashchange', follow);
    window.addEventListener('popstate', follow);
    return () => {
      window.removeEventListener('hashchange', follow);
      window.removeEventListener('popstate', follow);
    };
  }, []);
  const change = useCallback((v: ShellView) => {
    if (viewFromHash(location.hash) !== v) history.pushState(null, '', `${location.pathname}${location.search}${hashOf(v)}`);
    setView(v);
  }, []);
  return [view, change];
}
