/**
 * The **Proposals** view (`#proposals`): the list, one proposal (`#proposals/<id>`), a new draft
 * (`#proposals/new`, the facilitator's) and the decision log (`#proposals/log`). One column,
 * readable on a projector and on a phone.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { BackendError, type Backend } from '../../api/backend';
import type { Chart, Event, ProposalView } from '../../api/types';
import { useI18n } from '../../i18n/react';
import type { Toast } from '../toast/toasts';
import { excerpt, hashOfRoute, newsByProposal, phaseOf, routeOf, type ProposalNews, type ProposalRoute } from './model';
import { badgeKey, stateLine } from './words';
import { useProposalList } from './useProposals';
import { ProposalPage } from './ProposalPage';
import { DraftEditor } from './DraftEditor';
import { DecisionLog } from './DecisionLog';
import { TeamChoice, type TeamChoiceProps } from '../session/TeamChoice';
import './proposals.css';

export interface ProposalsProps {
  backend: Backend;
  chart: Chart | null;
  lastEvent: Event | null;
  version: number;
  /** The facilitator drafts, takes steps and hides comments. */
  facilitator: boolean;
  /** Not an observer, and the workspace is writable. */
  canWrite: boolean;
  /** A participant of a session says their team here (for the figures per team). */
  teamChoice?: TeamChoiceProps;
  message(t: Omit<Toast, 'id'>): void;
  panelId: string;
  tabId: string;
}

function useRoute(): [ProposalRoute, (r: ProposalRoute) => void] {
  const [route, setRoute] = useState<ProposalRoute>(() => routeOf(location.hash));
  useEffect(() => {
    const follow = () => setRoute(routeOf(location.hash));
    window.addEventListener('hashchange', follow);
    window.addEventListener('popstate', follow);
    return () => {
      window.removeEventListener('hashchange', follow);
      window.removeEventListener('popstate', follow);
    };
  }, []);
  const go = useCallback((r: ProposalRoute) => {
    const hash = hashOfRoute(r);
    if (location.hash !== hash) history.pushState(null, '', `${location.pathname}${location.search}${hash}`);
    setRoute(r);
    window.scrollTo?.(0, 0);
  }, []);
  return [route, go];
}

export function ProposalsView(props: ProposalsProps) {
  const { t } = useI18n();
  const [route, go] = useRoute();
  const list = useProposalList(props.backend, props.lastEvent, props.version);
  const news = useNews(props.backend, list.list);
  const fail = useCallbackFail(props.message);
  let body;
  if (route.at === 'proposal')
    body = <ProposalPage key={route.id} id={route.id} {...props} fail={fail} onBack={() => go({ at: 'list' })} onEdited={list.reload} />;
  else if (route.at === 'new' && props.facilitator)
    body = (
      <DraftEditor
        backend={props.backend}
        chart={props.chart}
        fail={fail}
        onCancel={() => go({ at: 'list' })}
        onSaved={(v) => {
          props.message({ kind: 'info', text: t('proposals.draft.created') });
          list.reload();
          go({ at: 'proposal', id: v.proposal.id });
        }}
      />
    );
  else if (route.at === 'log') body = <DecisionLog backend={props.backend} chart={props.chart} lastEvent={props.lastEvent} fail={fail} message={props.message} onBack={() => go({ at: 'list' })} onOpen={(id) => go({ at: 'proposal', id })} />;
  else body = <ProposalList list={list.list} error={list.error} reload={list.reload} facilitator={props.facilitator} go={go} news={news} teamChoice={props.teamChoice} />;
  return (
    <div className="proposals" role="tabpanel" id={props.panelId} aria-labelledby={props.tabId} data-testid="proposals">
      <div className="proposals-column">{body}</div>
    </div>
  );
}

const SEEN_KEY = 'kader.proposals.seen';

/**
 * What is new since this browser last opened the list (`GET /api/news`), read once per visit;
 * the visit is then remembered at the server's time.
 */
function useNews(backend: ProposalsProps['backend'], list: ProposalView[] | null): Map<string, ProposalNews> {
  const [news, setNews] = useState<Map<string, ProposalNews>>(new Map());
  const asked = useRef(false);
  useEffect(() => {
    if (!list || asked.current) return;
    asked.current = true;
    let since: number | null = null;
    try {
      const raw = localStorage.getItem(SEEN_KEY);
      since = raw && Number.isFinite(Number(raw)) ? Number(raw) : null;
      const now = Math.max(0, ...list.map((v) => v.now));
      if (now > 0) localStorage.setItem(SEEN_KEY, String(now));
    } catch {
      /* storage unavailable: nothing is marked new */
    }
    if (since !== null)
      backend.news(since).then(
        (n) => setNews(newsByProposal(n)),
        () => undefined,
      );
  }, [backend, list]);
  return news;
}

/** A refusal from the server as a message, never a crash. */
export type Fail = (e: unknown) => void;

function useCallbackFail(message: ProposalsProps['message']): Fail {
  const { t } = useI18n();
  return useCallback((e: unknown) => message({ kind: 'error', title: t('proposals.refused'), text: BackendError.from(e).message }), [message, t]);
}

function ProposalList(props: {
  list: ProposalView[] | null;
  error: BackendError | null;
  reload(): void;
  facilitator: boolean;
  go(r: ProposalRoute): void;
  news: Map<string, ProposalNews>;
  teamChoice?: TeamChoiceProps;
}) {
  const { t, lang } = useI18n();
  const { list } = props;
  return (
    <>
      <div className="proposals-head">
        <div>
          <h1>{t('proposals.title')}</h1>
          <p className="muted proposals-intro">{t('proposals.intro')}</p>
        </div>
        <div className="proposals-head-actions">
          <button type="button" className="button" onClick={() => props.go({ at: 'log' })} data-testid="decision-log-open">
            {t('proposals.log')}
          </button>
          {props.facilitator && (
            <button type="button" className="button primary" onClick={() => props.go({ at: 'new' })} data-testid="proposal-new">
              <svg viewBox="0 0 24 24" aria-hidden="true">
                <path d="M12 5v14M5 12h14" />
              </svg>
              {t('proposals.new')}
            </button>
          )}
        </div>
      </div>
      {props.teamChoice && <TeamChoice {...props.teamChoice} />}
      {props.error && !list && (
        <div className="proposals-empty" role="alert">
          <p>{props.error.message}</p>
          <button type="button" className="button" onClick={props.reload}>
            {t('proposals.retry')}
          </button>
        </div>
      )}
      {!list && !props.error && <p className="muted proposals-loading">{t('proposals.loadingList')}</p>}
      {list && list.length === 0 && (
        <div className="proposals-empty" data-testid="proposal-empty">
          <p>{t(props.facilitator ? 'proposals.emptyFacilitator' : 'proposals.emptyParticipant')}</p>
        </div>
      )}
      {list && list.length > 0 && (
        <ul className="proposal-list" data-testid="proposal-list">
          {list.map((v) => {
            const p = v.proposal;
            const phase = phaseOf(p.state, v.now);
            const fresh = props.news.get(p.id);
            return (
              <li key={p.id}>
                <a
                  className={`proposal-item phase-${phase}`}
                  href={hashOfRoute({ at: 'proposal', id: p.id })}
                  onClick={(e) => {
                    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                    e.preventDefault();
                    props.go({ at: 'proposal', id: p.id });
                  }}
                  data-testid="proposal-item"
                  data-state={phase}
                >
                  <div className="proposal-item-top">
                    <span className={`kind-tag kind-${p.proposed.kind}`}>{t(`proposals.kind.${p.proposed.kind}`)}</span>
                    <span className={`phase-tag phase-${phase}`}>{t(badgeKey(phase))}</span>
                    {p.privacy.anonymous && <span className="plain-tag">{t('proposals.anonymous')}</span>}
                    {fresh?.opened && (
                      <span className="news-tag" data-testid="proposal-news">
                        {t('proposals.news.opened')}
                      </span>
                    )}
                  </div>
                  <h2 className="proposal-item-title">{p.title}</h2>
                  <p className="proposal-item-state">{stateLine(t, lang, p.state, v.now)}</p>
                  <p className="proposal-item-why">{excerpt(p.rationale)}</p>
                  <div className="proposal-item-foot">
                    {phase === 'round_open' && (
                      <span className={`answer-flag ${v.answered ? 'done' : 'awaited'}`} data-testid="proposal-answered" data-answered={v.answered}>
                        {v.answered ? '✓ ' : '● '}
                        {t(v.answered ? 'proposals.answered' : 'proposals.awaited')}
                      </span>
                    )}
                    <span className="muted">{t('proposals.commentCount', { n: v.comments })}</span>
                    {!!fresh?.comments && (
                      <span className="news-text" data-testid="proposal-news-comments">
                        {t('proposals.news.comments', { n: fresh.comments })}
                      </span>
                    )}
                    {!!fresh?.steps && !fresh.opened && <span className="news-text">{t('proposals.news.steps')}</span>}
                  </div>
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
