/**
 * The one interface every screen talks to. Two implementations: `web` (HTTP + WebSocket to
 * `kader serve`) and `tauri` (IPC commands and events of the desktop window). Both carry the
 * same JSON: the types of docs/api.md.
 */
import type {
  ApiError,
  Board,
  Chart,
  Code,
  DecisionsReport,
  Event,
  ImportReport,
  LensView,
  LineReport,
  Op,
  PersonDetails,
  RemovalPlan,
  RemoveRoleRequest,
  RoleDetails,
  SearchHit,
  SeqAnswer,
  TeamDetails,
  TeamWord,
  WorkspaceInfo,
} from './types';
import type { CollabEndpoint } from './collab';
import type { SessionApi } from './session';
import type { ProposalsApi } from './proposals';

export type { CollabEndpoint } from './collab';

/** Live connection state of the event stream. */
export type LiveStatus = 'connecting' | 'live' | 'offline';

export interface Subscription {
  /** Called for every change, from this client or another. */
  onEvent(event: Event): void;
  /**
   * Called when the stream's state changes. After `offline` → `live` events may have been
   * missed, so callers re-read what they show.
   */
  onStatus?(status: LiveStatus): void;
}

/**
 * Everything the UI asks of Kader. The workshop session's calls (`SessionApi`: `session`,
 * `startSession`, `updateSession`, … `subscribeSession`) are in `./session.ts`; the proposals'
 * (`ProposalsApi`: `proposals`, `stepProposal`, `postComment`, …) in `./proposals.ts`.
 */
export interface Backend extends SessionApi, ProposalsApi {
  readonly kind: 'web' | 'tauri';
  workspaceInfo(): Promise<WorkspaceInfo>;
  chart(): Promise<Chart>;
  roleDetails(id: string): Promise<RoleDetails>;
  personDetails(id: string): Promise<PersonDetails>;
  teamDetails(id: string): Promise<TeamDetails>;
  search(q: string, limit?: number): Promise<SearchHit[]>;
  /** The delegation board: every decision domain with its entries, every team. */
  board(): Promise<Board>;
  /** The hierarchy lens: each reporting line's class and the organization-wide figures. */
  lens(): Promise<LensView>;
  /** One reporting line (from role `id` up to its manager) with its reasons. */
  lensLine(id: string): Promise<LineReport>;
  /**
   * Plans a role's removal: where its reports go, who stays without a role, who leaves, and the
   * one operation (`op`) that does it. Changes nothing: send `op` with `applyOp`.
   */
  planRemoveRole(request: RemoveRoleRequest): Promise<RemovalPlan>;
  applyOp(op: Op): Promise<{ seq: number }>;
  undo(): Promise<SeqAnswer>;
  redo(): Promise<SeqAnswer>;
  setTeamWord(teamWord: TeamWord): Promise<WorkspaceInfo>;
  importCsv(bytes: Uint8Array): Promise<ImportReport>;
  /** Imports a decision matrix (CSV, English or Dutch); `name` is the file's name. */
  importDecisions(bytes: Uint8Array, name: string): Promise<DecisionsReport>;
  /** The decision matrix as CSV text: English (`,`) or Dutch (`;`). */
  exportDecisions(lang: 'en' | 'nl'): Promise<string>;
  /**
   * Saves an export as a file: in a browser a download of `name`; in the desktop window the
   * native save dialog (titled `title`), `name` proposed. Answers where it went (the file name,
   * or the path chosen), or `null` when the user cancelled.
   */
  saveText(name: string, text: string, type: string, title: string): Promise<string | null>;
  /**
   * Where the collaborative documents (the vision) are served over the y-websocket protocol:
   * the base URL to which the document name is appended, and a token to send as `?token=` when
   * no cookie authenticates the handshake.
   */
  collabEndpoint(): Promise<CollabEndpoint>;
  /** Starts listening to changes; returns the function that stops it. */
  subscribe(sub: Subscription): () => void;
  /**
   * The desktop window's menu can switch the language (`kader://language`, "en" or "nl"); the
   * browser has no such source.
   */
  onLanguage?(f: (lang: string) => void): () => void;
}

const CODES: readonly Code[] = ['not_found', 'invalid', 'cycle', 'read_only', 'unauthorized', 'forbidden', 'too_many', 'internal'];

/** The one error that crosses the boundary: `{code, message}`; `message` is for people. */
export class BackendError extends Error implements ApiError {
  readonly code: Code;
  constructor(code: Code, message: string) {
    super(message);
    this.name = 'BackendError';
    this.code = code;
  }

  /** Reads anything a transport threw or answered into a `BackendError`. */
  static from(value: unknown, fallback = 'Something went wrong.'): BackendError {
    if (value instanceof BackendError) return value;
    if (typeof value === 'string') {
      try {
        return BackendError.from(JSON.parse(value), value);
      } catch {
        return new BackendError('internal', value || fallback);
      }
    }
    if (value && typeof value === 'object') {
      const v = value as { code?: unknown; message?: unknown };
      const code = CODES.includes(v.code as Code) ? (v.code as Code) : 'internal';
      const message = typeof v.message === 'string' && v.message ? v.message : fallback;
      return new BackendError(code, message);
    }
    return new BackendError('internal', fallback);
  }
}
