/**
 * A decision domain's editor, beside the board: name, driver, guardrails, owner team and review
 * date, saved as one operation (`add_domain` or `update_domain`, so one undo), and "Remove
 * domain" after a confirmation. Levels are not edited here: they are set cell by cell.
 */
import { useEffect, useRef, useState } from 'react';
import type { Brief, DecisionDomain, Op } from '../../api/types';
import { useI18n } from '../../i18n/react';
import { Dialog } from '../settings/Dialog';
import { GuardrailList } from './GuardrailList';
import { addDomain, emptyFields, fieldsOf, normalize, problemOf, removeDomain, updateDomain, type DomainFields } from './model';

interface Props {
  /** The domain as the board has it now; `null` for a new one. */
  domain: DecisionDomain | null;
  teams: Brief[];
  editable: boolean;
  apply(op: Op): Promise<boolean>;
  notify(text: string): void;
  onClose(): void;
}

export function DomainEditor(props: Props) {
  const { t } = useI18n();
  const { domain } = props;
  const [fields, setFields] = useState<DomainFields>(() => (domain ? fieldsOf(domain) : emptyFields()));
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const name = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLDivElement>(null);

  // A new domain starts in its name; an existing one opens on its heading (no keyboard popping
  // up on a phone just to look).
  useEffect(() => {
    if (domain) heading.current?.focus();
    else name.current?.focus();
    // On opening only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const set = (change: Partial<DomainFields>) => setFields((f) => ({ ...f, ...change }));
  const problem = problemOf(fields);
  const ownerMissing = !!fields.owner_team && !props.teams.some((x) => x.id === fields.owner_team);

  const save = async () => {
    setTried(true);
    if (problem || busy || !props.editable) {
      if (problem) name.current?.focus();
      return;
    }
    setBusy(true);
    const op = domain ? updateDomain(domain, fields) : addDomain(fields).op;
    const ok = await props.apply(op);
    setBusy(false);
    if (ok) {
      if (!domain) props.notify(t('board.added', { name: normalize(fields).name }));
      props.onClose();
    }
  };

  const remove = async () => {
    if (!domain) return;
    if (await props.apply(removeDomain(domain.id))) {
      props.notify(t('board.removed', { name: domain.name }));
      props.onClose();
    }
  };

  return (
    <aside className="details board-editor" aria-labelledby="domain-editor-title" data-testid="domain-editor" onKeyDown={(e) => e.key === 'Escape' && !confirming && props.onClose()}>
      <div className="details-top">
        <div className="details-kind" tabIndex={-1} ref={heading}>
          {t(domain ? 'board.editor.kind' : 'board.editor.new')}
        </div>
        <button type="button" className="icon-button" onClick={props.onClose} aria-label={t('board.editor.close')} title={t('board.editor.close')} data-testid="domain-editor-close">
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M6 6l12 12M18 6 6 18" />
          </svg>
        </button>
      </div>
      <h2 className="visually-hidden" id="domain-editor-title">
        {domain ? domain.name : t('board.editor.new')}
      </h2>
      <form
        className="domain-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <fieldset className="plain-fieldset" disabled={!props.editable}>
          <label className="labelled domain-field">
            <span>{t('board.editor.name')}</span>
            <input
              ref={name}
              className="field domain-name-input"
              value={fields.name}
              onChange={(e) => set({ name: e.target.value })}
              placeholder={t('board.editor.namePlaceholder')}
              aria-invalid={tried && !!problem}
              aria-describedby={tried && problem ? 'domain-name-problem' : undefined}
              data-testid="domain-name"
            />
            {tried && problem && (
              <span className="field-problem" id="domain-name-problem" role="alert">
                {t(problem)}
              </span>
            )}
          </label>

          <label className="labelled domain-field">
            <span>{t('board.editor.driver')}</span>
            <textarea className="field" rows={2} value={fields.driver} onChange={(e) => set({ driver: e.target.value })} placeholder={t('board.editor.driverPlaceholder')} data-testid="domain-driver" />
          </label>

          <div className="domain-field" role="group" aria-labelledby="guardrails-label">
            <span className="labelled" id="guardrails-label">
              {t('board.editor.guardrails')}
            </span>
            <p className="help">{t('board.editor.guardrailsHelp')}</p>
            <GuardrailList
              lines={fields.guardrails}
              onChange={(guardrails) => set({ guardrails })}
              className="rail-list"
              removeClassName="icon-button small"
              addClassName="button small"
              testids={{ list: 'domain-guardrails', line: 'domain-guardrail', add: 'domain-add-guardrail' }}
            />
          </div>

          <div className="row domain-field">
            <label className="labelled">
              <span>{t('board.editor.owner')}</span>
              <select className="field" value={fields.owner_team ?? ''} onChange={(e) => set({ owner_team: e.target.value || null })} data-testid="domain-owner">
                <option value="">{t('board.editor.noOwner')}</option>
                {ownerMissing && <option value={fields.owner_team!}>{t('board.editor.ownerGone')}</option>}
                {props.teams.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="labelled">
              <span>{t('board.editor.review')}</span>
              <input className="field" type="date" value={fields.review_date ?? ''} onChange={(e) => set({ review_date: e.target.value || null })} data-testid="domain-review" />
            </label>
          </div>
        </fieldset>

        <div className="details-actions">
          <button type="submit" className="button primary" disabled={busy || !props.editable} data-testid="domain-save">
            {t(domain ? 'board.editor.save' : 'board.editor.create')}
          </button>
          <button type="button" className="button quiet" onClick={props.onClose}>
            {t('board.editor.cancel')}
          </button>
          {domain && (
            <button type="button" className="button danger-quiet domain-remove" onClick={() => setConfirming(true)} disabled={!props.editable} data-testid="domain-remove">
              {t('board.editor.remove')}
            </button>
          )}
        </div>
      </form>

      <Dialog open={confirming} onClose={() => setConfirming(false)} labelledBy="domain-remove-title" testid="domain-remove-dialog">
        <div className="dialog-body">
          <h2 id="domain-remove-title">{t('board.confirmRemoveTitle', { name: domain?.name ?? '' })}</h2>
          <p>{t('board.confirmRemoveBody')}</p>
          <div className="dialog-actions">
            <button type="button" className="button quiet" onClick={() => setConfirming(false)} autoFocus>
              {t('board.editor.cancel')}
            </button>
            <button
              type="button"
              className="button danger"
              data-testid="domain-remove-confirm"
              onClick={() => {
                setConfirming(false);
                void remove();
              }}
            >
              {t('board.editor.remove')}
            </button>
          </div>
        </div>
      </Dialog>
    </aside>
  );
}
