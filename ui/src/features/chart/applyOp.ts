/**
 * Applies an operation from the event stream to the chart the UI holds, so a change made
 * elsewhere shows at once without re-reading a 100,000-role chart. Returns `null` when the
 * operation cannot be applied exactly from what the chart knows (bulk changes, a person the chart
 * has not seen): the caller then reloads the chart.
 */
import type { Chart, ChartPerson, ChartRole, ChartTeam, Op, Relation, UnplacedPerson } from '../../api/types';

class Draft {
  roles: ChartRole[];
  teams: ChartTeam[];
  private roleAt = new Map<string, number>();
  private teamAt = new Map<string, number>();
  private copiedRoles = new Set<number>();
  private copiedTeams = new Set<number>();
  /**
   * Every person's name: the chart lists every person (in a role, or unplaced), and people added
   * in this operation join. A removed person leaves the map.
   */
  names = new Map<string, string>();

  constructor(chart: Chart) {
    this.roles = chart.roles.slice();
    this.teams = chart.teams.slice();
    this.reindex();
    for (const r of this.roles) for (const p of r.people) this.names.set(p.id, p.name);
    for (const p of chart.unplaced) this.names.set(p.id, p.name);
  }

  /** The people who fill no role, sorted by name (as the server sorts them). */
  unplaced(): UnplacedPerson[] {
    const placed = new Set<string>();
    for (const r of this.roles) for (const p of r.people) placed.add(p.id);
    const out: UnplacedPerson[] = [];
    for (const [id, name] of this.names) if (!placed.has(id)) out.push({ id, name });
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  private reindex(): void {
    this.roleAt.clear();
    this.teamAt.clear();
    this.roles.forEach((r, i) => this.roleAt.set(r.id, i));
    this.teams.forEach((t, i) => this.teamAt.set(t.id, i));
  }

  /** A copy of the role that this draft may change, or undefined. */
  role(id: string): ChartRole | undefined {
    const i = this.roleAt.get(id);
    if (i === undefined) return undefined;
    if (!this.copiedRoles.has(i)) {
      const r = this.roles[i];
      this.roles[i] = { ...r, dotted: r.dotted.slice(), people: r.people.slice() };
      this.copiedRoles.add(i);
    }
    return this.roles[i];
  }

  team(id: string): ChartTeam | undefined {
    const i = this.teamAt.get(id);
    if (i === undefined) return undefined;
    if (!this.copiedTeams.has(i)) {
      this.teams[i] = { ...this.teams[i] };
      this.copiedTeams.add(i);
    }
    return this.teams[i];
  }

  addRole(r: ChartRole): void {
    this.roleAt.set(r.id, this.roles.length);
    this.copiedRoles.add(this.roles.length);
    this.roles.push(r);
  }

  addTeam(t: ChartTeam): void {
    this.teamAt.set(t.id, this.teams.length);
    this.copiedTeams.add(this.teams.length);
    this.teams.push(t);
  }

  /** Changes every role that matches; roles are copied only when `f` changes them. */
  eachRole(matches: (r: ChartRole) => boolean, f: (r: ChartRole) => void): void {
    for (let i = 0; i < this.roles.length; i++) if (matches(this.roles[i])) f(this.role(this.roles[i].id)!);
  }

  eachTeam(matches: (t: ChartTeam) => boolean, f: (t: ChartTeam) => void): void {
    for (let i = 0; i < this.teams.length; i++) if (matches(this.teams[i])) f(this.team(this.teams[i].id)!);
  }

  removeRole(id: string): void {
    this.roles = this.roles.filter((r) => r.id !== id);
    this.reindexCopied();
  }

  removeTeam(id: string): void {
    this.teams = this.teams.filter((t) => t.id !== id);
    this.reindexCopied();
  }

  private reindexCopied(): void {
    // After a removal positions shift; copying again is harmless, so forget what was copied.
    this.copiedRoles.clear();
    this.copiedTeams.clear();
    this.reindex();
  }
}

function apply(d: Draft, op: Op): boolean {
  switch (op.op) {
    case 'add_person':
      d.names.set(op.person.id, op.person.name);
      return true;
    case 'update_person':
      d.names.set(op.person.id, op.person.name);
      d.eachRole((r) => r.people.some((p) => p.id === op.person.id), (r) => {
        r.people = r.people.map((p) => (p.id === op.person.id ? { ...p, name: op.person.name } : p));
      });
      return true;
    case 'remove_person':
      d.names.delete(op.id);
      d.eachRole((r) => r.people.some((p) => p.id === op.id), (r) => {
        r.people = r.people.filter((p) => p.id !== op.id);
      });
      return true;
    case 'add_role':
      d.addRole({ id: op.role.id, title: op.role.title, manager: null, dotted: [], team: null, people: [], external_id: op.role.external_id ?? null });
      return true;
    case 'update_role': {
      const r = d.role(op.role.id);
      if (!r) return false;
      r.title = op.role.title;
      r.external_id = op.role.external_id ?? null;
      return true;
    }
    case 'remove_role':
      d.removeRole(op.id);
      d.eachRole((r) => r.manager === op.id || r.dotted.includes(op.id), (r) => {
        if (r.manager === op.id) r.manager = null;
        r.dotted = r.dotted.filter((m) => m !== op.id);
      });
      d.eachTeam((t) => t.lead === op.id, (t) => (t.lead = null));
      return true;
    case 'add_team':
      d.addTeam({ id: op.team.id, name: op.team.name, parent: null, lead: null });
      return true;
    case 'update_team': {
      const t = d.team(op.team.id);
      if (!t) return false;
      t.name = op.team.name;
      return true;
    }
    case 'remove_team':
      d.removeTeam(op.id);
      d.eachRole((r) => r.team === op.id, (r) => (r.team = null));
      d.eachTeam((t) => t.parent === op.id, (t) => (t.parent = null));
      return true;
    case 'move_role': {
      const r = d.role(op.role);
      if (!r) return false;
      r.manager = op.manager;
      return true;
    }
    case 'connect':
      return relate(d, op.relation, true);
    case 'disconnect':
      return relate(d, op.relation, false);
    case 'add_domain':
    case 'update_domain':
    case 'remove_domain':
    case 'set_delegation':
      return true; // decision domains are not on the chart
    case 'batch':
      return op.ops.every((o) => apply(d, o));
    case 'load':
    case 'unload':
      return false;
  }
}

function relate(d: Draft, rel: Relation, on: boolean): boolean {
  switch (rel.kind) {
    case 'reports_to': {
      const r = d.role(rel.role);
      if (!r) return false;
      if (on) r.manager = rel.manager;
      else if (r.manager === rel.manager) r.manager = null;
      return true;
    }
    case 'dotted_line': {
      const r = d.role(rel.role);
      if (!r) return false;
      r.dotted = r.dotted.filter((m) => m !== rel.manager);
      if (on) r.dotted.push(rel.manager);
      return true;
    }
    case 'member_of': {
      const r = d.role(rel.role);
      if (!r) return false;
      if (on) r.team = rel.team;
      else if (r.team === rel.team) return false; // the role may be in another team too: re-read
      return true;
    }
    case 'leads': {
      const t = d.team(rel.team);
      if (!t) return false;
      if (on) t.lead = rel.role;
      else if (t.lead === rel.role) t.lead = null;
      return true;
    }
    case 'part_of': {
      const t = d.team(rel.team);
      if (!t) return false;
      if (on) t.parent = rel.parent;
      else if (t.parent === rel.parent) t.parent = null;
      return true;
    }
    case 'fills': {
      const r = d.role(rel.role);
      if (!r) return false;
      r.people = r.people.filter((p) => p.id !== rel.person);
      if (on) {
        const name = d.names.get(rel.person);
        if (name === undefined) return false;
        const person: ChartPerson = { id: rel.person, name, fte: rel.fte };
        r.people.push(person);
      }
      return true;
    }
    case 'supports':
    case 'coordinates':
      return true;
  }
}

export function applyOpToChart(chart: Chart, op: Op, seq: number): Chart | null {
  const d = new Draft(chart);
  if (!apply(d, op)) return null;
  return { seq, roles: d.roles, teams: d.teams, unplaced: d.unplaced() };
}
