/**
 * A round of delegation poker, for everyone in the session: the cell (domain × team), the round's
 * number and the seven cards. Everyone but observers picks in secret, the facilitator too (their
 * own card highlighted, the others only "picked"); the facilitator sees who has picked and reveals
 * all cards at once: the cards, their spread and a histogram. The revealed cards stay for the
 * discussion until the facilitator starts another round on the same cell (for the outliers) or
 * records the agreed level (the median to start with): as the desired level by default — the cards
 * ask who *should* decide — or as the current one when it takes effect now. Recording ends the
 * round, and the dock leaves everyone's screen.
 * Docked at the bottom right (a bottom sheet on a phone); it folds to a bar.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { Applies, SessionView } from '../../api/session';
import { useI18n } from '../../i18n/react';
import { levelMeaning, levelName } from '../board/labels';
import { LEVELS, type LevelN } from '../board/model';
import { isFacilitator, mayPick, pokerStats, roundKey, voters, type PokerStats } from './model';
import type { Names } from './useNames';

interface Props {
  view: SessionView;
  names: Names;
  busy: boolean;
  onPick(level: number): void;
  onReveal(): void;
  /** Another round on the same cell (after the reveal). */
  onAgain(): void;
  onRecord(level: number, applies: Applies): void;
  /** Folds the dock when it changes (everyone was brought to another view). */
  foldKey?: number;
}

export function PokerDock(props: Props) {
  const { t } = useI18n();
  const poker = props.view.poker!;
  const facilitator = isFacilitator(props.view);
  const observer = props.view.me.role === 'observer';
  const picking = mayPick(props.view);
  const [folded, setFolded] = useState(false);
  const titleId = useId();
  const key = roundKey(props.view);
  // A new round (or the next one on the same cell) unfolds the dock.
  useEffect(() => setFolded(false), [key]);
  const foldKey = useRef(props.foldKey);
  useEffect(() => {
    if (props.foldKey !== foldKey.current) setFolded(true);
    foldKey.current = props.foldKey;
  }, [props.foldKey]);

  const domain = props.names.domain(poker.domain) ?? t('poker.someDomain');
  const team = props.names.team(poker.team) ?? t('poker.someTeam');
  const stats = poker.revealed ? pokerStats(poker.cards.map((c) => c.level)) : null;
  const of = Math.max(voters(props.view).length + (poker.picked.includes('facilitator') ? 1 : 0), poker.picked.length);
  const pickedText = t('poker.pickedCount', { n: poker.picked.length, of });

  if (folded) {
    return (
      <div className="poker-dock folded" data-testid="poker">
        <button type="button" className="poker-unfold" onClick={() => setFolded(false)} aria-expanded="false" data-testid="poker-unfold">
          <CardsIcon />
          <span className="poker-unfold-text">
            <strong>{t('poker.title')}</strong>
            <span>
              {t('poker.round', { round: poker.round })} · {poker.revealed ? t('poker.revealedShort') : pickedText}
            </span>
          </span>
          <svg className="poker-chevron" viewBox="0 0 24 24" aria-hidden="true">
            <path d="m6 15 6-6 6 6" />
          </svg>
        </button>
      </div>
    );
  }

  return (
    <section className={`poker-dock${poker.revealed ? ' revealed' : ''}`} aria-labelledby={titleId} data-testid="poker" data-revealed={poker.revealed} data-round={poker.round}>
      <div className="poker-head">
        <CardsIcon />
        <h2 id={titleId}>{t('poker.title')}</h2>
        <span className="poker-round" data-testid="poker-round">
          {t('poker.round', { round: poker.round })}
        </span>
        <button type="button" className="icon-button small" onClick={() => setFolded(true)} aria-label={t('poker.fold')} title={t('poker.fold')} aria-expanded="true" data-testid="poker-fold">
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="m6 9 6 6 6-6" />
          </svg>
        </button>
      </div>
      <div className="poker-body">
        <p className="poker-cell" data-testid="poker-cell">
          <span className="poker-domain">{domain}</span>
          <span className="poker-team">{t('poker.forTeam', { name: team })}</span>
        </p>

        {!poker.revealed && <p className="poker-question">{facilitator ? t('poker.question.facilitator') : observer ? t('poker.question.observer') : t('poker.question')}</p>}

        {picking && (
          <ol className="poker-cards" aria-label={t('poker.cards')} data-testid="poker-cards">
            {LEVELS.map((n) => (
              <li key={n}>
                <button
                  type="button"
                  className={`poker-card lvl-${n}${poker.mine === n ? ' mine' : ''}`}
                  aria-pressed={poker.mine === n}
                  disabled={props.busy}
                  onClick={() => props.onPick(n)}
                  title={levelMeaning(t, n)}
                  data-testid="poker-card"
                  data-level={n}
                >
                  <span className="poker-card-n">{n}</span>
                  <span className="poker-card-name">{levelName(t, n)}</span>
                </button>
              </li>
            ))}
          </ol>
        )}
        {picking && (
          <p className="poker-mine" role="status" data-testid="poker-mine">
            {poker.mine ? t('poker.mine', { level: poker.mine, name: levelName(t, poker.mine as LevelN) }) : t('poker.pickOne')}
          </p>
        )}

        {!poker.revealed && <Picked view={props.view} text={pickedText} />}

        {poker.revealed && stats && <Revealed view={props.view} stats={stats} />}

        {facilitator && !poker.revealed && (
          <div className="poker-actions">
            <button type="button" className="button primary large" onClick={props.onReveal} disabled={props.busy || poker.picked.length === 0} data-testid="poker-reveal">
              {t('poker.reveal')}
            </button>
            {poker.picked.length === 0 && <span className="muted">{t('poker.revealWait')}</span>}
          </div>
        )}
        {facilitator && poker.revealed && stats && <Record key={key} stats={stats} team={team} busy={props.busy} onRecord={props.onRecord} onAgain={props.onAgain} />}
      </div>
    </section>
  );
}

function Picked(props: { view: SessionView; text: string }) {
  const { t } = useI18n();
  const poker = props.view.poker!;
  const picked = new Set(poker.picked);
  const people = voters(props.view);
  return (
    <div className="poker-picked">
      <p className="poker-count" data-testid="poker-count" data-picked={poker.picked.length}>
        {props.text}
      </p>
      <ul className="poker-people" aria-label={t('poker.who')} data-testid="poker-people">
        {picked.has('facilitator') && (
          <li className="picked" data-testid="poker-person" data-picked="true">
            <Tick />
            <span className="poker-person-name">{t('session.facilitator')}</span>
            <span className="poker-person-state">{t('poker.picked')}</span>
          </li>
        )}
        {people.map((p) => {
          const has = picked.has(p.id);
          const me = p.id === props.view.me.id;
          return (
            <li key={p.id} className={has ? 'picked' : undefined} data-testid="poker-person" data-picked={has} data-name={p.name}>
              {has ? <Tick /> : <span className="poker-wait" aria-hidden="true" />}
              <span className="poker-person-name">
                {p.name}
                {me && <span className="muted"> ({t('vision.you')})</span>}
              </span>
              <span className="poker-person-state">{has ? t('poker.picked') : t('poker.thinking')}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function Revealed(props: { view: SessionView; stats: PokerStats }) {
  const { t } = useI18n();
  const { stats } = props;
  const cards = [...props.view.poker!.cards].sort((a, b) => a.level - b.level || a.name.localeCompare(b.name));
  return (
    <div className="poker-revealed">
      <p className="poker-spread" data-testid="poker-spread" data-min={stats.min} data-max={stats.max}>
        {stats.min === stats.max ? t('poker.spreadNone', { level: stats.min }) : t('poker.spread', { min: stats.min, max: stats.max, n: stats.max - stats.min })}
      </p>
      <Histogram stats={stats} />
      <ul className="poker-revealed-cards" aria-label={t('poker.cardsShown')} data-testid="poker-revealed">
        {cards.map((c) => (
          <li key={c.who} data-testid="poker-revealed-card" data-level={c.level} data-name={c.name}>
            <span className={`chip lvl-${c.level}`}>{c.level}</span>
            <span className="poker-revealed-name">{c.who === 'facilitator' ? t('session.facilitator') : c.name}</span>
            <span className="muted">{levelName(t, c.level as LevelN)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One bar per level: the height (set through the DOM, not a style attribute) is its share of the peak. */
function Histogram(props: { stats: PokerStats }) {
  const { t } = useI18n();
  const { histogram, peak } = props.stats;
  return (
    <ol className="poker-histogram" aria-label={t('poker.histogram')} data-testid="poker-histogram">
      {histogram.map((count, i) => (
        <li key={i} className={count ? 'has' : undefined} aria-label={t('poker.histogramBar', { level: i + 1, n: count })} data-count={count}>
          <span className="poker-bar-count" aria-hidden="true">
            {count || ''}
          </span>
          <span className="poker-bar-track" aria-hidden="true">
            <span className={`poker-bar lvl-${i + 1}`} ref={(el) => el?.style.setProperty('--frac', String(peak ? count / peak : 0))} />
          </span>
          <span className="poker-bar-level" aria-hidden="true">
            {i + 1}
          </span>
        </li>
      ))}
    </ol>
  );
}

function Record(props: { stats: PokerStats; team: string; busy: boolean; onRecord(level: number, applies: Applies): void; onAgain(): void }) {
  const { t } = useI18n();
  const [level, setLevel] = useState<number>(props.stats.median);
  // The cards ask who should decide: the agreement is the desired level unless the group says it takes effect now.
  const [applies, setApplies] = useState<Applies>('desired');
  const name = useId();
  const appliesName = useId();
  const againHelp = useId();
  return (
    <div className="poker-record" data-testid="poker-record-step">
      <fieldset className="plain-fieldset">
        <legend>{t('poker.agreed')}</legend>
        <div className="poker-levels" role="radiogroup" aria-label={t('poker.agreed')}>
          {LEVELS.map((n) => (
            <label key={n} className={`poker-level lvl-${n}${n === level ? ' on' : ''}`} title={levelMeaning(t, n)}>
              <input type="radio" name={name} value={n} checked={n === level} onChange={() => setLevel(n)} data-testid="poker-agreed" data-level={n} />
              <span className="poker-level-n">{n}</span>
              {n === props.stats.median && <span className="poker-level-tag">{t('poker.median')}</span>}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="plain-fieldset poker-applies">
        <legend>{t('poker.applies')}</legend>
        <div className="poker-applies-options">
        {(['desired', 'now'] as const).map((a) => (
          <label key={a} className={`poker-applies-option${a === applies ? ' on' : ''}`}>
            <input type="radio" name={appliesName} value={a} checked={a === applies} onChange={() => setApplies(a)} data-testid="poker-applies" data-applies={a} />
            <span>
              <strong>{t(a === 'desired' ? 'poker.applies.desired' : 'poker.applies.now')}</strong>
              <span className="muted">{a === 'desired' ? t('poker.applies.desired.help') : t('poker.applies.now.help', { name: props.team })}</span>
            </span>
          </label>
        ))}
        </div>
      </fieldset>
      <div className="poker-record-actions">
        <button type="button" className="button primary large" onClick={() => props.onRecord(level, applies)} disabled={props.busy} data-testid="poker-record">
          {t('poker.record', { level, name: levelName(t, level as LevelN) })}
        </button>
        <button type="button" className="button large" onClick={props.onAgain} disabled={props.busy} data-testid="poker-again" aria-describedby={againHelp}>
          {t('poker.again')}
        </button>
      </div>
      <p className="muted poker-again-help" id={againHelp}>
        {t('poker.again.help')}
      </p>
    </div>
  );
}

function Tick() {
  return (
    <svg className="poker-tick" viewBox="0 0 24 24" aria-hidden="true">
      <path d="m5 12 5 5 9-10" />
    </svg>
  );
}

function CardsIcon() {
  return (
    <svg className="poker-icon" viewBox="0 0 24 24" aria-hidden="true">
      <rect x="3" y="6" width="11" height="15" rx="2" transform="rotate(-8 8.5 13.5)" />
      <rect x="10" y="3" width="11" height="15" rx="2" />
    </svg>
  );
}
