/**
 * The app's top-level view, Chart, Decisions or Vision, kept in the address (`#decisions`,
 * `#vision`), so a reload, a shared link and the browser's back button keep it.
 */
import { useCallback, useEffect, useState } from 'react';

export type AppView = 'chart' | 'decisions' | 'vision';
export const VIEWS: readonly AppView[] = ['chart', 'decisions', 'vision'];

export function viewFromHash(hash: string): AppView {
  const h = hash.replace(/^#/, '');
  return (VIEWS as readonly string[]).includes(h) ? (h as AppView) : 'chart';
}

export function hashOf(view: AppView): string {
  return view === 'chart' ? '' : `#${view}`;
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
