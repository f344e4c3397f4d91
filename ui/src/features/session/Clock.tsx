/**
 * The agenda item's countdown, ticking on this device from the timer's `ends_at` (corrected by
 * the clock skew seen when the view arrived): a warning colour in the last minute, another at
 * zero and in overtime. The digits are not announced every second; the phase is.
 */
import { useEffect, useState } from 'react';
import type { Timer } from '../../api/session';
import { useI18n } from '../../i18n/react';
import { formatClock, remainingMs, timerPhase } from './model';

/** The current time, re-read every `ms` while `active`. */
export function useNow(active: boolean, ms = 250): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const h = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(h);
  }, [active, ms]);
  return now;
}

export function Clock(props: { timer: Timer | null; skew: number; className?: string; testid?: string }) {
  const { t } = useI18n();
  const running = !!props.timer?.running;
  const now = useNow(running);
  const left = remainingMs(props.timer, running ? now : Date.now(), props.skew);
  if (left === null) return null;
  const phase = timerPhase(left);
  const state = running ? t('session.timer.running') : t('session.timer.paused');
  const said = phase === 'over' ? t('session.timer.over') : phase === 'warning' ? t('session.timer.lastMinute') : state;
  return (
    <span
      className={`clock ${phase}${running ? ' running' : ' paused'}${props.className ? ` ${props.className}` : ''}`}
      role="timer"
      title={said}
      data-testid={props.testid ?? 'session-clock'}
      data-phase={phase}
      data-running={running}
    >
      <svg viewBox="0 0 24 24" aria-hidden="true">
        <circle cx="12" cy="13" r="8" />
        <path d="M12 9v4l2.5 2M9 2h6" />
      </svg>
      <span className="clock-digits">{formatClock(left)}</span>
      <span className="visually-hidden">{said}</span>
    </span>
  );
}
