import { useI18n } from '../../i18n/react';
import { Dialog } from '../settings/Dialog';

export function ConfirmRemove(props: { title: string | null; onConfirm(): void; onClose(): void }) {
  const { t } = useI18n();
  return (
    <Dialog open={props.title !== null} onClose={props.onClose} labelledBy="confirm-title" testid="confirm-dialog">
      <div className="dialog-body">
        <h2 id="confirm-title">{t('confirm.removeTitle', { title: props.title ?? '' })}</h2>
        <p>{t('confirm.removeBody')}</p>
        <div className="dialog-actions">
          <button type="button" className="button quiet" onClick={props.onClose} autoFocus>
            {t('confirm.cancel')}
          </button>
          <button
            type="button"
            className="button danger"
            data-testid="confirm-remove"
            onClick={() => {
              props.onConfirm();
              props.onClose();
            }}
          >
            {t('confirm.remove')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
