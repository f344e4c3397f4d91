/**
 * The desktop implementation of `Backend`: Tauri commands named like the API functions, and the
 * `kader://change` event carrying the same `Event` JSON as the WebSocket.
 */
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { BackendError, type Backend } from './backend';
import type { Event, Op, TeamWord } from './types';
import { sessionClient } from './session';
import { proposalsClient } from './proposals';

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw BackendError.from(e);
  }
}

export function tauriBackend(): Backend {
  // The session is served by the workspace's own loopback server (the one participants join);
  // the window reaches it with that server's token. Asked each time: it changes with the
  // workspace.
  const session = sessionClient(() => call<{ base: string; token: string }>('server_endpoint'));
  // Proposals too: the same server, so the window and participants' browsers share them.
  const proposals = proposalsClient(() => call<{ base: string; token: string }>('server_endpoint'));
  return {
    ...session,
    ...proposals,
    kind: 'tauri',
    workspaceInfo: () => call('workspace_info'),
    chart: () => call('chart'),
    roleDetails: (id) => call('role_details', { id }),
    personDetails: (id) => call('person_details', { id }),
    teamDetails: (id) => call('team_details', { id }),
    search: (q, limit = 20) => call('search', { q, limit }),
    board: () => call('board'),
    lens: () => call('lens'),
    lensLine: (id) => call('lens_line', { id }),
    planRemoveRole: (request) => call('plan_remove_role', { request }),
    applyOp: (op: Op) => call('apply_op', { op }),
    undo: () => call('undo'),
    redo: () => call('redo'),
    // Tauri maps a Rust argument `team_word` to the JS key `teamWord` unless the command says
    // `rename_all = "snake_case"`; both keys are sent so either signature works.
    setTeamWord: (teamWord: TeamWord) => call('set_team_word', { teamWord, team_word: teamWord }),
    importCsv: (bytes) => call('import_csv', { bytes: Array.from(bytes) }),
    importDecisions: (bytes, name) => call('import_decisions', { bytes: Array.from(bytes), name }),
    exportDecisions: (lang) => call('export_decisions', { lang }),
    saveText: (name, text, _type, title) => call('save_text', { name, text, title }),
    // The desktop app's own collaboration server: its local URL and the token it accepts.
    collabEndpoint: () => call('collab_endpoint'),
    onLanguage: (f) => {
      let unlisten: (() => void) | undefined;
      let stopped = false;
      void listen<string>('kader://language', (e) => f(e.payload)).then((u) => (stopped ? u() : (unlisten = u)));
      return () => {
        stopped = true;
        unlisten?.();
      };
    },
    subscribe: (sub) => {
      let unlisten: (() => void) | undefined;
      let stopped = false;
      sub.onStatus?.('connecting');
      listen<Event>('kader://change', (e) => sub.onEvent(e.payload)).then(
        (f) => {
          if (stopped) f();
          else {
            unlisten = f;
            sub.onStatus?.('live');
          }
        },
        () => sub.onStatus?.('offline'),
      );
      return () => {
        stopped = true;
        unlisten?.();
      };
    },
  };
}
