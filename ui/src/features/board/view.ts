/**
 * The app's top-level view, Chart or Decisions, kept in the address (`#decisions`), so a reload,
 * a shared link and the browser's back button keep it.
 */
import { useCallback, useEffect, useState } from 'react';

export type AppView = 'chart' | 'decisions';
export const VIEWS: readonly AppView[] = ['chart', 'decisions'];

export function viewFromHash(hash: string): AppView {
  return hash.replace(/^#/, '') === 'decisions' ? 'decisions' : 'chart';
}

export function hashOf(view: AppView): string {
  return view === 'decisions' ? '#decisions' : '';
}

export function useView(): [AppView, (v: AppView) => void] {
  const [view, setView] = useState<AppView>(() => viewFromHash(location.hash));
  useEffect(() => {
    const follow = () => setView(viewFromHash(location.hash));
    window.addEventListener('hashchange', follow);
    window.addEventListener('popstate', follow);
    return () => {
      window.removeEventListener('hashchange', follow);
      window.removeEventListener('popstate', follow);
    };
  }, []);
  const change = useCallback((v: AppView) => {
    if (viewFromHash(location.hash) !== v) history.pushState(null, '', `${location.pathname}${location.search}${hashOf(v)}`);
    setView(v);
  }, []);
  return [view, change];
}
