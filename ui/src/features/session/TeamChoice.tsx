/**
 * A participant says which team they belong to — optional, and only ever used for the figures
 * per team of a consent round, which are shown from five answers of a team up (and, in an
 * anonymous round, recorded only for teams of at least five people).
 */
import { useId, useState } from 'react';
import type { ChartTeam } from '../../api/types';
import { useI18n } from '../../i18n/react';

export interface TeamChoiceProps {
  /** The team said so far (`null`: not said). */
  team: string | null;
  teams: readonly ChartTeam[];
  /** Says it to the server; resolves `false` when it was refused (the caller showed why). */
  onChoose(team: string | null): Promise<boolean>;
  /** Shorter, for inside the consent form. */
  compact?: boolean;
}

export function TeamChoice(props: TeamChoiceProps) {
  const { t } = useI18n();
  const id = useId();
  const hint = useId();
  const [busy, setBusy] = useState(false);
  if (props.teams.length === 0) return null;
  const sorted = [...props.teams].sort((a, b) => a.name.localeCompare(b.name));
  // A team that no longer exists reads as "not said".
  const value = props.team && sorted.some((x) => x.id === props.team) ? props.team : '';
  return (
    <div className={`team-choice${props.compact ? ' compact' : ''}`} data-testid="team-choice">
      <label htmlFor={id}>{t('session.team.label')}</label>
      <select
        id={id}
        className="field"
        value={value}
        disabled={busy}
        aria-describedby={hint}
        onChange={async (e) => {
          setBusy(true);
          await props.onChoose(e.target.value || null);
          setBusy(false);
        }}
        data-testid="team-choice-select"
      >
        <option value="">{t('session.team.none')}</option>
        {sorted.map((x) => (
          <option key={x.id} value={x.id}>
            {x.name}
          </option>
        ))}
      </select>
      <p id={hint} className="muted small-note">
        {t('session.team.hint')}
      </p>
    </div>
  );
}
