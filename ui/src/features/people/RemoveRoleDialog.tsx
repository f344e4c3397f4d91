/**
 * Removing a role asks what happens to its direct reports (to the manager above, by default) and
 * to its person (stays in the organization without a role, by default, or leaves), shows the
 * server's plan of it by name with the people figure before and after, and applies the plan's
 * one operation (one change, one undo).
 */
import { useEffect, useState } from 'react';
import { BackendError, type Backend } from '../../api/backend';
import type { Op, PersonFate, RemovalPlan, Reports } from '../../api/types';
import { useI18n } from '../../i18n/react';
import { Dialog } from '../settings/Dialog';
import { removalLines } from './people';

export function RemoveRoleDialog(props: {
  backend: Backend | null;
  /** The role to remove; `null` closes the dialog. */
  role: { id: string; title: string } | null;
  /** Applies the plan's operation; true when it was applied. */
  onRemove(op: Op, plan: RemovalPlan): Promise<boolean>;
  onClose(): void;
}) {
  const { t } = useI18n();
  const [reports, setReports] = useState<Reports>('to_manager_above');
  const [person, setPerson] = useState<PersonFate>('unplaced');
  const [plan, setPlan] = useState<RemovalPlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = props.role?.id ?? null;

  // Each opening starts from the defaults.
  useEffect(() => {
    setReports('to_manager_above');
    setPerson('unplaced');
  }, [id]);

  useEffect(() => {
    if (!id || !props.backend) return;
    let stale = false;
    setPlan(null);
    setError(null);
    props.backend.planRemoveRole({ role: id, reports, person }).then(
      (p) => !stale && setPlan(p),
      (e) => !stale && setError(BackendError.from(e).message),
    );
    return () => {
      stale = true;
    };
  }, [id, reports, person, props.backend]);

  const hasReports = (plan?.reports.length ?? 0) > 0;
  const hasPeople = (plan ? plan.unplaced.length + plan.leaving.length : 0) > 0;
  return (
    <Dialog open={props.role !== null} onClose={props.onClose} labelledBy="remove-role-title" testid="remove-role-dialog">
      <div className="dialog-body remove-role">
        <h2 id="remove-role-title">{t('people.remove.title', { title: props.role?.title ?? '' })}</h2>
        {hasReports && plan?.had_manager && (
          <fieldset className="fieldset">
            <legend>{t('people.remove.reportsHeading')}</legend>
            <div className="choices" role="radiogroup" aria-label={t('people.remove.reportsHeading')}>
              {(['to_manager_above', 'top_level'] as const).map((r) => (
                <label key={r} className="choice">
                  <input type="radio" name="remove-reports" value={r} checked={reports === r} onChange={() => setReports(r)} data-testid={`remove-reports-${r}`} />
                  {t(r === 'to_manager_above' ? 'people.remove.reports.up' : 'people.remove.reports.top')}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        {hasPeople && (
          <fieldset className="fieldset">
            <legend>{t('people.remove.personHeading')}</legend>
            <div className="choices" role="radiogroup" aria-label={t('people.remove.personHeading')}>
              {(['unplaced', 'leaves'] as const).map((p) => (
                <label key={p} className="choice">
                  <input type="radio" name="remove-person" value={p} checked={person === p} onChange={() => setPerson(p)} data-testid={`remove-person-${p}`} />
                  {t(p === 'unplaced' ? 'people.remove.person.unplaced' : 'people.remove.person.leaves')}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        <div className="remove-role-plan" aria-live="polite" data-testid="remove-plan">
          {error ? (
            <p role="alert">{error}</p>
          ) : plan ? (
            <ul>
              {removalLines(plan, (n, name) => t('people.remove.times', { n, name })).map((l) => (
                <li key={l.key}>{t(l.key, l.vars)}</li>
              ))}
            </ul>
          ) : (
            <p>{t('people.remove.loading')}</p>
          )}
        </div>
        <div className="dialog-actions">
          <button type="button" className="button quiet" onClick={props.onClose} autoFocus>
            {t('confirm.cancel')}
          </button>
          <button
            type="button"
            className="button danger"
            data-testid="confirm-remove"
            disabled={!plan || busy}
            onClick={async () => {
              if (!plan) return;
              setBusy(true);
              const ok = await props.onRemove(plan.op, plan);
              setBusy(false);
              if (ok) props.onClose();
            }}
          >
            {t('people.remove.confirm')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
