/**
 * "Without a role" ("Zonder rol"): every person in the organization who fills no role, like the
 * bench of an org-design tool, each with "Place again": in a vacancy, or in a new role under a
 * chosen manager (one change each, through the ordinary operations).
 */
import { useId, useMemo, useState } from 'react';
import type { Chart, Op, UnplacedPerson } from '../../api/types';
import { useI18n } from '../../i18n/react';
import { Dialog } from '../settings/Dialog';
import { managers, placeOp, vacancies, type Placement } from './people';

export function UnplacedPanel(props: {
  open: boolean;
  chart: Chart | null;
  editable: boolean;
  apply(op: Op): Promise<boolean>;
  onPlaced(person: string, role: string): void;
  onClose(): void;
}) {
  const { t } = useI18n();
  const people = props.chart?.unplaced ?? [];
  return (
    <Dialog open={props.open} onClose={props.onClose} labelledBy="unplaced-title" testid="unplaced-panel">
      <div className="dialog-body unplaced">
        <h2 id="unplaced-title">{t('people.unplaced.title')}</h2>
        <p>{t('people.unplaced.intro')}</p>
        {people.length === 0 ? (
          <p className="help" data-testid="unplaced-empty">{t('people.unplaced.empty')}</p>
        ) : (
          <ul className="unplaced-list" aria-labelledby="unplaced-title">
            {people.map((p) => (
              <UnplacedRow key={p.id} person={p} chart={props.chart!} editable={props.editable} apply={props.apply} onPlaced={props.onPlaced} />
            ))}
          </ul>
        )}
        <div className="dialog-actions">
          <button type="button" className="button quiet" onClick={props.onClose} autoFocus>
            {t('people.unplaced.close')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}

function UnplacedRow(props: { person: UnplacedPerson; chart: Chart; editable: boolean; apply(op: Op): Promise<boolean>; onPlaced(person: string, role: string): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [how, setHow] = useState<'vacancy' | 'new'>('vacancy');
  const vacant = useMemo(() => vacancies(props.chart), [props.chart]);
  const bosses = useMemo(() => managers(props.chart), [props.chart]);
  const [role, setRole] = useState('');
  const [manager, setManager] = useState('');
  const [title, setTitle] = useState('');
  const ids = { vacancy: useId(), manager: useId(), title: useId() };
  const chosenRole = role || vacant[0]?.id || '';
  const chosenManager = manager || bosses[0]?.id || '';
  const ready = how === 'vacancy' ? !!chosenRole && vacant.some((v) => v.id === chosenRole) : !!chosenManager && title.trim() !== '';
  const name = props.person.name;
  return (
    <li className="unplaced-person" data-testid="unplaced-person">
      <div className="unplaced-head">
        <span className="unplaced-name">{name}</span>
        {!open && (
          <button type="button" className="button quiet" disabled={!props.editable} onClick={() => setOpen(true)} data-testid="place-again">
            {t('people.unplaced.place')}
          </button>
        )}
      </div>
      {open && (
        <form
          className="unplaced-form"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!ready) return;
            const team = props.chart.roles.find((r) => r.id === chosenManager)?.team ?? null;
            const to: Placement = how === 'vacancy' ? { kind: 'vacancy', role: chosenRole } : { kind: 'new', manager: chosenManager, title, team };
            const roleTitle = how === 'vacancy' ? (vacant.find((v) => v.id === chosenRole)?.title ?? '') : title.trim();
            if (await props.apply(placeOp(props.person.id, to, t('people.unplaced.label', { person: name })))) props.onPlaced(name, roleTitle);
          }}
        >
          <div className="choices" role="radiogroup" aria-label={t('people.unplaced.place')}>
            <label className="choice">
              <input type="radio" name={`place-${props.person.id}`} checked={how === 'vacancy'} onChange={() => setHow('vacancy')} data-testid="place-vacancy" />
              {t('people.unplaced.vacancy')}
            </label>
            <label className="choice">
              <input type="radio" name={`place-${props.person.id}`} checked={how === 'new'} onChange={() => setHow('new')} data-testid="place-new" />
              {t('people.unplaced.newRole')}
            </label>
          </div>
          {how === 'vacancy' ? (
            <label className="labelled" htmlFor={ids.vacancy}>
              {t('people.unplaced.vacancy')}
              <select id={ids.vacancy} className="field" value={chosenRole} onChange={(e) => setRole(e.target.value)} disabled={vacant.length === 0} data-testid="place-vacancy-role">
                {vacant.length === 0 && <option value="">{t('people.unplaced.noVacancy')}</option>}
                {vacant.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.title}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <div className="row">
              <label className="labelled" htmlFor={ids.manager}>
                {t('people.unplaced.newRole')}
                <select id={ids.manager} className="field" value={chosenManager} onChange={(e) => setManager(e.target.value)} data-testid="place-manager">
                  {bosses.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.people.length ? `${m.title} — ${m.people.join(', ')}` : m.title}
                    </option>
                  ))}
                </select>
              </label>
              <label className="labelled" htmlFor={ids.title}>
                {t('people.unplaced.newTitle')}
                <input id={ids.title} className="field" value={title} onChange={(e) => setTitle(e.target.value)} data-testid="place-title" />
              </label>
            </div>
          )}
          <div className="dialog-actions compact">
            <button type="button" className="button quiet" onClick={() => setOpen(false)}>
              {t('confirm.cancel')}
            </button>
            <button type="submit" className="button" disabled={!ready || !props.editable} data-testid="place-confirm">
              {t('people.unplaced.confirm')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
