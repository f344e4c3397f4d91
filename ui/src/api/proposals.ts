/**
 * Proposals, consent rounds, comments and the decision log over HTTP (`docs/proposals.md`): one
 * client for both transports, reached like the session (`./http.ts`): same-origin in the browser,
 * the workspace's loopback server (`server_endpoint`) in the desktop window.
 */
import { endpointCall, type Endpoint } from './http';
import type { Answer, Comment, CommentDraft, Decision, News, PostedComment, Preview, ProposalDraft, ProposalEdit, ProposalView, Step } from './types';

export type ExportFormat = 'markdown' | 'html';

/** The proposals' calls, the same for both transports (part of `Backend`). */
export interface ProposalsApi {
  /** Every proposal the caller may see, newest first (participants see no drafts). */
  proposals(): Promise<ProposalView[]>;
  proposal(id: string): Promise<ProposalView>;
  createProposal(draft: ProposalDraft): Promise<ProposalView>;
  editProposal(id: string, edit: ProposalEdit): Promise<ProposalView>;
  stepProposal(id: string, step: Step): Promise<ProposalView>;
  proposalPreview(id: string): Promise<Preview>;
  answerProposal(id: string, answer: Answer): Promise<ProposalView>;
  /** The thread in posting order; `parent` links replies. */
  proposalComments(id: string): Promise<Comment[]>;
  postComment(id: string, draft: CommentDraft): Promise<PostedComment>;
  /** Edits one's own comment; `key` is the edit key of an anonymous one. */
  editComment(id: string, body: string, key?: string | null): Promise<void>;
  deleteComment(id: string, key?: string | null): Promise<void>;
  hideComment(id: string, reason: string): Promise<void>;
  reactToComment(id: string, key: string, on: boolean): Promise<void>;
  decisionLog(): Promise<Decision[]>;
  news(since: number): Promise<News>;
  exportProposal(id: string, format: ExportFormat): Promise<string>;
  exportDecisionLog(format: ExportFormat): Promise<string>;
}

export function proposalsClient(endpoint: () => Promise<Endpoint>, fetcher?: typeof fetch): ProposalsApi {
  const call = endpointCall(endpoint, fetcher);
  const enc = encodeURIComponent;
  const keyed = (key?: string | null) => (key ? { key } : {});
  return {
    proposals: () => call('GET', '/api/proposals'),
    proposal: (id) => call('GET', `/api/proposals/${enc(id)}`),
    createProposal: (draft) => call('POST', '/api/proposals', draft),
    editProposal: (id, edit) => call('PUT', `/api/proposals/${enc(id)}`, edit),
    stepProposal: (id, step) => call('POST', `/api/proposals/${enc(id)}/step`, step),
    proposalPreview: (id) => call('GET', `/api/proposals/${enc(id)}/preview`),
    answerProposal: (id, answer) => call('POST', `/api/proposals/${enc(id)}/answer`, answer),
    proposalComments: (id) => call('GET', `/api/proposals/${enc(id)}/comments`),
    postComment: (id, draft) => call('POST', `/api/proposals/${enc(id)}/comments`, draft),
    editComment: async (id, body, key) => {
      await call('PUT', `/api/comments/${enc(id)}`, { body, ...keyed(key) });
    },
    deleteComment: async (id, key) => {
      await call('POST', `/api/comments/${enc(id)}/delete`, keyed(key));
    },
    hideComment: async (id, reason) => {
      await call('POST', `/api/comments/${enc(id)}/hide`, { reason });
    },
    reactToComment: async (id, key, on) => {
      await call('POST', `/api/comments/${enc(id)}/react`, { key, on });
    },
    decisionLog: () => call('GET', '/api/decision-log'),
    news: (since) => call('GET', `/api/news?since=${Math.max(0, Math.floor(since))}`),
    exportProposal: (id, format) => call('GET', `/api/proposals/${enc(id)}/export?format=${format}`, undefined, true),
    exportDecisionLog: (format) => call('GET', `/api/decision-log/export?format=${format}`, undefined, true),
  };
}
