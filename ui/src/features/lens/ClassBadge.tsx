/**
 * The lens's visual vocabulary in the DOM: a class's icon, its line sample (the same style as on
 * the chart) and a badge with both and the class's name. Never colour alone.
 */
import type { LineClass } from '../../api/types';
import { useI18n } from '../../i18n/react';
import { LINE_STYLES, sampleStrokes } from './classes';
import { className, type Signal } from './wording';

const CLASS_ICONS: Record<LineClass, React.ReactNode> = {
  // Lifts the team up.
  support: <path d="M12 19V6M6.5 11.5 12 6l5.5 5.5" />,
  // Aligns both ways.
  coordination: <path d="M4 8.5h14.5M15 5l3.5 3.5L15 12M20 15.5H5.5M9 12l-3.5 3.5L9 19" />,
  // Holds the decision: a lock.
  control: (
    <>
      <rect x="5" y="11" width="14" height="9" rx="2" />
      <path d="M8.5 11V8a3.5 3.5 0 0 1 7 0v3" />
    </>
  ),
  // Not known yet.
  unclassified: (
    <>
      <path d="M9.3 9.2a2.8 2.8 0 1 1 3.9 2.6c-.8.3-1.2 1-1.2 1.8v.6" />
      <path d="M12 17.6v.1" />
    </>
  ),
};

export function ClassIcon(props: { c: LineClass; className?: string }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" className={`lens-icon lens-fg-${props.c} ${props.className ?? ''}`}>
      {CLASS_ICONS[props.c]}
    </svg>
  );
}

/** A short horizontal piece of a class's line, drawn as on the chart. */
export function LineSample(props: { c: LineClass; length?: number }) {
  const length = props.length ?? 34;
  const h = 12;
  return (
    <svg viewBox={`0 0 ${length} ${h}`} width={length} height={h} aria-hidden="true" className="lens-sample">
      {sampleStrokes(props.c, h / 2, length).map((s, i) => (
        <path key={i} d={s.d} stroke={LINE_STYLES[props.c].color} strokeWidth={s.width} strokeDasharray={s.dash} strokeLinecap={s.cap} />
      ))}
    </svg>
  );
}

/** The class as a badge: line sample, icon, name. */
export function ClassBadge(props: { c: LineClass; large?: boolean; testid?: string }) {
  const { t } = useI18n();
  return (
    <span className={`lens-badge lens-badge-${props.c}${props.large ? ' large' : ''}`} data-testid={props.testid} data-class={props.c}>
      <ClassIcon c={props.c} />
      <span>{className(t, props.c)}</span>
      <LineSample c={props.c} length={props.large ? 40 : 26} />
    </span>
  );
}

const SIGNAL_ICONS: Record<Signal, React.ReactNode> = {
  // The delegation board.
  decision: (
    <>
      <rect x="3" y="4" width="18" height="16" rx="2" />
      <path d="M3 10h18M9 4v16" />
    </>
  ),
  // A list of accountabilities.
  accountability: <path d="M10 6.5h10M10 12h10M10 17.5h10M4 6.5l1.2 1.2L7.5 5.4M4 12l1.2 1.2 2.3-2.3M4 17.5l1.2 1.2 2.3-2.3" />,
  // One report under one manager: a chain of two.
  pass_through: (
    <>
      <rect x="8" y="3" width="8" height="6" rx="1.5" />
      <rect x="8" y="15" width="8" height="6" rx="1.5" />
      <path d="M12 9v6" />
    </>
  ),
  // Steps up the hierarchy.
  decision_distance: <path d="M4 20h4v-4h4v-4h4V8h4M17 4h3v3" />,
  // Many reports.
  wide_span: (
    <>
      <rect x="9" y="3" width="6" height="4" rx="1" />
      <path d="M12 7v4M3 17l9-6 9 6M7.5 17v3M12 11v9M16.5 17v3" />
    </>
  ),
  missing_decisions: (
    <>
      <circle cx="12" cy="12" r="8.5" strokeDasharray="3 3" />
      <path d="M12 8v5M12 16.2v.1" />
    </>
  ),
  // Decisions that are the role's own, as a team's lead: a person within a circle.
  led_decisions: (
    <>
      <circle cx="12" cy="12" r="8.5" strokeDasharray="3 3" />
      <circle cx="12" cy="10" r="2.5" />
      <path d="M8 16.5c1-2 2.4-3 4-3s3 1 4 3" />
    </>
  ),
  // Mapped, without a current level: a gauge with no needle.
  no_current_level: (
    <>
      <circle cx="12" cy="12" r="8.5" strokeDasharray="3 3" />
      <path d="M7.5 14.5a5 5 0 0 1 9 0" />
    </>
  ),
  missing_accountabilities: (
    <>
      <circle cx="12" cy="12" r="8.5" strokeDasharray="3 3" />
      <path d="M12 8v5M12 16.2v.1" />
    </>
  ),
};

export function SignalIcon(props: { s: Signal }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" className="signal-icon">
      {SIGNAL_ICONS[props.s]}
    </svg>
  );
}
