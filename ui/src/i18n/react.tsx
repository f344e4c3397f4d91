import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { format, type Key, type Lang, type Params } from './index';
import type { TeamWord } from '../api/types';

export type T = (key: Key, params?: Params) => string;

interface I18n {
  lang: Lang;
  t: T;
}

const Ctx = createContext<I18n>({ lang: 'en', t: (k, p) => format('en', k, p) });

export function I18nProvider(props: { lang: Lang; teamWord?: TeamWord; children: ReactNode }) {
  const { lang, teamWord } = props;
  const value = useMemo<I18n>(() => ({ lang, t: (k, p) => format(lang, k, p, teamWord) }), [lang, teamWord]);
  return <Ctx.Provider value={value}>{props.children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  return useContext(Ctx);
}
