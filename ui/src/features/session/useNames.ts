/**
 * The names of decision domains and teams, for a poker round (which names them by id): read from
 * the board when `active`, again after changes.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Backend } from '../../api/backend';
import type { Board } from '../../api/types';

export interface Names {
  domains: { id: string; name: string }[];
  teams: { id: string; name: string }[];
  domain(id: string): string | null;
  team(id: string): string | null;
}

export function namesOf(board: Pick<Board, 'domains' | 'teams'> | null): Names {
  const domains = (board?.domains ?? []).map((d) => ({ id: d.id, name: d.name }));
  const teams = (board?.teams ?? []).map((x) => ({ id: x.id, name: x.name }));
  const d = new Map(domains.map((x) => [x.id, x.name]));
  const tm = new Map(teams.map((x) => [x.id, x.name]));
  return { domains, teams, domain: (id) => d.get(id) ?? null, team: (id) => tm.get(id) ?? null };
}

export function useNames(backend: Backend | null, version: number, active: boolean): Names {
  const [board, setBoard] = useState<Board | null>(null);
  useEffect(() => {
    if (!backend || !active) return;
    let stale = false;
    const h = setTimeout(() => {
      backend.board().then(
        (b) => !stale && setBoard(b),
        () => undefined, // names are a nicety: the round still works with "this domain"
      );
    }, 150);
    return () => {
      stale = true;
      clearTimeout(h);
    };
  }, [backend, version, active]);
  return useMemo(() => namesOf(board), [board]);
}
