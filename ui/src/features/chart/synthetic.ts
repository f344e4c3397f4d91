/**
 * Synthetic organizations for tests and the local preview: deterministic (a seeded generator),
 * shaped like real ones (spans of 3–12, a few teams per level, some vacancies).
 */
import type { Chart, ChartRole, ChartTeam } from '../../api/types';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const id = (prefix: number, i: number) => `${prefix.toString(16).padStart(8, '0')}-0000-7000-8000-${i.toString(16).padStart(12, '0')}`;

const TITLES = ['Engineer', 'Analyst', 'Coordinator', 'Specialist', 'Advisor', 'Designer', 'Operator', 'Accountant'];
const FIRST = ['Anna', 'Bart', 'Chloé', 'Dirk', 'Els', 'Françoise', 'Griet', 'Hélène', 'Jan', 'Koen', 'Lies', 'Noémie'];
const LAST = ['Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Goossens', 'Wouters', 'De Smet'];

/** An org of `size` roles: a breadth-first tree with spans drawn from 3–12. */
export function syntheticChart(size: number, seed = 7): Chart {
  const r = rng(seed);
  const roles: ChartRole[] = [];
  const teams: ChartTeam[] = [];
  const queue: number[] = [];
  const add = (manager: number | null, team: string | null): number => {
    const i = roles.length;
    const vacant = r() < 0.06;
    roles.push({
      id: id(1, i),
      title: manager === null ? 'Chief executive' : `${TITLES[Math.floor(r() * TITLES.length)]} ${i}`,
      manager: manager === null ? null : roles[manager].id,
      dotted: [],
      team,
      people: vacant ? [] : [{ id: id(2, i), name: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(r() * LAST.length)]}`, fte: r() < 0.2 ? 0.8 : 1 }],
      external_id: String(1000 + i),
    });
    return i;
  };
  queue.push(add(null, null));
  let head = 0;
  while (roles.length < size && head < queue.length) {
    const m = queue[head++];
    const span = 3 + Math.floor(r() * 10);
    const depth = roles[m].manager === null ? 0 : 1;
    for (let k = 0; k < span && roles.length < size; k++) {
      let team = roles[m].team;
      if (depth === 0 || (r() < 0.15 && teams.length < 400)) {
        const t = { id: id(3, teams.length), name: `Team ${teams.length + 1}`, parent: team, lead: null };
        teams.push(t);
        team = t.id;
      }
      queue.push(add(m, team));
    }
  }
  if (roles.length > 20) roles[20].dotted.push(roles[1].id);
  return { seq: 1, roles, teams, unplaced: [] };
}
